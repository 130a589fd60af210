using static TorchSharp.torch;

namespace NeuroExercises.Core.Npy;

/// <summary>
/// An n-dimensional array as NPY stores it, held in C (row-major) order whatever order the file used.
/// <see cref="Data"/> is a one-dimensional array of the element type: float[], double[], int[], long[], byte[] or bool[].
/// </summary>
public sealed class NpyArray
{
    /// <summary>Creates an array; <paramref name="data"/> must hold Π shape elements of the dtype's CLR type.</summary>
    /// <param name="dtype">Element type.</param>
    /// <param name="shape">Shape ([] for a 0-d scalar).</param>
    /// <param name="data">Elements in C order.</param>
    public NpyArray(NpyDType dtype, long[] shape, Array data)
    {
        DType = dtype;
        Shape = shape;
        Data = data;
    }

    /// <summary>Element type.</summary>
    public NpyDType DType { get; }

    /// <summary>Shape.</summary>
    public long[] Shape { get; }

    /// <summary>Elements in C order.</summary>
    public Array Data { get; }

    /// <summary>A CPU tensor with the same dtype, shape and values.</summary>
    /// <returns>The tensor.</returns>
    public Tensor ToTensor() => throw new NotImplementedException("being written");

    /// <summary>Copies a tensor (any device, contiguous or not) into an array.</summary>
    /// <param name="tensor">float32/float64/int32/int64/uint8/bool tensor.</param>
    /// <returns>The array.</returns>
    public static NpyArray FromTensor(Tensor tensor) => throw new NotImplementedException("being written");
}
