using System.Reflection;
using System.Runtime.Loader;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// Load context of the runner child: the week's assembly name resolves to the compiled submission; everything else
/// (Core, TorchSharp, the checks API) falls back to the default context so tensors and attributes are shared.
/// </summary>
/// <param name="submissionAssemblyName">The week's assembly name.</param>
/// <param name="submissionPath">The compiled submission DLL.</param>
internal sealed class SubmissionLoadContext(string submissionAssemblyName, string submissionPath)
    : AssemblyLoadContext("submission", isCollectible: false)
{
    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName) =>
        string.Equals(assemblyName.Name, submissionAssemblyName, StringComparison.Ordinal)
            ? LoadFromAssemblyPath(submissionPath)
            : null;
}
