namespace NeuroExercises.Bench;

/// <summary>Process exit codes. A missed speed target is reported, not an error.</summary>
internal static class ExitCodes
{
    /// <summary>Both sides ran and the trajectories agree.</summary>
    public const int Ok = 0;

    /// <summary>A side could not run (solution not written, PyTorch missing) or the options are invalid.</summary>
    public const int Incomplete = 2;

    /// <summary>Both ran but computed different trajectories or losses: the timings compare different work.</summary>
    public const int Mismatch = 3;
}
