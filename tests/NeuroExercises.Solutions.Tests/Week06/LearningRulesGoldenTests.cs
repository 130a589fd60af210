using FluentAssertions;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week06;

/// <summary>
/// Every output array of ../shared/reference/learning_rules/*.npz reproduced through the public API in float64 within
/// 1e-12 of its largest |value| (the README's float64 tolerance; *_w of hebb_oja row by row), accuracies exactly.
/// </summary>
public sealed class LearningRulesGoldenTests
{
    public static TheoryData<string, string> Arrays()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in LearningRulesGoldens.Files)
        {
            foreach (var member in LearningRulesGoldens.Outputs(file))
            {
                data.Add(file, member);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Arrays))]
    public void ArrayMatchesPyTorch(string file, string member)
    {
        using var scope = NewDisposeScope();
        var got = Recomputed(file);
        got.Should().ContainKey(member, $"{file}.npz has {member}; the recomputation must produce it");
        var golden = LearningRulesGoldens.Tensor(file, member);
        var actual = got[member];
        actual.shape.Should().Equal(golden.shape, $"{file}/{member}: shape");
        actual.dtype.Should().Be(float64, $"{file}/{member}: the week computes in float64");
        var expected = golden.to(float64);
        Tensor allowed;
        if (LearningRulesGoldens.IsExact(member))
        {
            allowed = zeros_like(expected);
        }
        else if (file == LearningRulesGoldens.HebbOja && member.EndsWith("_w", StringComparison.Ordinal))
        {
            allowed = (linalg.vector_norm(expected, dims: [1], keepdim: true) * 1e-12).expand_as(expected);
        }
        else
        {
            allowed = full_like(expected, 1e-12 * expected.abs().max().item<double>());
        }

        var excess = (actual - expected).abs() - allowed;
        var worst = excess.argmax().item<long>();
        excess.max().item<double>().Should().BeLessThanOrEqualTo(0,
            $"{file}/{member}: at flat index {worst} expected {expected.flatten()[worst].item<double>():R}, got {actual.flatten()[worst].item<double>():R}");
    }

    [Theory]
    [InlineData(LearningRulesGoldens.Rules)]
    [InlineData(LearningRulesGoldens.Training)]
    [InlineData(LearningRulesGoldens.MetricsFile)]
    [InlineData(LearningRulesGoldens.HebbOja)]
    [InlineData(LearningRulesGoldens.Reward)]
    public void EveryOutputArrayIsRecomputed(string file)
    {
        using var scope = NewDisposeScope();
        Recomputed(file).Keys.Should().BeEquivalentTo(LearningRulesGoldens.Outputs(file), "the recomputation covers exactly the golden's output arrays");
    }

    private static readonly Dictionary<string, Dictionary<string, Tensor>> Results = [];

    private static Dictionary<string, Tensor> Recomputed(string file)
    {
        lock (Results)
        {
            if (!Results.TryGetValue(file, out var got))
            {
                using var scope = NewDisposeScope();
                got = LearningRulesGoldens.Recompute(file).ToDictionary(kv => kv.Key, kv => kv.Value.detach().MoveToOuterDisposeScope().DetachFromDisposeScope());
                Results[file] = got;
            }

            return got;
        }
    }
}
