using System.Diagnostics;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>Runs the grader built beside the tests (NeuroExercises.Grader.dll) as a separate process.</summary>
internal static class GraderProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "NeuroExercises.Grader.dll");

    public static Process Start(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi)!;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null)
    {
        using var p = Start(args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(4));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"grader {string.Join(' ', args)} did not finish; stdout: {await stdout}\nstderr: {await stderr}");
        }

        return (p.ExitCode, await stdout, await stderr);
    }
}
