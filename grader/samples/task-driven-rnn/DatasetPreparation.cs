using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>From the raw reaching data to network inputs and targets, as the course prepares them.</summary>
public static class DatasetPreparation
{
    /// <summary>First time index of the window the course keeps (inclusive).</summary>
    public const int WindowStart = 46;

    /// <summary>Last time index of the window (inclusive): 250 steps in all.</summary>
    public const int WindowEnd = 295;

    /// <summary>The delay index used for <see cref="PreparedDataset.Inputs"/> and <see cref="PreparedDataset.Outputs"/>.</summary>
    public const int FixedDelay = 3;

    /// <summary>
    /// The course's normalisation of a whole tensor: first min-max to [0, 1], y = (x − min)/(max − min);
    /// then standardise, (y − mean(y)) / std(y) with the unbiased std over all elements.
    /// Accumulate mean and std in float64: float32 sums over 540,000 values are off by 1e-2.
    /// [1, 2, 3, 4] → [−1.1619, −0.3873, 0.3873, 1.1619].
    /// Graded by <c>task-driven-rnn/DatasetPreparationChecks.NormalizeTiny</c>.
    /// </summary>
    /// <param name="x">Any tensor with max &gt; min.</param>
    /// <returns>The normalised tensor, dtype of <paramref name="x"/>.</returns>
    public static Tensor NormalizeData(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x64 = x.to(float64);
        var min = x64.min();
        var range = x64.max() - min;
        if (range.item<double>() <= 0)
        {
            throw new ArgumentException("x: max equals min, so min-max scaling divides by zero; pass a tensor that is not constant.", nameof(x));
        }

        var y = (x64 - min) / range;
        var normalised = (y - y.mean()) / y.std(unbiased: false);
        return normalised.to(x.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The course's preparation, in this order: (1) keep time indices <see cref="WindowStart"/>..<see cref="WindowEnd"/>
    /// (0-based, both inclusive: 250 steps) of every array — the window comes first, so the normalisations below see
    /// only the kept steps; (2) plan ← NormalizeData(plan) over all conditions, delays, steps and features at once;
    /// (3) inputs ← NormalizeData(plan ‖ goEnvelope), the go-cue envelope appended as the last feature (16 features);
    /// outputs ← muscle indices 3 and 4 of the last axis, 0-based as every index in C# (MATLAB's columns 4 and 5), as
    /// recorded (not normalised); times ← timesREmove / 1000 (s, float64, [T]).
    /// Inputs/Outputs take delay <paramref name="delayIndex"/>. MaxError, the null model's error: take the mean of the
    /// fixed-delay outputs per output channel over conditions and time (mean over axes 0 and 1, keepdim), subtract it,
    /// square, and average over every element (conditions, time and both channels); computed in float32 from the float32
    /// outputs. All tensors float32 but Times.
    /// Graded by <c>task-driven-rnn/DatasetPreparationChecks.Prepare</c> and <c>task-driven-rnn/DatasetPreparationChecks.PrepareWithDelay</c> (atol 1e-5 on inputs, 1e-6 on outputs and times).
    /// </summary>
    /// <param name="raw">The data read from condsForSim.</param>
    /// <param name="delayIndex">The delay used for the fixed-delay arrays.</param>
    /// <returns>The prepared dataset.</returns>
    public static PreparedDataset Prepare(CondsForSim raw, int delayIndex = FixedDelay)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var delays = raw.GoEnvelope.shape[1];
        ArgumentOutOfRangeException.ThrowIfNegative(delayIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(delayIndex, delays);
        var steps = raw.TimesMs.shape[0];
        if (steps <= WindowEnd)
        {
            throw new ArgumentException($"raw.TimesMs: {steps} time steps, the course's window needs indices {WindowStart}..{WindowEnd}; pass the condsForSim data.", nameof(raw));
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var window = TensorIndex.Slice(WindowStart, WindowEnd + 1);
        var all = TensorIndex.Colon;
        var plan = NormalizeData(raw.Plan.to(float64)[all, all, window, all]);
        var go = raw.GoEnvelope.to(float64)[all, all, window].unsqueeze(-1);
        var inputsWithDelay = NormalizeData(cat([plan, go], -1)).to(float32);
        var outputsWithDelay = raw.Muscle.to(float64)[all, all, window, TensorIndex.Slice(3, 5)].to(float32);
        var inputs = inputsWithDelay[all, delayIndex].contiguous();
        var outputs = outputsWithDelay[all, delayIndex].contiguous();
        var times = raw.TimesMs.to(float64)[window].reshape(-1) / 1000.0;
        var centred = outputs - outputs.mean([0L, 1L], keepdim: true);
        var maxError = centred.square().mean().item<float>();
        return new PreparedDataset(
            inputs.MoveToOuterDisposeScope(),
            inputsWithDelay.contiguous().MoveToOuterDisposeScope(),
            outputs.MoveToOuterDisposeScope(),
            outputsWithDelay.contiguous().MoveToOuterDisposeScope(),
            times.contiguous().MoveToOuterDisposeScope(),
            maxError);
    }

    /// <summary>
    /// Splits conditions into training and validation so that all delays of a condition stay together:
    /// permute 0..conditions−1 with <c>torch.randperm</c> after <c>torch.manual_seed(seed)</c>, the first
    /// k = round(conditions · validationFraction) go to validation, the rest to training; both sorted ascending.
    /// round is half to even, as Python's round: 2.5 → 2, 3.5 → 4 (C#'s <c>Math.Round(v)</c> rounds so by default;
    /// not half away from zero). k is then clamped to 1..conditions − 1: at least one validation and at least one
    /// training condition.
    /// Graded by <c>task-driven-rnn/DatasetPreparationChecks.SplitByCondition</c>.
    /// </summary>
    /// <param name="conditions">Number of conditions (27).</param>
    /// <param name="validationFraction">Share of conditions held out, in (0, 1).</param>
    /// <param name="seed">Seed of the permutation.</param>
    /// <returns>The split.</returns>
    public static ConditionSplit SplitByCondition(int conditions, double validationFraction, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(conditions, 2);
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "validationFraction must lie in (0, 1).");
        }

        var validationCount = Math.Clamp((int)Math.Round(conditions * validationFraction, MidpointRounding.ToEven), 1, conditions - 1);
        using var scope = NewDisposeScope();
        manual_seed(seed);
        var perm = randperm(conditions).data<long>().Select(i => (int)i).ToArray();
        var validation = perm[..validationCount].Order().ToArray();
        var train = perm[validationCount..].Order().ToArray();
        return new ConditionSplit(train, validation);
    }
}
