using FluentAssertions;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week04;

/// <summary>
/// Every output array of ../shared/reference/spiking/*.npz reproduced through the public API within the README's
/// tolerances (spikes, counts and steps exactly).
/// </summary>
public sealed class SpikingGoldenTests
{
    public static TheoryData<string, string> Arrays()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in SpikingGoldens.Files)
        {
            foreach (var member in SpikingGoldens.Outputs(file))
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
        var golden = SpikingGoldens.Tensor(file, member);
        var actual = got[member];
        actual.shape.Should().Equal(golden.shape, $"{file}/{member}: shape");
        actual.dtype.Should().Be(golden.dtype == float32 && member == "spy_time" ? float64 : golden.dtype, $"{file}/{member}: dtype");
        var expected = golden.to(float64);
        var a = actual.to(float64);
        var (atol, rtol, ofMax) = SpikingGoldens.Tolerance(file, member);
        if (ofMax)
        {
            atol *= expected.abs().max().item<double>();
        }

        var allowed = (expected.abs() * rtol) + atol;
        if (member is "log_time" or "edge_log_time")
        {
            var x = SpikingGoldens.Tensor(file, member == "log_time" ? "x" : "edge_x");
            allowed = where(SpikingGoldens.Clamped(x), full_like(allowed, 0.1), allowed);
        }
        else if (member == "train_losses")
        {
            // The reference's pitfall: a float32 port with another summation order parts at another step. With MKL's
            // AVX-512 kernels (MklKernels) a hidden spike flips after the 5th Adam step: the 6th loss is 39.560, not 39.544.
            allowed[TensorIndex.Slice(5)] = expected[TensorIndex.Slice(5)].abs() * 5e-2;
        }

        var excess = (a - expected).abs() - allowed;
        var worst = excess.argmax().item<long>();
        excess.max().item<double>().Should().BeLessThanOrEqualTo(0,
            $"{file}/{member}: at flat index {worst} expected {expected.flatten()[worst].item<double>():R}, got {a.flatten()[worst].item<double>():R} (atol {atol:E1}, rtol {rtol:E1})");
    }

    [Theory]
    [InlineData(SpikingGoldens.Lif)]
    [InlineData(SpikingGoldens.Fi)]
    [InlineData(SpikingGoldens.Encoding)]
    [InlineData(SpikingGoldens.Surrogates)]
    [InlineData(SpikingGoldens.Net)]
    public void EveryOutputArrayIsRecomputed(string file)
    {
        using var scope = NewDisposeScope();
        Recomputed(file).Keys.Should().BeEquivalentTo(SpikingGoldens.Outputs(file), "the recomputation covers exactly the golden's output arrays");
    }

    private static readonly Dictionary<string, Dictionary<string, Tensor>> Results = [];

    private static Dictionary<string, Tensor> Recomputed(string file)
    {
        lock (Results)
        {
            if (!Results.TryGetValue(file, out var got))
            {
                using var scope = NewDisposeScope();
                got = SpikingGoldens.Recompute(file).ToDictionary(kv => kv.Key, kv => kv.Value.detach().MoveToOuterDisposeScope().DetachFromDisposeScope());
                Results[file] = got;
            }

            return got;
        }
    }
}
