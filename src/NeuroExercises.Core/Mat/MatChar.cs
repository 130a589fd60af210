namespace NeuroExercises.Core.Mat;

/// <summary>A char array. MATLAB stores it column-major, one UTF-16 code unit per element.</summary>
public sealed class MatChar : MatValue
{
    private readonly char[] _columnMajor;

    /// <summary>Creates a char array.</summary>
    /// <param name="dimensions">MATLAB dimensions.</param>
    /// <param name="columnMajor">Code units in column-major order.</param>
    internal MatChar(int[] dimensions, char[] columnMajor)
        : base(MatClass.Char, dimensions)
    {
        _columnMajor = columnMajor;
        // An empty array (e.g. 8388610×0, which a corrupt header can declare in 20 bytes) has no text: do not build one
        // empty string per declared row.
        Text = columnMajor.Length == 0 ? "" : string.Join("\n", Rows());
    }

    /// <summary>The text: the single row of a 1×N char array; for several rows, the rows joined by '\n'; "" for an empty array.</summary>
    public string Text { get; }

    /// <summary>The rows of the array (a 2-D char matrix is a list of equal-length strings; N-D folds the trailing dimensions).</summary>
    /// <returns>One string per row.</returns>
    public string[] Rows()
    {
        var rows = Dimensions[0];
        if (rows == 0)
        {
            return [];
        }

        var columns = (int)(Count / rows);
        var result = new string[rows];
        var buffer = new char[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                buffer[c] = _columnMajor[r + (c * rows)];
            }

            result[r] = new string(buffer);
        }

        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ShapeText} char \"{Text}\"";
}
