using System.Diagnostics;
using FluentAssertions;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>
/// deploy/entrypoint.sh, run directly (no container engine here): the shard it grades comes from NEURO_SHARD_INDEX,
/// Kubernetes' 0-based JOB_COMPLETION_INDEX or Slurm's SLURM_ARRAY_TASK_ID; a bad index is refused naming the fix; any
/// other command passes through to the grader (run for real with the grader built beside the tests).
/// </summary>
public sealed class DeployEntrypointTests
{
    private static string Script => Path.Combine(TestPaths.RepoRoot, "deploy", "entrypoint.sh");

    private static async Task<(int Exit, string Out, string Err)> Run(Dictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("/bin/bash", [Script, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in new[] { "NEURO_SHARD_INDEX", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID", "NEURO_SHARD_COUNT", "NEURO_WORKERS" })
        {
            psi.Environment.Remove(name);
        }

        foreach (var (k, v) in env)
        {
            psi.Environment[k] = v;
        }

        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (p.ExitCode, await stdout, await stderr);
    }

    private static Dictionary<string, string> Env(params (string, string)[] extra)
    {
        var env = new Dictionary<string, string> { ["NEURO_ENTRYPOINT_DRY_RUN"] = "1", ["NEURO_GRADER"] = "grader", ["NEURO_WEEK"] = "task-driven-rnn", ["NEURO_SHARD_COUNT"] = "8" };
        foreach (var (k, v) in extra)
        {
            env[k] = v;
        }

        return env;
    }

    [Theory]
    [InlineData("NEURO_SHARD_INDEX", "3", "3/8")]
    [InlineData("JOB_COMPLETION_INDEX", "0", "1/8")]
    [InlineData("JOB_COMPLETION_INDEX", "7", "8/8")]
    [InlineData("SLURM_ARRAY_TASK_ID", "5", "5/8")]
    public async Task TakesTheShardFromTheEngine(string variable, string value, string shard)
    {
        var (exit, stdout, stderr) = await Run(Env((variable, value), ("NEURO_OUT", "/o"), ("NEURO_WORKERS", "2")));
        exit.Should().Be(0, stderr);
        var k = shard.Split('/')[0];
        stdout.Trim().Should().Be($"grader grade-batch /submissions --week task-driven-rnn --out /o/shard-{k} --shard {shard} --progress plain --workers 2");
    }

    [Fact]
    public async Task RefusesAShardOutOfRangeOrAMissingWeek()
    {
        var range = await Run(Env(("JOB_COMPLETION_INDEX", "8")));
        range.Exit.Should().Be(1);
        range.Err.Should().Contain("shard 9 of 8 is out of range: give NEURO_SHARD_INDEX 1..8");
        var env = Env();
        env.Remove("NEURO_WEEK");
        var week = await Run(env);
        week.Exit.Should().NotBe(0);
        week.Err.Should().Contain("set NEURO_WEEK to the week id");
    }

    [Fact]
    public async Task PassesAnyCommandThroughToTheGrader()
    {
        var (exit, stdout, stderr) = await Run(new Dictionary<string, string> { ["NEURO_GRADER"] = $"dotnet exec {GraderProcess.Dll}" }, "weeks");
        exit.Should().Be(0, stderr);
        stdout.Should().Contain("task-driven-rnn").And.Contain("burst-credit-assignment");
        var dockerfile = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "deploy", "Dockerfile"));
        dockerfile.Should().Contain("RUN ./setup.sh").And.Contain("ENTRYPOINT [\"/kit/deploy/entrypoint.sh\"]");
    }
}
