namespace NeuroExercises.Core.Mat;

/// <summary>Reads a v7.3 MAT-file (HDF5 behind a 512-byte MATLAB header) with PureHDF.</summary>
internal static class MatHdf5Reader
{
    /// <summary>Reads all variables of a v7.3 file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="file">File name for messages.</param>
    /// <returns>Variables in file order.</returns>
    public static OrderedDictionary<string, MatValue> Read(byte[] bytes, string file) =>
        throw new DataFormatException(file, "v7.3 (HDF5) MAT-files are not read yet: re-save with save -v7.");
}
