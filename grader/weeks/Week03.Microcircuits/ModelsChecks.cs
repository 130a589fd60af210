using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>Checks of <see cref="Models"/>: parameter counts, accuracy and the short Adam run of the self-attention model.</summary>
[WeekChecks(CheckKit.Week)]
public static class ModelsChecks
{
    /// <summary>The parameter counts of both models and the accuracy of a crafted output with ties at 0.5.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>mlp_n_params, sat_n_params (int64, 9729 and 65), accuracy_ties (0-d: 0.5 rounds to 0).</returns>
    [Check(1, Description = "Models.CountParameters (MLP 9729, self-attention 65) and Models.Accuracy with round half to even (0.5 → 0)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> ParameterCounts(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        using var mlp = new BinaryMlp();
        using var sat = new SelfAttentionModel();
        var output = tensor(new float[] { 0.5f, 0.2f, 0.7f, 0.5f, 0.9f, 0.49f, 0.51f }).unsqueeze(1);
        var target = tensor(new float[] { 0, 0, 1, 0, 1, 0, 1 }).unsqueeze(1);
        return CheckKit.Results(
            ("mlp_n_params", tensor(Models.CountParameters(mlp))),
            ("sat_n_params", tensor(Models.CountParameters(sat))),
            ("accuracy_ties", CheckKit.Scalar(Models.Accuracy(output, target))));
    }

    /// <summary>
    /// Ten full-batch Adam steps (lr 1e-2) of the self-attention model and five (lr 1e-3) of the MLP in eval mode (dropout
    /// off), each from the course's init, on the sparse task.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>sat_losses [10], sat_train_acc [10], sat_after_*; mlp_losses [5], mlp_train_acc [5], mlp_after_* (every
    /// parameter after the last step).</returns>
    [Check(2, Description = "Models.Train: full-batch Adam (β = (0.9, 0.999), ε = 1e-8, no weight decay) on the mean BCE, loss and accuracy before each step", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 60)]
    [Tolerance("sat_losses", 6.93e-07)] // 1e-06 × max|models:sat_losses| = 1e-06 × 0.6931
    [Tolerance("sat_after_tokenizer.weight", 8.1e-07)] // 1e-05 × 0.081
    [Tolerance("sat_after_positioner", 7.67e-07)] // 1e-05 × 0.07668
    [Tolerance("sat_after_Wq.weight", 4.63e-09)] // 1e-05 × 4.632e-4
    [Tolerance("sat_after_Wk.weight", 1.66e-08)] // 1e-05 × 1.656e-3
    [Tolerance("sat_after_Wv.weight", 8.12e-07)] // 1e-05 × 0.08122
    [Tolerance("sat_after_linear.weight", 8.05e-07)] // 1e-05 × 0.08047
    [Tolerance("mlp_losses", 6.93e-07)] // 1e-06 × 0.6932
    [Tolerance("mlp_after_layers.0.weight", 1.5e-05)] // 2e-04 × 0.07502 (Adam's first steps ≈ lr·sign(g) amplify near-zero gradients)
    [Tolerance("mlp_after_layers.0.bias", 1.0e-06)] // 2e-04 × 0.005012
    [Tolerance("mlp_after_layers.3.weight", 9.83e-06)] // 2e-04 × 0.04914
    [Tolerance("mlp_after_layers.3.bias", 3.97e-06)] // 2e-04 × 0.01987
    public static IReadOnlyDictionary<string, Tensor> Training(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var m = ctx.LoadInputs(CheckKit.Models);
        var data = ctx.LoadInputs(CheckKit.SparseAnd);
        using var model = new SelfAttentionModel();
        model.load_state_dict(CheckKit.State(m, "sat_init", CheckKit.SatKeys));
        var history = Models.Train(model, data["sparse_X_train"], data["sparse_y_train"], 1e-2, 10);
        var state = model.state_dict();
        using var mlp = new BinaryMlp();
        mlp.load_state_dict(CheckKit.State(m, "mlp_init", CheckKit.MlpKeys));
        mlp.eval();
        var mlpHistory = Models.Train(mlp, data["sparse_X_train"], data["sparse_y_train"], 1e-3, 5);
        var mlpState = mlp.state_dict();
        return CheckKit.Results(
        [
            ("sat_losses", CheckKit.Vector(history.Losses)),
            ("sat_train_acc", CheckKit.Vector(history.Accuracies)),
            .. CheckKit.SatKeys.Select(k => ("sat_after" + (k == "positioner" ? "_positioner" : "_" + k), state[k])),
            ("mlp_losses", CheckKit.Vector(mlpHistory.Losses)),
            ("mlp_train_acc", CheckKit.Vector(mlpHistory.Accuracies)),
            .. CheckKit.MlpKeys.Select(k => ("mlp_after_" + k, mlpState[k])),
        ]);
    }
}
