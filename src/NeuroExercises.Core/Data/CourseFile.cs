namespace NeuroExercises.Core.Data;

/// <summary>A data file the course's notebooks download with <c>retrieve_file</c>.</summary>
/// <param name="FileName">The file's name in the cache folder, e.g. "m1_reaching_data.mat".</param>
/// <param name="Url">Where it is downloaded from.</param>
/// <param name="Md5">Its MD5 digest, 32 lowercase hex digits.</param>
public sealed record CourseFile(string FileName, Uri Url, string Md5);
