namespace NeuroExercises.Core.Mat;

/// <summary>
/// One MATLAB value: a variable, a cell item or a struct field. Concrete kinds are
/// <see cref="MatNumeric"/>, <see cref="MatChar"/>, <see cref="MatCell"/>, <see cref="MatStruct"/> and <see cref="MatSparse"/>.
/// </summary>
public abstract class MatValue
{
    /// <summary>Creates a value of <paramref name="matClass"/> with MATLAB dimensions <paramref name="dimensions"/>.</summary>
    /// <param name="matClass">MATLAB class.</param>
    /// <param name="dimensions">Dimensions as MATLAB reports them (at least two).</param>
    private protected MatValue(MatClass matClass, int[] dimensions)
    {
        Class = matClass;
        Dimensions = dimensions;
        long count = 1;
        foreach (var d in dimensions)
        {
            count *= d;
        }

        Count = count;
    }

    /// <summary>MATLAB class.</summary>
    public MatClass Class { get; }

    /// <summary>Dimensions as MATLAB's <c>size</c> reports them (at least two, e.g. [320, 1]).</summary>
    public int[] Dimensions { get; }

    /// <summary>Number of elements: the product of <see cref="Dimensions"/>.</summary>
    public long Count { get; }

    /// <summary>True when <see cref="Count"/> is zero.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>Dimensions written MATLAB-style, e.g. "320×15".</summary>
    public string ShapeText => string.Join("×", Dimensions);

    /// <inheritdoc/>
    public override string ToString() => $"{ShapeText} {Class.ToString().ToLowerInvariant()}";
}
