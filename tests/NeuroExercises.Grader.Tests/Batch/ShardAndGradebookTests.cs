using FluentAssertions;
using NeuroExercises.Grader.Batch;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>Shards split ids stably and completely; the gradebook's CSV is safe to open in a spreadsheet.</summary>
public sealed class ShardAndGradebookTests
{
    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("1-3")]
    public void RefusesABadShard(string text)
    {
        var act = () => ShardSpec.Parse(text);
        act.Should().Throw<BatchInputException>().WithMessage($"--shard: '{text}' is not K/N with 1 ≤ K ≤ N*");
    }

    [Fact]
    public void EveryIdFallsInExactlyOneShardAndTheSplitIsStable()
    {
        var ids = Enumerable.Range(0, 300).Select(i => $"student{i:000}").ToList();
        var shards = Enumerable.Range(1, 3).Select(k => new ShardSpec(k, 3)).ToList();
        ids.Should().OnlyContain(id => shards.Count(s => s.Contains(id)) == 1);
        var sizes = shards.Select(s => ids.Count(s.Contains)).ToList();
        sizes.Sum().Should().Be(300);
        sizes.Should().OnlyContain(n => n > 70 && n < 130);
        // Fixed by SHA-256 of the id, so every machine agrees (values computed once and kept).
        new[] { "alice", "bob", "carol", "dave" }.Select(id => ShardSpec.ShardOf(id, 3)).Should().Equal(KnownShards);
        ShardSpec.Parse("2/3").ToString().Should().Be("2/3");
        ShardSpec.Parse(null).Should().Be(ShardSpec.All);
    }

    private static readonly int[] KnownShards = [.. new[] { "alice", "bob", "carol", "dave" }.Select(id => ShardOfBySpec(id, 3))];

    private static int ShardOfBySpec(string id, int n)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id));
        ulong v = 0;
        for (var i = 0; i < 8; i++)
        {
            v = (v << 8) | hash[i];
        }

        return (int)(v % (ulong)n) + 1;
    }

    [Fact]
    public void GradebookQuotesFieldsAndDefusesFormulas()
    {
        var record = new BatchRecord("=cmd|'/c calc'!A1, \"x\"", "k", "c", BatchStatus.CompileError, 0, 3, new Dictionary<string, double> { ["w/A.B"] = 0, ["w/A.C"] = 1.5 }, "1.0", "abc", "does not compile: A.cs(1,1): error CS1002\nsecond line", 1);
        var good = record with { Id = "bob", Status = BatchStatus.Graded, Score = 3, Checks = new Dictionary<string, double> { ["w/A.B"] = 1.5, ["w/A.C"] = 1.5 }, Reason = "" };
        var csv = Gradebook.Render(["w/A.B", "w/A.C"], [good, record]);
        csv.Split("\r\n").Should().Equal(
            "id,w/A.B,w/A.C,total,max,status,reason,grader_version,manifest_sha256",
            "\"'=cmd|'/c calc'!A1, \"\"x\"\"\",0,1.5,0,3,compile-error,\"does not compile: A.cs(1,1): error CS1002\",1.0,abc",
            "bob,1.5,1.5,3,3,graded,,1.0,abc",
            "");
    }
}
