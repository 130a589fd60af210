namespace NeuroExercises.Core.Mat;

/// <summary>
/// A sparse matrix in MATLAB's compressed sparse column form: the nonzeros of column c are
/// entries <see cref="ColumnStarts"/>[c] ≤ k &lt; <see cref="ColumnStarts"/>[c+1], at rows <see cref="RowIndices"/>[k].
/// </summary>
public sealed class MatSparse : MatValue
{
    /// <summary>Creates a sparse matrix (arguments already validated by the reader).</summary>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Number of columns.</param>
    /// <param name="rowIndices">0-based row index of each stored entry (ir).</param>
    /// <param name="columnStarts">columns + 1 offsets into the entries (jc).</param>
    /// <param name="real">Real part of each entry (pr).</param>
    /// <param name="imaginary">Imaginary part of each entry (pi), or null.</param>
    /// <param name="isLogical">True for a sparse logical matrix.</param>
    internal MatSparse(int rows, int columns, int[] rowIndices, int[] columnStarts, double[] real, double[]? imaginary, bool isLogical)
        : base(MatClass.Sparse, [rows, columns])
    {
        RowIndices = rowIndices;
        ColumnStarts = columnStarts;
        RealValues = real;
        ImaginaryValues = imaginary;
        IsLogical = isLogical;
    }

    /// <summary>Number of rows.</summary>
    public int Rows => Dimensions[0];

    /// <summary>Number of columns.</summary>
    public int Columns => Dimensions[1];

    /// <summary>0-based row index of each stored entry (MATLAB's ir).</summary>
    public IReadOnlyList<int> RowIndices { get; }

    /// <summary>Offsets of each column's first entry, Columns + 1 values (MATLAB's jc).</summary>
    public IReadOnlyList<int> ColumnStarts { get; }

    /// <summary>Real part of each stored entry (MATLAB's pr); 1/0 for a logical matrix.</summary>
    public IReadOnlyList<double> RealValues { get; }

    /// <summary>Imaginary part of each stored entry (MATLAB's pi), or null for a real matrix.</summary>
    public IReadOnlyList<double>? ImaginaryValues { get; }

    /// <summary>True when the matrix has imaginary parts.</summary>
    public bool IsComplex => ImaginaryValues is not null;

    /// <summary>True for a sparse logical matrix.</summary>
    public bool IsLogical { get; }

    /// <summary>Number of stored entries.</summary>
    public int NonZeroCount => ColumnStarts[Columns];

    /// <summary>The real part as a dense matrix indexed [row, column].</summary>
    /// <returns>A new Rows × Columns array.</returns>
    public double[,] ToDense() => Densify(RealValues);

    /// <summary>The imaginary part as a dense matrix indexed [row, column] (zeros for a real matrix).</summary>
    /// <returns>A new Rows × Columns array.</returns>
    public double[,] ToDenseImaginary() => ImaginaryValues is null ? new double[Rows, Columns] : Densify(ImaginaryValues);

    private double[,] Densify(IReadOnlyList<double> values)
    {
        var dense = new double[Rows, Columns];
        for (var c = 0; c < Columns; c++)
        {
            for (var k = ColumnStarts[c]; k < ColumnStarts[c + 1]; k++)
            {
                dense[RowIndices[k], c] += values[k];
            }
        }

        return dense;
    }
}
