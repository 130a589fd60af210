namespace NeuroExercises.Solutions.Tests.Week05;

/// <summary>
/// The golden arrays that need a full-length training run (the classifier's 2 × 1000 iterations, the CNN's 250 minibatch
/// steps, the encoding model's 200 steps) within the README's loose tolerances for them. Slow (about a minute on 2 busy
/// cores); the experiments command runs the same trainings and writes their deviations from these goldens
/// (docs/figures/deep-learning-neuro/golden_agreement.json).
/// </summary>
[Trait("Category", "Slow")]
public sealed class DeepLearningLongGoldenTests
{
    public static TheoryData<string, string> LongArrays() => DeepLearningGoldenTests.LongArrays();

    [Theory]
    [MemberData(nameof(LongArrays))]
    public void LongArrayMatchesPyTorch(string file, string member) => DeepLearningGoldenTests.Compare(file, member, full: true);
}
