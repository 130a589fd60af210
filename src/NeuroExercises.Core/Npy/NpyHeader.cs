namespace NeuroExercises.Core.Npy;

/// <summary>The parsed header dictionary of an .npy file.</summary>
/// <param name="Descr">The dtype string, e.g. "&lt;f4".</param>
/// <param name="FortranOrder">True when the data is stored column-major.</param>
/// <param name="Shape">The shape ([] for 0-d).</param>
/// <param name="DataOffset">Byte offset of the first data byte.</param>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape, long DataOffset);
