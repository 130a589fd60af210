using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>
/// Checks of <see cref="SnnAdam"/>: two Adam steps on snn_net.npz's weights from seeded synthetic gradients (a quarter of
/// them exactly 0), so that the first step (≈ lr·sign(g)) and the bias correction of the second are both graded.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class SnnAdamChecks
{
    /// <summary>Weights after step 1 and after step 2 (lr = adam_lr = 5e-4).</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>W1_step1, b1_step1, W2_step1, b2_step1, W1_step2, b1_step2, W2_step2, b2_step2.</returns>
    [Check(2, Description = "SnnAdam.Step: m, v moment updates with bias correction 1 − β^s (PyTorch's form), in place, from zero state; g = 0 does not move", Visibility = Visibility.Visible, Atol = 5e-8, TimeLimitSeconds = 20,
        Hint = "Step s = 1 first; W ← W − (lr/(1 − β₁ˢ)) m / (√v / √(1 − β₂ˢ) + ε).")]
    public static IReadOnlyDictionary<string, Tensor> Step(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var net = ctx.LoadInputs(CheckKit.Net);
        using var network = CheckKit.Network(net);
        using var generator = new Generator(2026);
        SnnGradients Draw() => new(
            tensor(0f),
            Sparse(randn([32, 784], generator: generator), generator),
            Sparse(randn([32], generator: generator), generator),
            Sparse(randn([10, 32], generator: generator), generator),
            Sparse(randn([10], generator: generator), generator));
        using var adam = new SnnAdam(CheckKit.Scalar(net, "adam_lr"));
        var results = new List<(string, Tensor)>();
        for (var s = 1; s <= 2; s++)
        {
            adam.Step(network, Draw());
            results.AddRange(new[] { ("W1", network.W1), ("b1", network.B1), ("W2", network.W2), ("b2", network.B2) }.Select(p => ($"{p.Item1}_step{s}", p.Item2.detach().clone())));
        }

        return CheckKit.Results([.. results]);
    }

    private static Tensor Sparse(Tensor g, Generator generator) => g * rand(g.shape, generator: generator).ge(0.25f).to(float32);
}
