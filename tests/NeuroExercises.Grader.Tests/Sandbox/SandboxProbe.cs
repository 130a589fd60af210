using System.Text;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Tests.Sandbox;

/// <summary>Runs a program (python3 scripts mostly: it can call any system call through ctypes) in a sandboxed child and collects what it printed.</summary>
internal static class SandboxProbe
{
    public const string Python = "/usr/bin/python3";

    internal sealed record Outcome(SandboxExit Exit, string Stdout, string Stderr, IsolationReport Isolation, IReadOnlyList<string> CgroupDirectories);

    public static async Task<Outcome> RunAsync(
        SandboxSession session, string program, IReadOnlyList<string> args, string? scratch = null, Func<SandboxSpec, SandboxSpec>? edit = null,
        TimeSpan? limit = null, string? stdin = null)
    {
        var own = scratch is null;
        scratch ??= Directory.CreateTempSubdirectory("neuro-sandbox-test-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(scratch, (UnixFileMode)0b111_111_111);
        }

        try
        {
            var spec = new SandboxSpec(program, args, 0, scratch);
            spec = edit?.Invoke(spec) ?? spec;
            using var child = SandboxedProcess.Start(spec, session);
            var dirs = child.Cgroup?.Directories ?? [];
            if (stdin is not null)
            {
                await child.Process.StandardInput.WriteAsync(stdin);
            }

            child.Process.StandardInput.Close();
            var stdout = child.Process.StandardOutput.ReadToEndAsync();
            var stderr = child.Process.StandardError.ReadToEndAsync();
            var exit = await child.WaitAsync(limit ?? TimeSpan.FromSeconds(30));
            await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(2000));
            return new Outcome(exit, stdout.IsCompleted ? stdout.Result : "", stderr.IsCompleted ? stderr.Result : "", child.Isolation, dirs);
        }
        finally
        {
            if (own)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    public static Task<Outcome> PythonAsync(SandboxSession session, string script, string? scratch = null, Func<SandboxSpec, SandboxSpec>? edit = null, TimeSpan? limit = null) =>
        RunAsync(session, Python, ["-I", "-c", script], scratch, edit, limit);

    public static string Describe(Outcome o)
    {
        var sb = new StringBuilder();
        sb.Append("exit ").Append(o.Exit.ExitCode).Append(", timed out ").Append(o.Exit.TimedOut).Append(", oom ").Append(o.Exit.OomKilled)
            .Append("\nstdout: ").Append(o.Stdout).Append("\nstderr: ").Append(o.Stderr).Append("\nisolation: ").Append(o.Isolation);
        return sb.ToString();
    }
}
