using static TorchSharp.torch;

namespace NeuroExercises.Core.Pth;

/// <summary>A torch storage class the reader accepts, with its element type and size.</summary>
/// <param name="ClassName">The class name in the pickle, e.g. "FloatStorage".</param>
/// <param name="DType">The tensor element type.</param>
/// <param name="ItemSize">Bytes per element.</param>
internal sealed record PthStorageType(string ClassName, ScalarType DType, int ItemSize)
{
    /// <summary>The storage classes of the torch module that a state dict of plain tensors uses.</summary>
    public static readonly IReadOnlyDictionary<string, PthStorageType> Known = new PthStorageType[]
    {
        new("FloatStorage", ScalarType.Float32, 4),
        new("DoubleStorage", ScalarType.Float64, 8),
        new("HalfStorage", ScalarType.Float16, 2),
        new("LongStorage", ScalarType.Int64, 8),
        new("IntStorage", ScalarType.Int32, 4),
        new("ByteStorage", ScalarType.Byte, 1),
        new("BoolStorage", ScalarType.Bool, 1),
    }.ToDictionary(s => s.ClassName, StringComparer.Ordinal);
}
