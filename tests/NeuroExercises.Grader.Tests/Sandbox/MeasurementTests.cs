using System.Diagnostics;
using System.Globalization;
using FluentAssertions;
using NeuroExercises.Grader.Compile;
using NeuroExercises.Grader.Sandbox;

namespace NeuroExercises.Grader.Tests.Sandbox;

/// <summary>Numbers for the report (explicit: run with --explicit only): child start cost per isolation level, compile in-process vs in the child.</summary>
public sealed class MeasurementTests
{
    /// <summary>To the test output and to /tmp/neuro-measurements.txt (the platform shows a passing test's output only on request).</summary>
    internal static void Say(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText("/tmp/neuro-measurements.txt", line + "\n");
    }

    [Fact(Explicit = true)]
    public async Task ChildStartCost()
    {
        var grader = Path.Combine(AppContext.BaseDirectory, "NeuroExercises.Grader.dll");
        var configs = new (string Name, Func<SandboxSession> Make)[]
        {
            ("none", () => SandboxSession.Create(sandboxed: false)),
            ("bwrap only", () => SandboxSession.Create(sandboxed: true, useCgroups: false, useSeccomp: false)),
            ("bwrap+cgroup+seccomp", () => SandboxSession.Create(sandboxed: true)),
        };
        foreach (var (name, make) in configs)
        {
            using var session = make();
            var times = new List<double>();
            for (var i = 0; i < 8; i++)
            {
                var sw = Stopwatch.StartNew();
                var o = await SandboxProbe.RunAsync(session, Path.Combine(SandboxLauncher.DotnetRoot, "dotnet"), ["exec", grader, "weeks"], edit: s => s with { ReadOnlyPaths = [AppContext.BaseDirectory] });
                times.Add(sw.Elapsed.TotalMilliseconds);
                o.Exit.ExitCode.Should().Be(0, SandboxProbe.Describe(o));
            }

            times.Sort();
            Say(string.Create(CultureInfo.InvariantCulture, $"{name}: 'dotnet exec grader weeks' median {times[times.Count / 2]:0} ms, min {times[0]:0} ms (8 runs, first {times.Count})"));
        }
    }

    [Fact(Explicit = true)]
    public async Task CompileInProcessVersusChild()
    {
        var dir = Directory.CreateTempSubdirectory("neuro-measure-compile-").FullName;
        try
        {
            var folder = Path.Combine(TestPaths.RepoRoot, "solutions", "NeuroExercises.Week01.TaskDrivenRnn");
            var refs = SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory);
            for (var i = 0; i < 2; i++)
            {
                var sw = Stopwatch.StartNew();
                var r = SubmissionCompiler.Compile(folder, "NeuroExercises.Week01.TaskDrivenRnn", Path.Combine(dir, "in" + i), refs, TimeSpan.FromSeconds(120));
                r.Errors.Should().BeEmpty();
                Say(string.Create(CultureInfo.InvariantCulture, $"in-process compile #{i + 1} (week 1 solution): {sw.Elapsed.TotalMilliseconds:0} ms"));
            }

            foreach (var sandboxed in new[] { false, true })
            {
                for (var i = 0; i < 3; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var r = await CompileChild.CompileIsolatedAsync(folder, "NeuroExercises.Week01.TaskDrivenRnn", Path.Combine(dir, $"child{sandboxed}{i}"), refs,
                        new CompileChildOptions { Sandboxed = sandboxed, TimeLimit = TimeSpan.FromSeconds(120) }, TestContext.Current.CancellationToken);
                    r.Errors.Should().BeEmpty();
                    Say(string.Create(CultureInfo.InvariantCulture, $"child compile #{i + 1} ({r.Isolation}): {sw.Elapsed.TotalMilliseconds:0} ms"));
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
