namespace NeuroExercises.Core.Mat;

/// <summary>
/// A struct or struct array: <see cref="Length"/> elements (column-major), each with the same <see cref="FieldNames"/>.
/// A scalar struct has dimensions [1, 1].
/// </summary>
public sealed class MatStruct : MatValue
{
    private readonly MatValue[] _values;
    private readonly Dictionary<string, int> _fieldIndex;

    /// <summary>Creates a struct array.</summary>
    /// <param name="dimensions">MATLAB dimensions.</param>
    /// <param name="fieldNames">Field names in file order.</param>
    /// <param name="values">Values, element-major: element e's field f at e × fieldCount + f.</param>
    internal MatStruct(int[] dimensions, string[] fieldNames, MatValue[] values)
        : base(MatClass.Struct, dimensions)
    {
        FieldNames = fieldNames;
        _values = values;
        _fieldIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fieldNames.Length; i++)
        {
            _fieldIndex.TryAdd(fieldNames[i], i);
        }
    }

    /// <summary>Field names in file order.</summary>
    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>Number of struct elements (MATLAB's numel).</summary>
    public int Length => (int)Count;

    /// <summary>A field of one element, by 0-based column-major linear index (MATLAB's s(i+1).field).</summary>
    /// <param name="linearIndex">0-based column-major linear index.</param>
    /// <param name="field">Field name.</param>
    public MatValue this[int linearIndex, string field]
    {
        get
        {
            if (linearIndex < 0 || linearIndex >= Length)
            {
                throw new ArgumentOutOfRangeException(nameof(linearIndex), linearIndex, $"A {ShapeText} struct array has {Length} elements: use an index in 0..{Length - 1}.");
            }

            return _values[(linearIndex * FieldNames.Count) + FieldIndex(field)];
        }
    }

    /// <summary>A field of one element by 0-based row and column (MATLAB's s(row+1, column+1).field) of a 2-D struct array.</summary>
    /// <param name="row">0-based row.</param>
    /// <param name="column">0-based column.</param>
    /// <param name="field">Field name.</param>
    public MatValue this[int row, int column, string field]
    {
        get
        {
            if (row < 0 || row >= Dimensions[0] || column < 0 || (long)column * Dimensions[0] >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {column}) is outside the {ShapeText} struct array (0-based indices).");
            }

            return this[row + (column * Dimensions[0]), field];
        }
    }

    /// <summary>A field of a 1×1 struct (MATLAB's s.field).</summary>
    /// <param name="field">Field name.</param>
    public MatValue this[string field] => Length == 1
        ? this[0, field]
        : throw new InvalidOperationException($"s.{field} needs a 1×1 struct but this one is {ShapeText}: pick an element with s[linearIndex, \"{field}\"].");

    /// <summary>True when the struct has a field named <paramref name="field"/>.</summary>
    /// <param name="field">Field name.</param>
    /// <returns>Whether the field exists.</returns>
    public bool HasField(string field) => _fieldIndex.ContainsKey(field);

    /// <summary>One field across all elements, in column-major order (MATLAB's {s.field}).</summary>
    /// <param name="field">Field name.</param>
    /// <returns>One value per element.</returns>
    public IReadOnlyList<MatValue> Field(string field)
    {
        var f = FieldIndex(field);
        var result = new MatValue[Length];
        for (var e = 0; e < Length; e++)
        {
            result[e] = _values[(e * FieldNames.Count) + f];
        }

        return result;
    }

    private int FieldIndex(string field) => _fieldIndex.TryGetValue(field, out var index)
        ? index
        : throw new KeyNotFoundException($"The struct has no field '{field}'; its fields are: {string.Join(", ", FieldNames)}.");

    /// <inheritdoc/>
    public override string ToString() => $"{ShapeText} struct with fields {string.Join(", ", FieldNames)}";
}
