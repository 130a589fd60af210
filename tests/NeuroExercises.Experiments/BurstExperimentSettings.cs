namespace NeuroExercises.Experiments;

/// <summary>The options of one <c>burst-credit-assignment</c> run.</summary>
internal sealed record BurstExperimentSettings(
    string OutFolder,
    int[] Hidden,
    int Epochs,
    int Batch,
    long Seed,
    int Threads,
    int? TrainLimit,
    double PoorGain,
    bool RunPoorInit,
    int AlignEvery,
    double LrScale,
    string RatesPreset,
    int Validation)
{
    /// <summary>The runs of <see cref="RatesPreset"/> (the command accepts only a known preset).</summary>
    public IReadOnlyList<BurstRuleRun> Runs => BurstRuleRun.Preset(RatesPreset) ?? throw new InvalidOperationException($"unknown rates preset '{RatesPreset}'");
}
