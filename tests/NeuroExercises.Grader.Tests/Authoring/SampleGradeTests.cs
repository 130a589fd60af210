using FluentAssertions;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Tests.Authoring;

/// <summary>The README's sample submissions grade exactly as their recipes (grader/weeks/&lt;week&gt;/sample.json) declare.</summary>
[Collection("grading")]
public sealed class SampleGradeTests
{
    [Fact]
    public async Task TheSampleScoresWhatItsRecipeDeclares()
    {
        var recipe = await GradeAsDeclared("task-driven-rnn");
        recipe.Stubs.Should().Equal("Trainer.Train");
        recipe.Mutants.Should().Equal("biased-std");
        recipe.Expect.Failing.Should().Equal(new Dictionary<string, string>
        {
            ["task-driven-rnn/DatasetPreparationChecks.NormalizeTiny"] = "mismatch",
            ["task-driven-rnn/TrainerChecks.TrainShort"] = "threw",
        });
        (recipe.Expect.Score, recipe.Expect.MaxScore).Should().Be((38, 41), "the README's first command promises 38 / 41");
    }

    [Fact]
    public async Task WeekThreesSampleScoresWhatItsRecipeDeclares()
    {
        var recipe = await GradeAsDeclared("microcircuits");
        recipe.Stubs.Should().Equal("Models.Train", "CifarNet.Train");
        recipe.Mutants.Should().Equal("sdpa-no-scale");
        recipe.Expect.Failing.Should().Equal(new Dictionary<string, string>
        {
            ["microcircuits/AttentionChecks.SelfAttention"] = "mismatch",
            ["microcircuits/CifarNetChecks.Training"] = "threw",
            ["microcircuits/CifarNetChecks.TrainingWithoutNorm"] = "threw",
            ["microcircuits/ModelsChecks.Training"] = "threw",
        });
        (recipe.Expect.Score, recipe.Expect.MaxScore).Should().Be((49, 57), "the two stubbed trainers lose their three checks (5 points), the unscaled attention its 3");
    }

    [Fact]
    public async Task TheSpikingNetworksSampleScoresWhatItsRecipeDeclares()
    {
        var recipe = await GradeAsDeclared("spiking-networks");
        recipe.Stubs.Should().Equal("SnnTraining.Train");
        recipe.Mutants.Should().Equal("latency-round-half-up");
        recipe.Expect.Failing.Should().Equal(new Dictionary<string, string>
        {
            ["spiking-networks/SnnTrainingChecks.TrainLosses"] = "threw",
            ["spiking-networks/SnnTrainingChecks.TrainShort"] = "threw",
            ["spiking-networks/SpikeCodesChecks.LinearLatency"] = "mismatch",
        });
        (recipe.Expect.Score, recipe.Expect.MaxScore).Should().Be((32, 39), "the stubbed trainer loses its two checks (5 points), the half-up latency code its 2");
    }

    [Fact]
    public async Task TheDeepLearningNeuroSampleScoresWhatItsRecipeDeclares()
    {
        var recipe = await GradeAsDeclared("deep-learning-neuro");
        recipe.Stubs.Should().Equal("TiltTraining.Train");
        recipe.Mutants.Should().Equal("spearman-ordinal-ranks");
        recipe.Expect.Failing.Should().Equal(new Dictionary<string, string>
        {
            ["deep-learning-neuro/RsaChecks.Similarity"] = "mismatch",
            ["deep-learning-neuro/TiltCnnChecks.TrainThreeSteps"] = "threw",
        });
        (recipe.Expect.Score, recipe.Expect.MaxScore).Should().Be((41, 45), "the stubbed CNN training loses its hidden 2-point check, the ordinal ranks the 2-point similarity check");
    }

    [Fact]
    public async Task TheLearningRulesSampleScoresWhatItsRecipeDeclares()
    {
        var recipe = await GradeAsDeclared("learning-rules");
        recipe.Stubs.Should().Equal("RuleTrainer.Train");
        recipe.Mutants.Should().Equal("snr-sample-std");
        recipe.Expect.Failing.Keys.Should().BeEquivalentTo(
            new[] { "TrainBackprop", "TrainFeedbackAlignment", "TrainKolenPollack", "TrainNodePerturbation", "TrainWeightPerturbation" }
                .Select(m => $"learning-rules/RuleTrainerChecks.{m}")
                .Append("learning-rules/MetricsChecks.Snr"));
        recipe.Expect.Failing["learning-rules/MetricsChecks.Snr"].Should().Be("mismatch");
        (recipe.Expect.Score, recipe.Expect.MaxScore).Should().Be((26, 34), "the stubbed training loop loses its five checks (7 points), the sample-std SNR its 1");
    }

    private static async Task<SampleRecipe> GradeAsDeclared(string week)
    {
        var layout = WeekLayout.Find(week, TestPaths.RepoRoot);
        var recipe = SampleRecipe.Load(layout);
        var grade = await GradePipeline.GradeAsync(
            new GradeRequest(layout.SampleDir, layout.Week, "cpu", SandboxMode.Auto, TestPaths.Snapshots, null), TestContext.Current.CancellationToken);

        grade.Message.Should().BeEmpty("the sample compiles");
        grade.Score.Should().Be(recipe.Expect.Score);
        grade.MaxScore.Should().Be(recipe.Expect.MaxScore);
        grade.Checks.Where(c => !c.Passed).ToDictionary(c => c.Id, c => c.Outcome).Should().Equal(recipe.Expect.Failing);
        return recipe;
    }
}
