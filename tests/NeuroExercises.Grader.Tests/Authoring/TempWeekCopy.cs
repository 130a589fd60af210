using NeuroExercises.Grader.Authoring;

namespace NeuroExercises.Grader.Tests.Authoring;

/// <summary>A throw-away copy of one week's authoring folders (solutions, exercises, sample, grader/weeks) under a temporary root.</summary>
internal sealed class TempWeekCopy : IDisposable
{
    public TempWeekCopy(string weekId)
    {
        var real = WeekLayout.Find(weekId, TestPaths.RepoRoot);
        Root = Directory.CreateTempSubdirectory("neuro-author-").FullName;
        Layout = real with { RepoRoot = Root };
        foreach (var (from, to) in new[] { (real.SolutionDir, Layout.SolutionDir), (real.ExerciseDir, Layout.ExerciseDir), (real.SampleDir, Layout.SampleDir), (real.WeekDir, Layout.WeekDir) })
        {
            foreach (var rel in GeneratedWriter.ListFiles(from))
            {
                var target = Path.Combine(to, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(from, rel), target);
            }
        }
    }

    public string Root { get; }

    public WeekLayout Layout { get; }

    /// <summary>Every file under the copy's generated folders, path → text (to prove nothing was written).</summary>
    public Dictionary<string, string> Snapshot() =>
        new[] { Layout.ExerciseDir, Layout.SampleDir }
            .SelectMany(dir => GeneratedWriter.ListFiles(dir).Select(rel => Path.Combine(dir, rel)))
            .ToDictionary(p => p, File.ReadAllText);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
