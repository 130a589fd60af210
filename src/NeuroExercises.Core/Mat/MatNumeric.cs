using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Core.Mat;

/// <summary>
/// A numeric or logical array. <see cref="Real"/> (and <see cref="Imaginary"/>) hold the values in MATLAB's
/// column-major order as a one-dimensional array of the class's CLR type: double[], float[], sbyte[], byte[], short[],
/// ushort[], int[], uint[], long[], ulong[], or bool[] for logical. Integers keep their exact values (int64/uint64 limits included).
/// </summary>
public sealed class MatNumeric : MatValue
{
    /// <summary>Creates a numeric array.</summary>
    /// <param name="matClass">A numeric class or <see cref="MatClass.Logical"/>.</param>
    /// <param name="dimensions">MATLAB dimensions.</param>
    /// <param name="real">Real parts, column-major, of the class's CLR type.</param>
    /// <param name="imaginary">Imaginary parts (same type and length), or null.</param>
    internal MatNumeric(MatClass matClass, int[] dimensions, Array real, Array? imaginary)
        : base(matClass, dimensions)
    {
        Real = real;
        Imaginary = imaginary;
    }

    /// <summary>Real parts in column-major order (CLR type of the class: double[] for double, bool[] for logical, …).</summary>
    public Array Real { get; }

    /// <summary>Imaginary parts in column-major order, or null for a real array.</summary>
    public Array? Imaginary { get; }

    /// <summary>True when the array has imaginary parts.</summary>
    public bool IsComplex => Imaginary is not null;

    /// <summary>The real parts converted to double, column-major (int64/uint64 beyond 2^53 round).</summary>
    /// <returns>A new array of <see cref="MatValue.Count"/> values.</returns>
    public double[] ToDoubleArray() => ToDoubles(Real);

    /// <summary>The imaginary parts converted to double, column-major; zeros for a real array.</summary>
    /// <returns>A new array of <see cref="MatValue.Count"/> values.</returns>
    public double[] ToDoubleImaginary() => Imaginary is null ? new double[Real.Length] : ToDoubles(Imaginary);

    /// <summary>The single value of a 1×1 array, as double.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The array does not hold exactly one element.</exception>
    public double ToScalar() => Count == 1
        ? ToDoubles(Real)[0]
        : throw new InvalidOperationException($"A {ShapeText} {Class} array is not a scalar: index it with ToDoubleArray() or ToTensor() instead.");

    /// <summary>
    /// A row-major CPU tensor of shape <see cref="MatValue.Dimensions"/> (element [i, j] is MATLAB's (i+1, j+1)),
    /// dtype float64 whatever the MATLAB class, complex128 for a complex array.
    /// </summary>
    /// <returns>A new tensor; the caller disposes it.</returns>
    public Tensor ToTensor()
    {
        using var scope = NewDisposeScope();
        var real = ColumnMajorToRowMajor(ToDoubleArray());
        var result = IsComplex ? complex(real, ColumnMajorToRowMajor(ToDoubleImaginary())) : real;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>As <see cref="ToTensor()"/>, then converted to <paramref name="dtype"/> (e.g. float32 for a model's inputs).</summary>
    /// <param name="dtype">Target dtype.</param>
    /// <returns>A new tensor; the caller disposes it.</returns>
    public Tensor ToTensor(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        return ToTensor().to_type(dtype).MoveToOuterDisposeScope();
    }

    private Tensor ColumnMajorToRowMajor(double[] columnMajor)
    {
        var reversed = Dimensions.Reverse().Select(d => (long)d).ToArray();
        var permutation = Enumerable.Range(0, Dimensions.Length).Reverse().Select(i => (long)i).ToArray();
        return tensor(columnMajor, reversed, ScalarType.Float64).permute(permutation).contiguous();
    }

    private static double[] ToDoubles(Array values) =>
        values.GetType() == typeof(double[]) ? (double[])values.Clone() : MatConvert.ToDouble(values);
}
