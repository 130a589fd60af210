using NeuroExercises.Week06.LearningRules;
using static TorchSharp.torch;

namespace NeuroExercises.Week06.LearningRules.Checks;

/// <summary>
/// Checks of <see cref="Hebbian"/> on hebb_oja.npz (2-D data a, 5-D data b). Weight trajectories are graded row by row:
/// the check returns each row's direction w/‖w‖ (1e-12 absolute) and norm (rtol 1e-12), since Hebb's norms span 0.3 to
/// 3.9·10⁷. Angles are measured against the principal axis of the true covariance, read from arguments.npz
/// (hebb_oja.npz's a_pc1, b_pc1: the expected values of the visible PrincipalAxis check below, so no solution of
/// Hebbian.PrincipalAxis ships with the checks). Named without a cref: the release's stripper counts a cref's member name
/// as a use of every member of that name.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class HebbianChecks
{
    /// <summary>Oja's rule on both data sets.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{a,b}_oja_dir, {a,b}_oja_norm, {a,b}_oja_angle.</returns>
    [Check(2, Description = "Hebbian.Oja (w ← w + η y (x − y w), one sample per step, w recorded every 10 / 20 samples) and Hebbian.AnglesToAxis (sign-free, degrees, in double)", Visibility = Visibility.Visible, Atol = 1e-12, TimeLimitSeconds = 30)]
    [Tolerance("a_oja_norm", 0, 1e-12)]
    [Tolerance("b_oja_norm", 0, 1e-12)]
    [Tolerance("a_oja_angle", 1e-10)]
    [Tolerance("b_oja_angle", 1e-10)]
    public static IReadOnlyDictionary<string, Tensor> Oja(CheckContext ctx) => Trajectories(ctx, "oja");

    /// <summary>Plain Hebb on both data sets.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{a,b}_hebb_dir, {a,b}_hebb_norm, {a,b}_hebb_angle.</returns>
    [Check(1, Description = "Hebbian.Hebb (w ← w + η y x): its norm grows to 3.9·10⁷ while it turns to the principal axis", Visibility = Visibility.Hidden, Atol = 1e-12, TimeLimitSeconds = 30)]
    [Tolerance("a_hebb_norm", 0, 1e-12)]
    [Tolerance("b_hebb_norm", 0, 1e-12)]
    [Tolerance("a_hebb_angle", 1e-10)]
    [Tolerance("b_hebb_angle", 1e-10)]
    public static IReadOnlyDictionary<string, Tensor> Hebb(CheckContext ctx) => Trajectories(ctx, "hebb");

    /// <summary>
    /// The principal axis of the true covariance and of XᵀX / T for both data sets. Visible (it was hidden, with the same
    /// point): <see cref="Oja"/>'s angles are measured against a_pc1 and b_pc1, which the visible check must get from
    /// somewhere; computing them in the check would ship a solution of Hebbian.PrincipalAxis, and a hidden check's
    /// expected values may not sit in arguments.npz, where submissions can read them. As a visible check's, they may.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>a_pc1, b_pc1, a_pc1_sample, b_pc1_sample.</returns>
    [Check(1, Description = "Hebbian.PrincipalAxis: the leading eigenvector, unit norm, its largest-magnitude component positive", Visibility = Visibility.Visible, Atol = 1e-12, TimeLimitSeconds = 20)]
    public static IReadOnlyDictionary<string, Tensor> PrincipalAxis(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var h = ctx.LoadInputs(CheckKit.HebbOja);
        var results = new List<(string, Tensor)>();
        foreach (var p in new[] { "a", "b" })
        {
            var x = h[$"{p}_X"];
            results.Add(($"{p}_pc1", Hebbian.PrincipalAxis(h[$"{p}_cov"])));
            results.Add(($"{p}_pc1_sample", Hebbian.PrincipalAxis(x.t().matmul(x) / x.shape[0])));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// Oja and Hebb run 4 times longer (the data cycled 4 times) on both sets; RAW trajectories only,
    /// <see cref="OjaVersusHebbVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>{a,b}_{oja,hebb}_w [41, d] (w every quarter of the data).</returns>
    [Check(1, Description = "Oja's norm tends to 1 and its angle to the principal axis falls, while plain Hebb's norm grows without bound", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(OjaVersusHebbVerdict))]
    public static IReadOnlyDictionary<string, Tensor> OjaVersusHebb(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var h = ctx.LoadInputs(CheckKit.HebbOja);
        var results = new List<(string, Tensor)>();
        foreach (var p in new[] { "a", "b" })
        {
            var x = h[$"{p}_X"].repeat(Cycles, 1);
            var every = (int)(x.shape[0] / Records);
            var eta = CheckKit.Scalar(h, $"{p}_eta");
            results.Add(($"{p}_oja_w", Hebbian.Oja(x, h[$"{p}_w0"], eta, every)));
            results.Add(($"{p}_hebb_w", Hebbian.Hebb(x, h[$"{p}_w0"], eta, every)));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// The trusted verdict of <see cref="OjaVersusHebb"/>, per data set p: {p}_oja_norm_one (|‖w_end‖ − 1| &lt; 0.01),
    /// {p}_oja_angle_falls (the last angle to the true pc1 below a fifth of the first, and below 1° for a),
    /// {p}_hebb_grows (‖w‖ strictly increasing, the last above 100 × the first), {p}_starts_at_w0 (both rows 0 are w₀).
    /// </summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> OjaVersusHebbVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var h = ctx.LoadInputs(CheckKit.HebbOja).ToDictionary(kv => kv.Key, kv => kv.Value.cpu(), StringComparer.Ordinal);
        var results = new List<(string, Tensor)>();
        foreach (var p in new[] { "a", "b" })
        {
            var d = h[$"{p}_w0"].shape[0];
            var oja = CheckKit.Raw(raw, $"{p}_oja_w", [Records + 1, d], float64);
            var hebb = CheckKit.Raw(raw, $"{p}_hebb_w", [Records + 1, d], float64);
            var axis = Reference.PrincipalAxis(h[$"{p}_cov"]);
            var ojaNorm = linalg.vector_norm(oja, dims: [1]);
            var hebbNorm = linalg.vector_norm(hebb, dims: [1]);
            var angles = Reference.Angles(oja, axis);
            var first = angles[0].item<double>();
            var last = angles[-1].item<double>();
            results.Add(($"{p}_oja_norm_one", CheckKit.Flag(Math.Abs(ojaNorm[-1].item<double>() - 1) < 0.01)));
            results.Add(($"{p}_oja_angle_falls", CheckKit.Flag(last < first / 5 && (p != "a" || last < 1))));
            results.Add(($"{p}_hebb_grows", CheckKit.Flag((hebbNorm[1..] - hebbNorm[..^1]).min().item<double>() > 0 && hebbNorm[-1].item<double>() > 100 * hebbNorm[0].item<double>())));
            results.Add(($"{p}_starts_at_w0", CheckKit.Flag(oja[0].eq(h[$"{p}_w0"]).all().item<bool>() && hebb[0].eq(h[$"{p}_w0"]).all().item<bool>())));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>
    /// Oja and Hebb over the first 50 and 49 samples of data set a, recorded every 7: when T is not a multiple of every,
    /// the samples after the last multiple update w but are not recorded, so both give ⌊T/every⌋ + 1 = 8 equal rows (the
    /// week-6 student dry run's open guess); <see cref="PartialRecordingVerdict"/> decides in the grader's process.
    /// </summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>oja_50, oja_49, hebb_50, hebb_49 ([8, 2] when right).</returns>
    [Check(1, Description = "Hebbian.Oja / Hebb when T is not a multiple of every: ⌊T/every⌋ + 1 rows, the samples after the last multiple not recorded", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 20, Derive = nameof(PartialRecordingVerdict))]
    public static IReadOnlyDictionary<string, Tensor> PartialRecording(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var h = ctx.LoadInputs(CheckKit.HebbOja);
        var x = h["a_X"];
        var w0 = h["a_w0"];
        var eta = CheckKit.Scalar(h, "a_eta");
        return CheckKit.Results(
            ("oja_50", Hebbian.Oja(x[TensorIndex.Slice(0, 50)], w0, eta, PartialEvery)),
            ("oja_49", Hebbian.Oja(x[TensorIndex.Slice(0, 49)], w0, eta, PartialEvery)),
            ("hebb_50", Hebbian.Hebb(x[TensorIndex.Slice(0, 50)], w0, eta, PartialEvery)),
            ("hebb_49", Hebbian.Hebb(x[TensorIndex.Slice(0, 49)], w0, eta, PartialEvery)));
    }

    /// <summary>The trusted verdict of <see cref="PartialRecording"/>: {oja,hebb}_partial_not_recorded (8 rows each, the 50-sample run equal to the 49-sample one).</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> PartialRecordingVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var d = ctx.LoadInputs(CheckKit.HebbOja)["a_w0"].shape[0];
        bool Same(string rule) =>
            CheckKit.Raw(raw, $"{rule}_50", [(50 / PartialEvery) + 1, d], float64).eq(CheckKit.Raw(raw, $"{rule}_49", [(49 / PartialEvery) + 1, d], float64)).all().item<bool>();
        return CheckKit.Results(("oja_partial_not_recorded", CheckKit.Flag(Same("oja"))), ("hebb_partial_not_recorded", CheckKit.Flag(Same("hebb"))));
    }

    private const int PartialEvery = 7;

    private const int Cycles = 4;

    private const int Records = 40;

    private static IReadOnlyDictionary<string, Tensor> Trajectories(CheckContext ctx, string rule)
    {
        using var scope = NewDisposeScope();
        var h = ctx.LoadInputs(CheckKit.HebbOja);
        var axes = ctx.LoadInputs(CheckKit.Arguments);
        var results = new List<(string, Tensor)>();
        foreach (var p in new[] { "a", "b" })
        {
            var steps = h[$"{p}_steps"];
            var every = (int)(steps[1].item<long>() - steps[0].item<long>());
            var eta = CheckKit.Scalar(h, $"{p}_eta");
            var w = rule == "oja" ? Hebbian.Oja(h[$"{p}_X"], h[$"{p}_w0"], eta, every) : Hebbian.Hebb(h[$"{p}_X"], h[$"{p}_w0"], eta, every);
            var norm = linalg.vector_norm(w, dims: [1]);
            results.Add(($"{p}_{rule}_dir", w / norm.unsqueeze(1)));
            results.Add(($"{p}_{rule}_norm", norm));
            results.Add(($"{p}_{rule}_angle", Hebbian.AnglesToAxis(w, axes[$"{p}_pc1"].to(w.device))));
        }

        return CheckKit.Results([.. results]);
    }
}
