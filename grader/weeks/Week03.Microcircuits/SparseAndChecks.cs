using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits.Checks;

/// <summary>Checks of <see cref="SparseAnd"/>: the dense query set (s = 4) drawn after torch.manual_seed(52). Exact.</summary>
[WeekChecks(CheckKit.Week)]
public static class SparseAndChecks
{
    /// <summary>The dense set's training and validation batches (f₁ = [0, 8, 11, 15], f₂ = [1, 6, 7, 9]) and their tries.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>dense_X_train [200, 17], dense_y_train [200, 1], dense_tries_train, dense_X_valid [500, 17], dense_y_valid, dense_tries_valid.</returns>
    [Check(2, Description = "SparseAnd.Generate: z first, then up to 100 bit draws with p = 0.5^{1/2} until 0.45 ≤ mean(y) ≤ 0.55 (the dense set never gets there: 100 tries, the last returned)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30)]
    public static IReadOnlyDictionary<string, Tensor> Generate(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var d = ctx.LoadInputs(CheckKit.SparseAnd);
        var f1 = CheckKit.Int64s(d["dense_f_i_1"]);
        var f2 = CheckKit.Int64s(d["dense_f_i_2"]);
        manual_seed(52);
        var train = SparseAnd.Generate(200, f1, f2);
        var valid = SparseAnd.Generate(500, f1, f2);
        return CheckKit.Results(
            ("dense_X_train", train.X), ("dense_y_train", train.Y), ("dense_tries_train", tensor((long)train.Tries)),
            ("dense_X_valid", valid.X), ("dense_y_valid", valid.Y), ("dense_tries_valid", tensor((long)valid.Tries)));
    }
}
