namespace NeuroExercises.Grader.Batch;

/// <summary>One submission of a batch: a subfolder or a .zip of the batch folder.</summary>
/// <param name="Id">The submission id: the folder's name, or the zip's name without <c>.zip</c>.</param>
/// <param name="Path">The folder or the zip file.</param>
/// <param name="IsZip">True for a .zip (extracted safely before grading).</param>
internal sealed record BatchSubmission(string Id, string Path, bool IsZip);
