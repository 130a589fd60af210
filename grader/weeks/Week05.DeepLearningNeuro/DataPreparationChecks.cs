using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro.Checks;

/// <summary>
/// Checks of <see cref="DataPreparation"/>: the course's split of the synthetic recording with data_prep's shuffle, the
/// Tutorial 3 view, re-binning at widths 10 and 7 (a partial last bin), and orientation classes with linspace's edges.
/// </summary>
[WeekChecks(CheckKit.Week)]
public static class DataPreparationChecks
{
    /// <summary>The split and the Tutorial 3 view.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>itrain, itest, stimuli_train, stimuli_test, resp_train_rowsum, t3_rows, t3_ori.</returns>
    [Check(1, Description = "DataPreparation.Split (n_train = ⌊0.6·360⌋ first shuffled indices) and Tutorial3View (stimuli ≤ 180, minus 90)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "itrain is the first 216 entries of the shuffle, in the shuffle's order; stimuli become a float32 column.")]
    [Tolerance("resp_train_rowsum", 1e-4)]
    public static IReadOnlyDictionary<string, Tensor> Split(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var rec = CheckKit.Recording(ctx);
        var split = DataPreparation.Split(rec.Resp, rec.Stimuli, ctx.LoadInputs(CheckKit.DataPrep)["ishuffle"].cpu());
        var (rows, ori) = DataPreparation.Tutorial3View(rec.Stimuli);
        return CheckKit.Results(
            ("itrain", split.TrainIndices), ("itest", split.TestIndices),
            ("stimuli_train", split.StimuliTrain), ("stimuli_test", split.StimuliTest),
            ("resp_train_rowsum", split.RespTrain.sum([1])),
            ("t3_rows", rows), ("t3_ori", ori));
    }

    /// <summary>Re-binning at w = 10 and w = 7.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>bw10_resp, bw10_stimuli, bw7_resp, bw7_stimuli.</returns>
    [Check(1, Description = "DataPreparation.Rebin: bins [k·w, (k+1)·w), non-empty bins in order, mean rows and mean stimuli (w = 7 ends with a partial bin at 358)", Visibility = Visibility.Visible, Atol = 3e-6, TimeLimitSeconds = 30)]
    [Tolerance("bw10_stimuli", 0)]
    [Tolerance("bw7_stimuli", 0)]
    public static IReadOnlyDictionary<string, Tensor> Rebin(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var rec = CheckKit.Recording(ctx);
        var b10 = DataPreparation.Rebin(rec.Resp, rec.Stimuli, 10);
        var b7 = DataPreparation.Rebin(rec.Resp, rec.Stimuli, 7);
        return CheckKit.Results(("bw10_resp", b10.Resp), ("bw10_stimuli", b10.Stimuli), ("bw7_resp", b7.Resp), ("bw7_stimuli", b7.Stimuli));
    }

    /// <summary>The classes of the 360 stimuli and of the edge cases.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>stimulus_class_20, _8, _35, class_edge_20, class_edge_35.</returns>
    [Check(2, Description = "DataPreparation.OrientationClass with np.linspace's edges (216° is class 20 of 35; 360 → n, −0.5 → −1)", Visibility = Visibility.Visible, Atol = 0, TimeLimitSeconds = 30,
        Hint = "edge_i = i·(360/n) in double, the last edge exactly 360; a class is the number of edges ≤ φ, minus 1.")]
    public static IReadOnlyDictionary<string, Tensor> OrientationClasses(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var stimuli = ctx.LoadInputs(CheckKit.Binned1)["stimuli"].cpu();
        var edges = ctx.LoadInputs(CheckKit.DataPrep)["class_edge_inputs"].cpu();
        return CheckKit.Results(
            ("stimulus_class_20", DataPreparation.OrientationClass(stimuli, 20)),
            ("stimulus_class_8", DataPreparation.OrientationClass(stimuli, 8)),
            ("stimulus_class_35", DataPreparation.OrientationClass(stimuli, 35)),
            ("class_edge_20", DataPreparation.OrientationClass(edges, 20)),
            ("class_edge_35", DataPreparation.OrientationClass(edges, 35)));
    }

    /// <summary>Classes of 1000 seeded angles in [0, 360) and of the 35-class edges computed both ways, for n = 7, 20, 35, 36; RAW labels only.</summary>
    /// <param name="ctx">The check's device and inputs.</param>
    /// <returns>angles [1000 + 68] (float64), labels_7, labels_20, labels_35, labels_36 (int64).</returns>
    [Check(1, Description = "DataPreparation.OrientationClass: every class k sits in [edge_k, edge_{k+1}) for 7, 20, 35 and 36 classes", Visibility = Visibility.Hidden, Atol = 0, TimeLimitSeconds = 30, Derive = nameof(ClassInItsBinVerdict))]
    public static IReadOnlyDictionary<string, Tensor> ClassInItsBin(CheckContext ctx)
    {
        using var scope = NewDisposeScope();
        var angles = Angles();
        var results = new List<(string, Tensor)> { ("angles", angles) };
        foreach (var n in Classes)
        {
            results.Add(($"labels_{n}", DataPreparation.OrientationClass(angles, n)));
        }

        return CheckKit.Results([.. results]);
    }

    /// <summary>The trusted verdict of <see cref="ClassInItsBin"/>: in_bin_{n} (edge_k ≤ φ &lt; edge_{k+1} with linspace's edges for every angle).</summary>
    /// <param name="ctx">The grader's context (inputs only).</param>
    /// <param name="raw">The arrays the check returned.</param>
    /// <returns>The flags (1 = holds).</returns>
    public static IReadOnlyDictionary<string, Tensor> ClassInItsBinVerdict(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(raw);
        using var scope = NewDisposeScope();
        var expectedAngles = CheckKit.Doubles(Angles());
        var angles = CheckKit.Doubles(CheckKit.Raw(raw, "angles", [expectedAngles.Length], float64));
        var results = new List<(string, Tensor)> { ("angles_unchanged", CheckKit.Flag(angles.SequenceEqual(expectedAngles))) };
        foreach (var n in Classes)
        {
            var labels = CheckKit.Raw(raw, $"labels_{n}", [expectedAngles.Length], int64).data<long>().ToArray();
            double Edge(long j) => j == n ? 360.0 : j * (360.0 / n);
            var ok = true;
            for (var i = 0; i < labels.Length; i++)
            {
                ok &= labels[i] >= 0 && labels[i] < n && Edge(labels[i]) <= expectedAngles[i] && expectedAngles[i] < Edge(labels[i] + 1);
            }

            results.Add(($"in_bin_{n}", CheckKit.Flag(ok)));
        }

        return CheckKit.Results([.. results]);
    }

    private static readonly int[] Classes = [7, 20, 35, 36];

    private static Tensor Angles()
    {
        using var generator = new Generator(55);
        var random = rand([1000], dtype: float64, generator: generator) * 360;
        // Both ways of computing the 35-class edges (i·step and 360·i/35 differ at i = 21: 216.00000000000003 vs 216).
        var multiples = Enumerable.Range(1, 34).SelectMany(i => new[] { i * (360.0 / 35), 360.0 * i / 35 }).ToArray();
        return cat([random, tensor(multiples)]);
    }
}
