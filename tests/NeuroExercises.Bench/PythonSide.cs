using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace NeuroExercises.Bench;

/// <summary>Launches bench_pytorch.py (the course's code on PyTorch) on the same data and parses its JSON.</summary>
internal static class PythonSide
{
    private const string InstallHint =
        "install Debian's PyTorch and the OpenMP OpenBLAS it should use: sudo apt-get install python3-torch libopenblas0-openmp "
        + "(then libblas.so.3 points to openblas-openmp; check with update-alternatives --display libblas.so.3-x86_64-linux-gnu), "
        + "or pass --python with an interpreter that has torch and numpy";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>Runs the script on <paramref name="dataPath"/> and waits for it.</summary>
    public static PythonOutcome Run(BenchOptions options, string dataPath, string workDir)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "bench_pytorch.py");
        if (!File.Exists(script))
        {
            return new PythonOutcome(null, null, $"{script} is missing from the build output", "rebuild tests/NeuroExercises.Bench (the .csproj copies bench_pytorch.py)");
        }

        var trajectoryPath = Path.Combine(workDir, "pytorch_trajectory.npz");
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            script, "--data", dataPath, "--threads", $"{options.Threads}", "--repeats", $"{options.Repeats}",
            "--warmup", $"{options.Warmup}", "--batch", $"{options.Batch}", "--weight-penalty", $"{TorchSharpSide.Penalty}",
            "--rate-penalty", $"{TorchSharpSide.Penalty}", "--trajectory-out", trajectoryPath,
        })
        {
            start.ArgumentList.Add(arg);
        }

        // Keep BLAS/OpenMP from using more threads than asked.
        start.Environment["OMP_NUM_THREADS"] = $"{options.Threads}";
        start.Environment["OPENBLAS_NUM_THREADS"] = $"{options.Threads}";
        // These machines set both, which halves OpenBLAS's speed (27×150 · 150×150: 22.9 µs set, 11.0 µs unset): the
        // baseline runs without them, as every other week's benchmark does (this one had kept them until 2026-12-04).
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process");
        }
        catch (Win32Exception e)
        {
            return new PythonOutcome(null, null, $"could not start {options.Python}: {e.Message}", InstallHint);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                return new PythonOutcome(null, null, $"bench_pytorch.py ran longer than {Limit.TotalMinutes} min and was stopped", "lower --repeats");
            }

            var err = stderr.Result;
            if (process.ExitCode != 0)
            {
                var tail = string.Join(" | ", err.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
                var fix = err.Contains("No module named 'torch'", StringComparison.Ordinal) || err.Contains("No module named 'numpy'", StringComparison.Ordinal)
                    ? InstallHint
                    : "run the script by hand to see the whole error: " + options.Python + " " + script + " --data " + dataPath;
                return new PythonOutcome(null, null, $"bench_pytorch.py exited with {process.ExitCode}: {tail}", fix);
            }

            try
            {
                var report = JsonSerializer.Deserialize<PythonReport>(stdout.Result)
                    ?? throw new JsonException("empty output");
                return new PythonOutcome(report, trajectoryPath, null, null);
            }
            catch (JsonException e)
            {
                return new PythonOutcome(null, null, $"bench_pytorch.py's stdout is not the expected JSON ({e.Message})", "the script must print only its JSON on stdout");
            }
        }
    }
}
