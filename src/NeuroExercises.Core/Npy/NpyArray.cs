using TorchSharp;
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
    /// <exception cref="ArgumentException">The data's element type or length does not match.</exception>
    public NpyArray(NpyDType dtype, long[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        var expectedType = ClrTypeOf(dtype);
        if (data.GetType() != expectedType.MakeArrayType())
        {
            throw new ArgumentException($"data is {data.GetType().Name} but dtype {dtype} needs {expectedType.Name}[]; convert the data or pass the matching dtype", nameof(data));
        }

        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new ArgumentException($"shape {Npy.FormatShape(shape)} has a negative dimension", nameof(shape));
            }

            count = checked(count * d);
        }

        if (count != data.LongLength)
        {
            throw new ArgumentException($"shape {Npy.FormatShape(shape)} needs {count} elements but data holds {data.LongLength}", nameof(data));
        }

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

    /// <summary>Number of elements (1 for a 0-d scalar).</summary>
    public long Count => Data.LongLength;

    /// <summary>The elements of a float32 array.</summary>
    /// <returns>The data array itself (not a copy).</returns>
    /// <exception cref="InvalidOperationException">The array is not float32.</exception>
    public float[] AsSingles() => As<float>(NpyDType.Float32);

    /// <summary>The elements of a float64 array.</summary>
    /// <returns>The data array itself (not a copy).</returns>
    /// <exception cref="InvalidOperationException">The array is not float64.</exception>
    public double[] AsDoubles() => As<double>(NpyDType.Float64);

    /// <summary>The elements of an int32 array.</summary>
    /// <returns>The data array itself (not a copy).</returns>
    /// <exception cref="InvalidOperationException">The array is not int32.</exception>
    public int[] AsInt32s() => As<int>(NpyDType.Int32);

    /// <summary>The elements of an int64 array.</summary>
    /// <returns>The data array itself (not a copy).</returns>
    /// <exception cref="InvalidOperationException">The array is not int64.</exception>
    public long[] AsInt64s() => As<long>(NpyDType.Int64);

    /// <summary>The elements of a uint8 array.</summary>
    /// <returns>The data array itself (not a copy).</returns>
    /// <exception cref="InvalidOperationException">The array is not uint8.</exception>
    public byte[] AsBytes() => As<byte>(NpyDType.UInt8);

    /// <summary>The elements of a bool array.</summary>
    /// <returns>The data array itself (not a copy).</returns>
    /// <exception cref="InvalidOperationException">The array is not bool.</exception>
    public bool[] AsBooleans() => As<bool>(NpyDType.Bool);

    /// <summary>Any numeric array converted to float64 (bool as 0/1); a new array.</summary>
    /// <returns>The values in C order.</returns>
    public double[] ToDoubles() => Data switch
    {
        float[] a => Array.ConvertAll(a, v => (double)v),
        double[] a => (double[])a.Clone(),
        int[] a => Array.ConvertAll(a, v => (double)v),
        long[] a => Array.ConvertAll(a, v => (double)v),
        byte[] a => Array.ConvertAll(a, v => (double)v),
        bool[] a => Array.ConvertAll(a, v => v ? 1.0 : 0.0),
        _ => throw new InvalidOperationException("unreachable: the constructor checks the data type"),
    };

    /// <summary>A CPU tensor with the same dtype, shape and values (a copy: the tensor does not share this array's memory).</summary>
    /// <returns>The tensor.</returns>
    public Tensor ToTensor()
    {
        var t = Data switch
        {
            float[] a => tensor(a, Shape),
            double[] a => tensor(a, Shape),
            int[] a => tensor(a, Shape),
            long[] a => tensor(a, Shape),
            byte[] a => tensor(a, Shape),
            bool[] a => tensor(a, Shape),
            _ => throw new InvalidOperationException("unreachable: the constructor checks the data type"),
        };
        return t;
    }

    /// <summary>Copies a tensor (any device, contiguous or not) into an array.</summary>
    /// <param name="tensor">float32/float64/int32/int64/uint8/bool tensor.</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException">The tensor's dtype has no NPY counterpart here.</exception>
    public static NpyArray FromTensor(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scope = NewDisposeScope();
        var shape = tensor.shape.ToArray();
        var cpu = tensor.detach().cpu().contiguous();
        return tensor.dtype switch
        {
            ScalarType.Float32 => new NpyArray(NpyDType.Float32, shape, Elements<float>(cpu)),
            ScalarType.Float64 => new NpyArray(NpyDType.Float64, shape, Elements<double>(cpu)),
            ScalarType.Int32 => new NpyArray(NpyDType.Int32, shape, Elements<int>(cpu)),
            ScalarType.Int64 => new NpyArray(NpyDType.Int64, shape, Elements<long>(cpu)),
            ScalarType.Byte => new NpyArray(NpyDType.UInt8, shape, Elements<byte>(cpu)),
            ScalarType.Bool => new NpyArray(NpyDType.Bool, shape, Elements<bool>(cpu)),
            _ => throw new ArgumentException($"tensor dtype {tensor.dtype} has no NPY type here; convert it first (e.g. tensor.to(torch.float32))", nameof(tensor)),
        };
    }

    // data<T>().ToArray() throws on a tensor with no elements.
    private static T[] Elements<T>(Tensor contiguousCpu)
        where T : unmanaged => contiguousCpu.numel() == 0 ? [] : contiguousCpu.data<T>().ToArray();

    /// <summary>The CLR element type that holds <paramref name="dtype"/>.</summary>
    /// <param name="dtype">The element type.</param>
    /// <returns>typeof(float), typeof(double), …</returns>
    public static Type ClrTypeOf(NpyDType dtype) => dtype switch
    {
        NpyDType.Float32 => typeof(float),
        NpyDType.Float64 => typeof(double),
        NpyDType.Int32 => typeof(int),
        NpyDType.Int64 => typeof(long),
        NpyDType.UInt8 => typeof(byte),
        NpyDType.Bool => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown NpyDType"),
    };

    private T[] As<T>(NpyDType expected) => Data as T[]
        ?? throw new InvalidOperationException($"array is {DType} (shape {Npy.FormatShape(Shape)}), not {expected}; use the accessor for {DType} or ToDoubles()");
}
