namespace NeuroExercises.Grader.Runner;

/// <summary>Arguments of the hidden <c>run-check</c> command.</summary>
/// <param name="CheckId">The check id (for messages).</param>
/// <param name="ChecksPath">The checks assembly.</param>
/// <param name="ClassName">Full name of the check's class.</param>
/// <param name="MethodName">The check method.</param>
/// <param name="SubmissionAssemblyName">The week's assembly name.</param>
/// <param name="SubmissionPath">The compiled submission DLL.</param>
/// <param name="InputsDirectory">The week's inputs folder.</param>
/// <param name="Device">cpu, cuda or auto.</param>
/// <param name="ScratchDirectory">The one writable folder.</param>
internal sealed record ChildRequest(
    string CheckId,
    string ChecksPath,
    string ClassName,
    string MethodName,
    string SubmissionAssemblyName,
    string SubmissionPath,
    string InputsDirectory,
    string Device,
    string ScratchDirectory);
