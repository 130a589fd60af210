namespace NeuroExercises.Bench;

/// <summary>Case ids. PyTorch ids are bench_pytorch.py's JSON keys; each TorchSharp case is compared with one of them.</summary>
internal static class CaseNames
{
    /// <summary>(a) 27 conditions × 250 steps from x = 0, no grad: TrajectoryGenerator.Generate vs the course's generate_trajectory.</summary>
    public const string Trajectory = "trajectory";

    /// <summary>(b) one BPTT step of UnregularizedRNN with MSE, clip 1.0, Adam; PyTorch: the course's loop.</summary>
    public const string TrainUnregularized = "train_unregularized";

    /// <summary>(b') the same with RegularizedRNN and MSE + λ_w(ΣB² + ΣW²) + λ_r R₁.</summary>
    public const string TrainRegularized = "train_regularized";

    /// <summary>(b) on TorchSharp with the course's loop shape: one RateRnn.forward per step, outputs stacked.</summary>
    public const string TrainUnregularizedPerStep = "train_unregularized_forward_per_step";

    /// <summary>(b') with one RateRnn.forward per step.</summary>
    public const string TrainRegularizedPerStep = "train_regularized_forward_per_step";

    /// <summary>
    /// The cases the ≤ 0.8 target applies to: what the week's code runs (Generate, and Trainer's training step).
    /// The per-step rows show what the course's loop shape costs in TorchSharp, for reference.
    /// </summary>
    /// <param name="id">A case id.</param>
    /// <returns>Whether the verdict counts it.</returns>
    public static bool IsTarget(string id) => id is Trajectory or TrainUnregularized or TrainRegularized;

    /// <summary>Table order: TorchSharp case → the PyTorch case it is compared with.</summary>
    public static IReadOnlyList<(string Id, string PyTorchId)> All { get; } =
    [
        (Trajectory, Trajectory),
        (TrainUnregularized, TrainUnregularized),
        (TrainRegularized, TrainRegularized),
        (TrainUnregularizedPerStep, TrainUnregularized),
        (TrainRegularizedPerStep, TrainRegularized),
    ];
}
