namespace NeuroExercises.Grader.Runner;

/// <summary>What one runner child is started with (the hidden <c>serve</c> command's arguments and its scratch folder).</summary>
/// <param name="ChecksPath">The checks assembly.</param>
/// <param name="SubmissionAssemblyName">The week's assembly name.</param>
/// <param name="SubmissionPath">The compiled submission DLL.</param>
/// <param name="InputsDirectory">The week's inputs folder.</param>
/// <param name="Device">cpu, cuda or auto.</param>
/// <param name="ScratchDirectory">The one writable folder.</param>
internal sealed record ChildRequest(
    string ChecksPath,
    string SubmissionAssemblyName,
    string SubmissionPath,
    string InputsDirectory,
    string Device,
    string ScratchDirectory)
{
    /// <summary>
    /// A reusable child (<see cref="RunnerPool"/>): the folder its submissions are written to, bound read-only in place of
    /// the single DLL, so the next submission it is asked to load is visible inside the sandbox; null for a normal child.
    /// </summary>
    public string? SubmissionsFolder { get; init; }
}
