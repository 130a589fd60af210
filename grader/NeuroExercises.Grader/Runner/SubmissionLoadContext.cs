using System.Reflection;
using System.Runtime.Loader;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// Load context of the runner child: the week's assembly name resolves to the compiled submission; everything else
/// (Core, TorchSharp, the checks contract) falls back to the default context so tensors and attributes are shared.
/// The child makes a collectible one per check, so every check starts from fresh statics of the student's code.
/// </summary>
/// <param name="submissionAssemblyName">The week's assembly name.</param>
/// <param name="submissionPath">The compiled submission DLL.</param>
/// <param name="collectible">True for a context that can be unloaded.</param>
internal sealed class SubmissionLoadContext(string submissionAssemblyName, string submissionPath, bool collectible = true)
    : AssemblyLoadContext("submission", isCollectible: collectible)
{
    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName) =>
        string.Equals(assemblyName.Name, submissionAssemblyName, StringComparison.Ordinal)
            ? LoadFromAssemblyPath(submissionPath)
            : null;
}
