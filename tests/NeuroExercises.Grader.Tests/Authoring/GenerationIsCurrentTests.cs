using FluentAssertions;
using NeuroExercises.Grader.Authoring;

namespace NeuroExercises.Grader.Tests.Authoring;

/// <summary>exercises/ and the sample submission are generated from the solutions: the committed files must be exactly what generation gives.</summary>
public sealed class GenerationIsCurrentTests
{
    private const string Week = "task-driven-rnn";

    [Fact]
    public void ExercisesAndSampleAreWhatGenerationGivesByteForByte()
    {
        foreach (var layout in WeekLayout.All(TestPaths.RepoRoot))
        {
            var folders = WeekGenerator.Generate(layout);
            GeneratedWriter.Stale(folders, layout.RepoRoot).Should().BeEmpty(
                $"exercises/ and the sample of {layout.Week.Id} are generated; run 'author generate --week {layout.Week.Id}' after changing the solutions or the recipe");
        }
    }

    [Fact]
    public void WeekOneGeneratesBothTheExerciseAndTheSample()
    {
        var layout = WeekLayout.Find(Week, TestPaths.RepoRoot);
        var folders = WeekGenerator.Generate(layout);
        folders.Select(f => f.Dir).Should().Equal(layout.ExerciseDir, layout.SampleDir);
        folders[0].Files.Keys.Should().Contain(["RnnMath.cs", "NeuroExercises.Week01.TaskDrivenRnn.csproj"]);
        folders[1].Files.Keys.Should().Contain(["RnnMath.cs", "README.md"]).And.NotContain(k => k.EndsWith(".csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void AStaleMissingOrExtraFileIsReportedByName()
    {
        using var copy = new TempWeekCopy(Week);
        var folders = WeekGenerator.Generate(copy.Layout);
        GeneratedWriter.Stale(folders, copy.Root).Should().BeEmpty("the copy starts current");

        File.AppendAllText(Path.Combine(copy.Layout.ExerciseDir, "RnnMath.cs"), "// edited by hand\n");
        File.WriteAllText(Path.Combine(copy.Layout.SampleDir, "Trainer.cs"), File.ReadAllText(Path.Combine(copy.Layout.SolutionDir, "Trainer.cs")));
        File.Delete(Path.Combine(copy.Layout.ExerciseDir, "Losses.cs"));
        File.WriteAllText(Path.Combine(copy.Layout.SampleDir, "Extra.cs"), "// not generated\n");

        var stale = GeneratedWriter.Stale(folders, copy.Root);
        stale.Should().HaveCount(4);
        stale.Should().Contain(s => s.StartsWith("exercises/NeuroExercises.Week01.TaskDrivenRnn/RnnMath.cs: differs", StringComparison.Ordinal) && s.Contains("line 21", StringComparison.Ordinal));
        stale.Should().Contain(s => s.StartsWith("grader/samples/task-driven-rnn/Trainer.cs: differs", StringComparison.Ordinal));
        stale.Should().Contain("exercises/NeuroExercises.Week01.TaskDrivenRnn/Losses.cs: missing (generation writes it)");
        stale.Should().Contain("grader/samples/task-driven-rnn/Extra.cs: not generated (generation removes it)");
    }

    [Fact]
    public void GenerateRewritesStaleFoldersAndKeepsBuildOutput()
    {
        using var copy = new TempWeekCopy(Week);
        File.AppendAllText(Path.Combine(copy.Layout.ExerciseDir, "RnnMath.cs"), "// edited by hand\n");
        File.WriteAllText(Path.Combine(copy.Layout.SampleDir, "Extra.cs"), "// not generated\n");
        Directory.CreateDirectory(Path.Combine(copy.Layout.ExerciseDir, "obj"));
        File.WriteAllText(Path.Combine(copy.Layout.ExerciseDir, "obj", "keep.txt"), "build output");

        var folders = WeekGenerator.Generate(copy.Layout);
        GeneratedWriter.Write(folders);

        GeneratedWriter.Stale(WeekGenerator.Generate(copy.Layout), copy.Root).Should().BeEmpty();
        File.Exists(Path.Combine(copy.Layout.ExerciseDir, "obj", "keep.txt")).Should().BeTrue("bin/ and obj/ move over to the new folder");
        Directory.GetDirectories(Path.GetDirectoryName(copy.Layout.ExerciseDir)!).Should().ContainSingle("no temporary sibling is left behind");
    }

    [Fact]
    public void TheExerciseProjectIsTheSolutionProjectWithTheExerciseAssemblyName()
    {
        var layout = WeekLayout.Find(Week, TestPaths.RepoRoot);
        var project = WeekGenerator.Generate(layout)[0].Files["NeuroExercises.Week01.TaskDrivenRnn.csproj"];
        project.Should().Contain("<AssemblyName>NeuroExercises.Week01.TaskDrivenRnn</AssemblyName>")
            .And.NotContain("Solutions").And.NotContain("SOLUTION ONLY").And.NotContain("InternalsVisibleTo");
    }
}
