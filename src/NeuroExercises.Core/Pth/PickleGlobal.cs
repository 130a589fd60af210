namespace NeuroExercises.Core.Pth;

/// <summary>A whitelisted Python global (module and name) as it appears in the pickle; never resolved to code.</summary>
/// <param name="Module">E.g. "torch._utils".</param>
/// <param name="Name">E.g. "_rebuild_tensor_v2".</param>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}
