namespace NeuroExercises.Experiments;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Ran and wrote every figure.</summary>
    public const int Ok = 0;

    /// <summary>Bad options.</summary>
    public const int Usage = 1;

    /// <summary>Input data missing.</summary>
    public const int NoData = 2;
}
