using FluentAssertions;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week02;

/// <summary>
/// Every array of ../shared/reference/burst/*.npz reproduced through the public API within the README's float32 port
/// tolerances (max |Δ| / max |golden| per array; cosines absolute).
/// </summary>
public sealed class BurstGoldenTests
{
    public static TheoryData<string, string> Arrays()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { BurstGoldens.Ccn, BurstGoldens.Prop })
        {
            foreach (var member in BurstGoldens.Members(file).Keys.Where(k => !BurstGoldens.IsInput(k)).Order(StringComparer.Ordinal))
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
        var got = BurstGoldens.Recompute(file);
        got.Should().ContainKey(member, $"{file}.npz has {member}; the recomputation must produce it");
        var expected = BurstGoldens.Tensor(file, member).to(float64);
        var actual = got[member].to(float64);
        actual.shape.Should().Equal(expected.shape, $"{file}/{member}: shape");
        var diff = (actual - expected).abs().max().item<double>();
        if (member.StartsWith("cos_", StringComparison.Ordinal))
        {
            diff.Should().BeLessThanOrEqualTo(BurstGoldens.CosineTolerance(member), $"{file}/{member}: max |Δ| = {diff:E2}");
            return;
        }

        var scale = expected.abs().max().item<double>();
        var relative = scale == 0 ? diff : diff / scale;
        relative.Should().BeLessThanOrEqualTo(BurstGoldens.Tolerance(file, member), $"{file}/{member}: max |Δ| = {diff:E2}, max |golden| = {scale:E2}");
    }

    [Theory]
    [InlineData(BurstGoldens.Ccn)]
    [InlineData(BurstGoldens.Prop)]
    public void EveryOutputArrayIsRecomputed(string file)
    {
        using var scope = NewDisposeScope();
        var got = BurstGoldens.Recompute(file);
        var outputs = BurstGoldens.Members(file).Keys.Where(k => !BurstGoldens.IsInput(k)).ToList();
        outputs.Should().HaveCountGreaterThan(50);
        got.Keys.Should().BeEquivalentTo(outputs, "the recomputation covers exactly the golden's output arrays");
    }
}
