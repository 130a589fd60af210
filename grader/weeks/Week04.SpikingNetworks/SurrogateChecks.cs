using NeuroExercises.Week04.SpikingNetworks;
using static TorchSharp.torch;

namespace NeuroExercises.Week04.SpikingNetworks.Checks;

/// <summary>
/// Checks of <see cref="Surrogate"/> (and so of <see cref="SpikeFunction"/>) on surrogate.npz's 210 points x = U − θ, for
/// the fast sigmoid (k = 25), arctan (α = 2), sigmoid (k = 25) and SuperSpike (k = 100).
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class SurrogateChecks
{
    /// <summary>The forward pass of the spike function for every kind.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{kind}_forward.</returns>
    [Check(1, Description = "Surrogate.Spike forward: H(x), 0 at x = 0, whatever the surrogate", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Surrogate);
        return CheckKit.Results([.. CheckKit.Kinds.Select(k => ($"{k}_forward", Surrogate.Spike(s["x"], CheckKit.SurrogateOf(s, k))))]);
    }

    /// <summary>x.grad after backward through the spike function, with ones and with grad_output, for every kind.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{kind}_grad_ones, {kind}_grad_randn.</returns>
    [Check(2, Description = "Surrogate.Spike backward (the custom autograd function): x.grad = S'(x) · grad_output, not the step's zero gradient", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 20,
        Hint = "backward must return the surrogate derivative times grad_output, with the kind's slope.")]
    [Tolerance("sigmoid_grad_ones", 2e-6)]
    [Tolerance("sigmoid_grad_randn", 2e-6)]
    public static IReadOnlyDictionary<string, Tensor> Backward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Surrogate);
        var results = new List<(string, Tensor)>();
        foreach (var kind in CheckKit.Kinds)
        {
            foreach (var (g, name) in new[] { (ones_like(s["grad_output"]), "ones"), (s["grad_output"], "randn") })
            {
                var x = s["x"].detach().clone().requires_grad_(true);
                Surrogate.Spike(x, CheckKit.SurrogateOf(s, kind)).backward([g]);
                results.Add(($"{kind}_grad_{name}", x.grad is null ? zeros_like(x) : x.grad.clone()));
            }
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// Surrogate.Derivative called directly, with ones and with grad_output, for every kind. Visible: its expected values are
    /// those of <see cref="Backward"/> (the same S'(x) · g), which ships, so hiding it would hide nothing.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{kind}_grad_ones, {kind}_grad_randn.</returns>
    [Check(1, Description = "Surrogate.Derivative: S'(x) · g for every kind, with its slope", Visibility = Visibility.Visible, Atol = 1e-6, TimeLimitSeconds = 20)]
    [Tolerance("sigmoid_grad_ones", 2e-6)]
    [Tolerance("sigmoid_grad_randn", 2e-6)]
    public static IReadOnlyDictionary<string, Tensor> Derivative(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Surrogate);
        var results = new List<(string, Tensor)>();
        foreach (var kind in CheckKit.Kinds)
        {
            results.Add(($"{kind}_grad_ones", Surrogate.Derivative(s["x"], CheckKit.SurrogateOf(s, kind), ones_like(s["x"]))));
            results.Add(($"{kind}_grad_randn", Surrogate.Derivative(s["x"], CheckKit.SurrogateOf(s, kind), s["grad_output"])));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>The smooth functions.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{kind}_smooth.</returns>
    [Check(1, Description = "Surrogate.Smooth: the function whose derivative each surrogate is", Visibility = Visibility.Hidden, Atol = 1e-6, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> Smooth(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var s = ctx.LoadInputs(CheckKit.Surrogate);
        return CheckKit.Results([.. CheckKit.Kinds.Select(k => ($"{k}_smooth", Surrogate.Smooth(s["x"], CheckKit.SurrogateOf(s, k))))]);
    }
}
