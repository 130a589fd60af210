namespace NeuroExercises.Core.Mat;

/// <summary>A cell array; items in column-major order.</summary>
public sealed class MatCell : MatValue
{
    /// <summary>Creates a cell array.</summary>
    /// <param name="dimensions">MATLAB dimensions.</param>
    /// <param name="items">Items in column-major order.</param>
    internal MatCell(int[] dimensions, MatValue[] items)
        : base(MatClass.Cell, dimensions)
    {
        Items = items;
    }

    /// <summary>Items in column-major order.</summary>
    public IReadOnlyList<MatValue> Items { get; }

    /// <summary>The item at a 0-based column-major linear index (MATLAB's c{i+1}).</summary>
    /// <param name="linearIndex">0-based linear index.</param>
    public MatValue this[int linearIndex] => linearIndex >= 0 && linearIndex < Items.Count
        ? Items[linearIndex]
        : throw new ArgumentOutOfRangeException(nameof(linearIndex), linearIndex, $"A {ShapeText} cell has {Items.Count} items: use an index in 0..{Items.Count - 1}.");
}
