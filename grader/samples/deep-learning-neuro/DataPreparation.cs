using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// Preparing the V1 recording for decoding (Tutorial 1 and the bonus tutorial): the train/test split, re-binning to a
/// coarser orientation grid, the Tutorial 3 view of stimuli 0…180, and orientation classes with the course's bin edges.
/// </summary>
public static class DataPreparation
{
    /// <summary>
    /// The course's split: n_train = ⌊fraction · n⌋ (0.6 · 360 = 216); itrain = the first n_train entries of the shuffle,
    /// itest = the rest (in the shuffle's order); responses are the rows resp[itrain], resp[itest] and the stimuli the
    /// columns stimuli[itrain], stimuli[itest] as float32 [·, 1].
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/DataPreparationChecks.Split</c> (data_prep.npz: itrain, itest exactly,
    /// stimuli_train, stimuli_test exactly). The course draws the shuffle with torch.manual_seed(4); torch.randperm(360):
    /// pass it in (data_prep.npz's <c>ishuffle</c>).
    /// </remarks>
    /// <param name="resp">resp [n, m] (float32).</param>
    /// <param name="stimuli">stimuli [n] (float64 or float32, degrees).</param>
    /// <param name="shuffle">A permutation of 0…n−1 [n] (int64).</param>
    /// <param name="trainFraction">The training fraction (0.6).</param>
    /// <returns>The split.</returns>
    public static TrainTestSplit Split(Tensor resp, Tensor stimuli, Tensor shuffle, double trainFraction = 0.6)
    {
        ArgumentNullException.ThrowIfNull(resp);
        ArgumentNullException.ThrowIfNull(stimuli);
        ArgumentNullException.ThrowIfNull(shuffle);
        using var scope = NewDisposeScope();
        var n = shuffle.shape[0];
        var nTrain = (long)Math.Floor(trainFraction * n);
        var itrain = shuffle[TensorIndex.Slice(0, nTrain)].to(int64);
        var itest = shuffle[TensorIndex.Slice(nTrain)].to(int64);
        var column = stimuli.to(float32).reshape(-1, 1);
        return new TrainTestSplit(
            resp.index_select(0, itrain).MoveToOuterDisposeScope(),
            resp.index_select(0, itest).MoveToOuterDisposeScope(),
            column.index_select(0, itrain).MoveToOuterDisposeScope(),
            column.index_select(0, itest).MoveToOuterDisposeScope(),
            itrain.MoveToOuterDisposeScope(),
            itest.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Re-binning with bin width w: a stimulus s falls in bin k = ⌊s / w⌋, i.e. k·w ≤ s &lt; (k + 1)·w (np.digitize with the
    /// edges np.arange(0, 360 + w, w); for a w that does not divide 360 the last bin is partial); the non-empty bins are kept in increasing order, each with the mean of its rows of resp and the mean of
    /// its stimuli. The last bin may be partial: w = 7 gives 52 bins, the last one of 357, 358, 359 (mean 358).
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/DataPreparationChecks.Rebin</c> (data_prep.npz: bw10_*, bw7_*; 1e-6 of max |golden|).
    /// </remarks>
    /// <param name="resp">resp [n, m] (float32).</param>
    /// <param name="stimuli">stimuli [n] (degrees, ≥ 0).</param>
    /// <param name="binWidth">w in degrees.</param>
    /// <returns>Mean responses [bins, m] and mean stimuli [bins, 1] (float32).</returns>
    public static BinnedResponses Rebin(Tensor resp, Tensor stimuli, double binWidth)
    {
        ArgumentNullException.ThrowIfNull(resp);
        ArgumentNullException.ThrowIfNull(stimuli);
        using var scope = NewDisposeScope();
        var s = stimuli.to(float64).cpu().data<double>().ToArray();
        var bins = s.Select(v => (long)Math.Floor(v / binWidth)).ToArray();
        var rows = new List<Tensor>();
        var means = new List<float>();
        foreach (var k in bins.Distinct().Order())
        {
            var members = Enumerable.Range(0, s.Length).Where(i => bins[i] == k).Select(i => (long)i).ToArray();
            rows.Add(resp.index_select(0, tensor(members, device: resp.device)).mean([0]));
            means.Add((float)members.Average(i => s[i]));
        }

        return new BinnedResponses(
            stack(rows).MoveToOuterDisposeScope(),
            tensor(means.ToArray(), device: resp.device).reshape(-1, 1).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Tutorial 3's view of the recording: the rows with stimulus ≤ 180° (0…180, 181 rows), and their orientations
    /// stimulus − 90 (−90…90) as a float32 column.
    /// </summary>
    /// <remarks>Graded by <c>deep-learning-neuro/DataPreparationChecks.Split</c> (data_prep.npz: t3_rows, t3_ori exactly).</remarks>
    /// <param name="stimuli">stimuli [n] (degrees).</param>
    /// <returns>The rows [181] (int64) and the orientations [181, 1] (float32).</returns>
    public static (Tensor Rows, Tensor Orientations) Tutorial3View(Tensor stimuli)
    {
        ArgumentNullException.ThrowIfNull(stimuli);
        using var scope = NewDisposeScope();
        var rows = stimuli.le(180).nonzero().flatten().to(int64);
        var ori = (stimuli.index_select(0, rows).to(float64) - 90).to(float32).reshape(-1, 1);
        return (rows.MoveToOuterDisposeScope(), ori.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The orientation class of each angle with n classes: class(φ; n) = np.digitize(φ, edges) − 1 with the edges exactly
    /// as np.linspace(0, 360, n + 1) computes them in double, edge_i = i · (360 / n) (start + i·step) for i &lt; n and
    /// edge_n = 360: φ is in class i when edge_i ≤ φ &lt; edge_{i+1}. 360 gives n and a negative angle −1 (out of range). With
    /// 35 classes edge 21 is 216.00000000000003, so 216 is class 20 (an edge computed as 360·21/35 = 216 would give 21).
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/DataPreparationChecks.OrientationClasses</c> (data_prep.npz: stimulus_class_20, _8,
    /// _35, class_edge_20, _35 exactly) and <c>deep-learning-neuro/DataPreparationChecks.ClassInItsBin</c> (a class k sits in
    /// [edge_k, edge_{k+1})). Compare in double (float32 inputs are widened first).
    /// </remarks>
    /// <param name="angles">φ [any shape] (degrees, float32 or float64).</param>
    /// <param name="classes">n.</param>
    /// <returns>The classes, same shape (int64).</returns>
    public static Tensor OrientationClass(Tensor angles, int classes)
    {
        ArgumentNullException.ThrowIfNull(angles);
        var step = 360.0 / classes;
        var edges = Enumerable.Range(0, classes + 1).Select(i => i == classes ? 360.0 : i * step).ToArray();
        var values = angles.to(float64).cpu().contiguous().data<double>().ToArray();
        var labels = values.Select(v => (long)edges.Count(e => e <= v) - 1).ToArray();
        return tensor(labels, angles.shape, device: angles.device);
    }
}
