namespace NeuroExercises.Core;

/// <summary>
/// A data file that cannot be read as what it claims to be (MAT, NPY/NPZ, IDX, .pth, …).
/// The message names the file and, where known, the variable, field or byte offset, then the problem.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/>.</summary>
    /// <param name="file">Path or name of the file being read.</param>
    /// <param name="problem">What is wrong, and the fix where there is one.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public DataFormatException(string file, string problem, Exception? inner = null)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string File { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
