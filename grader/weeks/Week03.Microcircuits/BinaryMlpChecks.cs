using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>Checks of <see cref="BinaryMlp"/> with O(1) weights (mlp_rand_* of models.npz). Tolerance 1e-6 × max |golden|.</summary>
[WeekChecks(CheckKit.Week)]
public static class BinaryMlpChecks
{
    /// <summary>The hidden layer and the output for the first 4 validation rows.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mlp_rand_hidden [4, 512], mlp_rand_out [4, 1].</returns>
    [Check(2, Description = "BinaryMlp.Hidden and forward: exact GELU x·½(1 + erf(x/√2)) (the tanh approximation is off by 9e-5), then σ(W₂h + b₂)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    [Tolerance("mlp_rand_hidden", 5.23e-06)] // 1e-06 × max|models:mlp_rand_hidden| = 1e-06 × 5.227
    [Tolerance("mlp_rand_out", 5.56e-07)] // 1e-06 × 0.5561
    public static IReadOnlyDictionary<string, Tensor> Forward(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.Models);
        var x = ctx.LoadInputs(CheckKit.SparseAnd)["sparse_X_valid"].narrow(0, 0, 4);
        using var mlp = new BinaryMlp();
        mlp.load_state_dict(CheckKit.MlpKeys.ToDictionary(k => k, k => m["mlp_rand_" + k]));
        mlp.eval();
        return CheckKit.Results(("mlp_rand_hidden", mlp.Hidden(x)), ("mlp_rand_out", mlp.call(x)));
    }
}
