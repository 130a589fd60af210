using FluentAssertions;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Tests.Authoring;

namespace NeuroExercises.Grader.Tests.Mutants;

/// <summary>mutants.json: read and checked against the solution files, each problem named with its fix.</summary>
public sealed class MutantSetTests
{
    [Fact]
    public void WeekOneHasAtLeastEightMutantsThatEachApplyOnce()
    {
        var layout = WeekLayout.Find("task-driven-rnn", TestPaths.RepoRoot);
        var set = MutantSet.Load(layout);
        set.Mutants.Should().HaveCountGreaterThanOrEqualTo(8);
        set.Mutants.Select(m => m.Name).Should().Contain(["rectified-tanh-is-tanh", "hidden-recorded-before-update", "weight-noise-scaled-by-std", "window-off-by-one", "step-missing-inverse-tau", "biased-std", "loss-without-rate-penalty"]);
        foreach (var m in set.Mutants)
        {
            var text = File.ReadAllText(Path.Combine(layout.SolutionDir, m.File));
            MutantSet.Apply(m, text).Text.Should().NotBe(text);
        }
    }

    [Fact]
    public void AFindTextThatIsMissingOrAmbiguousIsRefused()
    {
        using var copy = new TempWeekCopy("task-driven-rnn");
        File.WriteAllText(copy.Layout.MutantsPath, """
            {
              "mutants": [
                { "name": "gone", "description": "d", "file": "RnnMath.cs", "find": "no such text", "replace": "x" },
                { "name": "twice", "description": "d", "file": "Perturbation.cs", "find": "ArgumentNullException.ThrowIfNull(inputs);", "replace": "" },
                { "name": "nofile", "description": "d", "file": "Nope.cs", "find": "a", "replace": "b" },
                { "name": "Bad Name", "description": "d", "file": "RnnMath.cs", "find": "a", "replace": "b" }
              ]
            }
            """);

        var act = () => MutantSet.Load(copy.Layout);

        var problems = act.Should().Throw<AuthoringException>().Which.Problems;
        problems.Should().HaveCount(4);
        problems.Should().Contain(p => p.Contains("mutant 'gone': its \"find\" text occurs 0 times in RnnMath.cs; it must occur exactly once", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("mutant 'twice': its \"find\" text occurs 2 times in Perturbation.cs", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("mutant 'nofile': file 'Nope.cs' is not in solutions/NeuroExercises.Week01.TaskDrivenRnn", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("mutant name 'Bad Name' is not a short id", StringComparison.Ordinal));
        problems.Should().OnlyContain(p => p.StartsWith("grader/weeks/Week01.TaskDrivenRnn/mutants.json: ", StringComparison.Ordinal));
    }

    [Fact]
    public void ARecipeNamingAnUnknownStubOrAStubbedMutantIsRefused()
    {
        using var copy = new TempWeekCopy("task-driven-rnn");
        var before = copy.Snapshot();
        File.WriteAllText(copy.Layout.SampleRecipePath, """
            {
              "description": "d",
              "stubs": ["Trainer.Train", "Nope.Nothing", "DatasetPreparation.NormalizeData"],
              "mutants": ["biased-std"],
              "expect": { "score": 0, "maxScore": 41, "failing": {} }
            }
            """);

        var act = () => GeneratedWriter.Write(WeekGenerator.Generate(copy.Layout));

        var problems = act.Should().Throw<AuthoringException>().Which.Problems;
        problems.Should().Contain(p => p.StartsWith("grader/weeks/Week01.TaskDrivenRnn/sample.json: \"stubs\" names 'Nope.Nothing', which is not a marked member; use one of ", StringComparison.Ordinal));
        problems.Should().Contain(p => p.StartsWith("grader/weeks/Week01.TaskDrivenRnn/sample.json: mutant 'biased-std' changes DatasetPreparation.cs:", StringComparison.Ordinal)
            && p.EndsWith("inside DatasetPreparation.NormalizeData, which the recipe also stubs; drop the stub or the mutant.", StringComparison.Ordinal));
        copy.Snapshot().Should().Equal(before);
    }
}
