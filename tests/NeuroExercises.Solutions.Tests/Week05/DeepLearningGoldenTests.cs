using FluentAssertions;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week05;

/// <summary>
/// Every output array of ../shared/reference/deep_learning_neuro/*.npz reproduced through the public API within the
/// README's tolerances (indices, classes, predictions and accuracies exactly; NaN exactly where the golden has NaN).
/// </summary>
public sealed class DeepLearningGoldenTests
{
    private static readonly Dictionary<(string, bool), Dictionary<string, Tensor>> Results = [];

    public static TheoryData<string, string> Arrays() => Select(full: false);

    public static TheoryData<string, string> LongArrays() => Select(full: true);

    private static TheoryData<string, string> Select(bool full)
    {
        var data = new TheoryData<string, string>();
        foreach (var file in DeepLearningGoldens.Files)
        {
            foreach (var member in DeepLearningGoldens.Outputs(file).Where(m => DeepLearningGoldens.IsLong(file, m) == full))
            {
                data.Add(file, member);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void ArrayMatchesPyTorch(string file, string member) => Compare(file, member, full: false);

    /// <summary>Compares one recomputed array with its golden under the README's tolerance.</summary>
    internal static void Compare(string file, string member, bool full)
    {
        using var scope = NewDisposeScope();
        var got = Recomputed(file, full);
        got.Should().ContainKey(member, $"{file}.npz has {member}; the recomputation must produce it");
        var golden = DeepLearningGoldens.T(file, member);
        var actual = got[member];
        actual.shape.Should().Equal(golden.shape, $"{file}/{member}: shape");
        actual.dtype.Should().Be(golden.dtype, $"{file}/{member}: dtype");
        var expected = golden.to(float64);
        var a = actual.to(float64);
        var nanExpected = expected.isnan();
        a.isnan().eq(nanExpected).all().item<bool>().Should().BeTrue($"{file}/{member}: NaN exactly where the golden has NaN");
        var (atol, rtol, ofMax) = DeepLearningGoldens.Tolerance(file, member);
        var finite = expected.nan_to_num(0);
        if (ofMax)
        {
            atol *= finite.abs().max().item<double>();
        }

        var excess = ((a.nan_to_num(0) - finite).abs() - ((finite.abs() * rtol) + atol)).flatten();
        var worst = excess.argmax().item<long>();
        excess.max().item<double>().Should().BeLessThanOrEqualTo(0,
            $"{file}/{member}: at flat index {worst} expected {expected.flatten()[worst].item<double>():R}, got {a.flatten()[worst].item<double>():R} (atol {atol:E1}, rtol {rtol:E1})");
    }

    [Theory]
    [InlineData(DeepLearningGoldens.DataPrep)]
    [InlineData(DeepLearningGoldens.DeepNetFile)]
    [InlineData(DeepLearningGoldens.DeepNetM200)]
    [InlineData(DeepLearningGoldens.Bonus)]
    [InlineData(DeepLearningGoldens.Conv)]
    [InlineData(DeepLearningGoldens.Cnn)]
    [InlineData(DeepLearningGoldens.RsaFile)]
    [InlineData(DeepLearningGoldens.Encoding)]
    public void EveryOutputArrayIsRecomputed(string file)
    {
        using var scope = NewDisposeScope();
        Recomputed(file, full: false).Keys.Should().BeEquivalentTo(DeepLearningGoldens.Outputs(file).Where(m => !DeepLearningGoldens.IsLong(file, m)), "the fast recomputation covers exactly the golden's short-run output arrays");
    }

    private static Dictionary<string, Tensor> Recomputed(string file, bool full)
    {
        lock (Results)
        {
            if (!Results.TryGetValue((file, full), out var got))
            {
                using var scope = NewDisposeScope();
                got = DeepLearningGoldens.Recompute(file, full).ToDictionary(kv => kv.Key, kv => kv.Value.detach().MoveToOuterDisposeScope().DetachFromDisposeScope());
                Results[(file, full)] = got;
            }

            return got;
        }
    }
}
