using FluentAssertions;
using NeuroExercises.Week03.Microcircuits;
using static NeuroExercises.Solutions.Tests.Week03.MicroGoldens;
using static TorchSharp.torch;
using Att = NeuroExercises.Week03.Microcircuits.Attention;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>attention.npz (gained attention, softmax with gain, positional encoding, self-attention) and properties.</summary>
public sealed class AttentionGoldenTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void GainedAttentionMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        var x = T(AttentionNpz, "att_x");
        var gains = T(AttentionNpz, "att_gains");
        var results = Enumerable.Range(0, 7).Select(i => Att.GainedAttention(x, T(AttentionNpz, "att_q1"), T(AttentionNpz, "att_q2"), gains[i, 0].item<float>(), gains[i, 1].item<float>())).ToArray();
        ShouldMatch(stack([.. results.Select(r => r.Weights)]), AttentionNpz, "att_w", Tol);
        ShouldMatch(stack([.. results.Select(r => r.Value)]), AttentionNpz, "att_y", Tol);
    }

    [Fact]
    public void SoftmaxWithGainMatchesTheGoldensAndHasItsLimits()
    {
        using var scope = NewDisposeScope();
        var s = T(AttentionNpz, "sm_scores");
        var betas = Vector(AttentionNpz, "sm_betas");
        ShouldMatch(stack([.. betas.Select(b => Att.SoftmaxWithGain(s, b))]), AttentionNpz, "sm_out", Tol);
        var w = Att.SoftmaxWithGain(s, 3);
        (w.sum(1) - 1).abs().max().item<float>().Should().BeLessThan(1e-6f);
        var hard = Att.SoftmaxWithGain(s, 1e4);
        hard.argmax(1).eq(s.argmax(1)).all().item<bool>().Should().BeTrue();
        hard.max(1).values.min().item<float>().Should().Be(1);
    }

    [Fact]
    public void TheCourseMultiHeadHelperMatchesTheGoldensWithItsScaleOfTheUncontractedAxis()
    {
        using var scope = NewDisposeScope();
        var q = T(AttentionNpz, "legacy_Q");
        var (scores, output) = Att.MultiHeadHelper(q, T(AttentionNpz, "legacy_K"), T(AttentionNpz, "legacy_V"));
        ShouldMatch(scores, AttentionNpz, "legacy_S", Tol);
        ShouldMatch(output, AttentionNpz, "legacy_A", Tol);
        q.shape[2].Should().NotBe(q.shape[3], "d = 4 and n = 3 differ, so the goldens tell √d from √n");
        var act = () => Att.MultiHeadHelper(q, q[.., .., .., ..2], q);
        act.Should().Throw<ArgumentException>().WithMessage("*share one [B, H, d, n] shape*");
    }

    [Fact]
    public void PositionalEncodingMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        foreach (var (t, d) in new[] { (7, 5), (8, 4), (17, 2), (11, 3) })
        {
            ShouldMatch(Att.PositionalEncoding(t, d), AttentionNpz, $"pe_T{t}_d{d}", Tol);
        }
    }

    [Fact]
    public void SelfAttentionMatchesTheGoldens()
    {
        using var scope = NewDisposeScope();
        var x = T(AttentionNpz, "sdpa_x") + Att.PositionalEncoding(7, 5);
        ShouldMatch(x, AttentionNpz, "sdpa_x_pe", Tol);
        var pass = Att.SelfAttention(x, T(AttentionNpz, "sdpa_Wq"), T(AttentionNpz, "sdpa_Wk"), T(AttentionNpz, "sdpa_Wv"));
        ShouldMatch(pass.Queries, AttentionNpz, "sdpa_Q", Tol);
        ShouldMatch(pass.Keys, AttentionNpz, "sdpa_K", Tol);
        ShouldMatch(pass.Values, AttentionNpz, "sdpa_V", Tol);
        ShouldMatch(pass.Scores, AttentionNpz, "sdpa_S", Tol);
        ShouldMatch(pass.Weights, AttentionNpz, "sdpa_S_softmax", Tol);
        ShouldMatch(pass.Output, AttentionNpz, "sdpa_A", Tol);
        var zeroKeys = Att.SelfAttention(x, T(AttentionNpz, "sdpa_Wq"), zeros(3, 5), T(AttentionNpz, "sdpa_Wv"));
        ShouldMatch(zeroKeys.Output, AttentionNpz, "sdpa_A_zero_keys", Tol);
        (zeroKeys.Output - zeroKeys.Values.mean([0], keepdim: true)).abs().max().item<float>().Should().BeLessThan(1e-6f);
    }
}
