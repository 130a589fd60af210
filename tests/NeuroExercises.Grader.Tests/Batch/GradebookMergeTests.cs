using FluentAssertions;
using NeuroExercises.Grader.Batch;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>merge refuses missing, duplicate and mixed shards before writing anything, and otherwise equals one gradebook.</summary>
public sealed class GradebookMergeTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-merge-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    private static readonly string[] Checks = ["w/A.B"];

    private string Shard(string name, string shard, string manifest = "m1", string grader = "g1", bool complete = true, params string[] ids)
    {
        var dir = Path.Combine(work, name);
        foreach (var id in ids)
        {
            var sub = Path.Combine(dir, BatchRunner.SubmissionsFolder, id);
            Directory.CreateDirectory(sub);
            new BatchRecord(id, "k", "c", BatchStatus.Graded, id.Length, 9, new Dictionary<string, double> { ["w/A.B"] = id.Length }, grader, manifest, "", 1).Write(sub);
            File.WriteAllText(Path.Combine(sub, "results.json"), "{}");
        }

        new BatchManifest("w", grader, manifest, shard, Checks, ids, complete).Write(dir);
        return dir;
    }

    [Fact]
    public void MergesEveryShardIntoOneGradebook()
    {
        var a = Shard("s1", "1/2", ids: ["bob"]);
        var b = Shard("s2", "2/2", ids: ["alice", "carol"]);
        var outDir = Path.Combine(work, "out");
        var merged = GradebookMerge.Merge([b, a], outDir);
        merged.Submissions.Should().Equal("alice", "bob", "carol");
        File.ReadAllText(Path.Combine(outDir, Gradebook.FileName)).Split("\r\n").Should().Equal(
            "id,w/A.B,total,max,status,reason,grader_version,manifest_sha256",
            "alice,5,5,9,graded,,g1,m1",
            "bob,3,3,9,graded,,g1,m1",
            "carol,5,5,9,graded,,g1,m1",
            "");
        File.Exists(Path.Combine(outDir, "submissions", "carol", "results.json")).Should().BeTrue();
    }

    [Fact]
    public void RefusesAMissingShard()
    {
        var act = () => GradebookMerge.Merge([Shard("s1", "1/3", ids: ["bob"]), Shard("s3", "3/3", ids: ["x"])], Path.Combine(work, "out"));
        act.Should().Throw<BatchInputException>().WithMessage("merge: shard 2/3 missing; run grade-batch --shard for it*");
        Directory.Exists(Path.Combine(work, "out")).Should().BeFalse();
    }

    [Fact]
    public void RefusesADuplicateShard()
    {
        var act = () => GradebookMerge.Merge([Shard("s1", "1/2", ids: ["bob"]), Shard("s1b", "1/2", ids: ["bob"]), Shard("s2", "2/2", ids: ["x"])], Path.Combine(work, "out"));
        act.Should().Throw<BatchInputException>().WithMessage("merge: shard 1/2 is given twice*pass each shard's folder once.");
    }

    [Fact]
    public void RefusesMixedManifestsOrGraders()
    {
        var manifest = () => GradebookMerge.Merge([Shard("s1", "1/2", ids: ["bob"]), Shard("s2", "2/2", manifest: "m2", ids: ["x"])], Path.Combine(work, "out"));
        manifest.Should().Throw<BatchInputException>().WithMessage("*manifest m2*manifest m1*regrade the odd shard with the same grader release and week.");
        var grader = () => GradebookMerge.Merge([Shard("t1", "1/2", ids: ["bob"]), Shard("t2", "2/2", grader: "g2", ids: ["x"])], Path.Combine(work, "out"));
        grader.Should().Throw<BatchInputException>().WithMessage("*grader g2*grader g1*");
    }

    [Fact]
    public void RefusesAnIncompleteShardOrAFolderThatIsNotABatch()
    {
        var incomplete = () => GradebookMerge.Merge([Shard("s1", "1/1", complete: false, ids: ["bob"])], Path.Combine(work, "out"));
        incomplete.Should().Throw<BatchInputException>().WithMessage("*could not grade (status error); rerun its grade-batch command, then merge.");
        var notBatch = () => GradebookMerge.Merge([work], Path.Combine(work, "out"));
        notBatch.Should().Throw<BatchInputException>().WithMessage($"merge: '{work}' has no batch.json*");
    }
}
