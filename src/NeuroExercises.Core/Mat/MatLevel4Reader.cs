using System.Buffers.Binary;
using System.Text;

namespace NeuroExercises.Core.Mat;

/// <summary>
/// Reads a Level 4 MAT-file (MATLAB v4, <c>save -v4</c>, scipy <c>savemat(format='4')</c>): no file header, just
/// variables, each a 20-byte header of five int32 — type MOPT (M byte order: 0 little-endian, 1 big-endian IEEE; O = 0;
/// P element type: 0 double, 1 single, 2 int32, 3 int16, 4 uint16, 5 uint8; T: 0 numeric, 1 text, 2 sparse), rows,
/// columns, imaginary flag, name length — then the name (NUL-terminated), the real part and, when the flag is set, the
/// imaginary part, column-major. Text is stored as numbers (character codes); a sparse matrix as an N×3 (N×4 when
/// complex) matrix of 1-based row, column, value (and imaginary value), whose last row gives the dimensions.
/// Values come back as scipy.io.loadmat gives them: numeric in the stored type, text as char, sparse as double.
/// </summary>
internal static class MatLevel4Reader
{
    private static readonly (MatClass Class, int Size)[] Types =
    [
        (MatClass.Double, 8), (MatClass.Single, 4), (MatClass.Int32, 4), (MatClass.Int16, 2), (MatClass.UInt16, 2), (MatClass.UInt8, 1),
    ];

    /// <summary>True when the file starts like a Level 4 variable header in either byte order.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <returns>Whether to read it as Level 4.</returns>
    public static bool LooksLikeLevel4(byte[] bytes) =>
        bytes.Length >= 20 && (IsMopt(BinaryPrimitives.ReadInt32LittleEndian(bytes), 0) || IsMopt(BinaryPrimitives.ReadInt32BigEndian(bytes), 1));

    private static bool IsMopt(int mopt, int machine) =>
        mopt is >= 0 and < 10000 && mopt / 1000 == machine && mopt / 100 % 10 == 0 && mopt / 10 % 10 <= 5 && mopt % 10 <= 2;

    /// <summary>Reads every variable.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="file">File name for messages.</param>
    /// <returns>Variables in file order.</returns>
    public static OrderedDictionary<string, MatValue> Read(byte[] bytes, string file)
    {
        var variables = new OrderedDictionary<string, MatValue>(StringComparer.Ordinal);
        var pos = 0;
        while (pos < bytes.Length)
        {
            var at = pos;
            DataFormatException Error(string problem) =>
                new(file, $"byte offset {at} (Level 4 MAT-file, variable {variables.Count + 1}): {problem}");

            if (bytes.Length - pos < 20)
            {
                throw Error($"a variable header needs 20 bytes but only {bytes.Length - pos} remain: the file is truncated; copy or save it again.");
            }

            var bigEndian = !IsMopt(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos)), 0);
            int Int(int offset) => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos + offset)) : BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(pos + offset));
            var mopt = Int(0);
            if (!IsMopt(mopt, bigEndian ? 1 : 0))
            {
                throw Error($"the type field is {mopt}, not a Level 4 type MOPT (M 0 or 1, O 0, P 0–5, T 0–2): the file is corrupt, or a VAX/Cray file, which is not read; re-save it with save -v7.");
            }

            var (rows, columns, imaginary, nameLength) = (Int(4), Int(8), Int(12), Int(16));
            var (matClass, size) = Types[mopt / 10 % 10];
            var kind = mopt % 10;
            if (rows < 0 || columns < 0 || imaginary is not (0 or 1) || nameLength < 1)
            {
                throw Error($"the header gives {rows} rows, {columns} columns, imaginary flag {imaginary} and name length {nameLength}: the file is corrupt.");
            }

            pos += 20;
            if (nameLength > bytes.Length - pos)
            {
                throw Error($"the name needs {nameLength} bytes but only {bytes.Length - pos} remain: the file is truncated.");
            }

            var nameBytes = bytes.AsSpan(pos, nameLength);
            var end = nameBytes.IndexOf((byte)0);
            var name = Encoding.Latin1.GetString(end < 0 ? nameBytes : nameBytes[..end]);
            pos += nameLength;

            var count = (long)rows * columns;
            var parts = imaginary + 1;
            if (count * size * parts > bytes.Length - pos)
            {
                throw Error($"variable '{name}' is {rows}×{columns} of {size}-byte elements{(imaginary == 1 ? " (complex)" : "")}, {count * size * parts} bytes, but only {bytes.Length - pos} remain: the file is truncated or corrupt.");
            }

            var real = ReadPart(bytes, pos, (int)count * size, matClass, bigEndian, file);
            pos += (int)(count * size);
            Array? imag = null;
            if (imaginary == 1)
            {
                imag = ReadPart(bytes, pos, (int)count * size, matClass, bigEndian, file);
                pos += (int)(count * size);
            }

            variables[name] = kind switch
            {
                0 => new MatNumeric(matClass, [rows, columns], real, imag),
                1 => new MatChar([rows, columns], Array.ConvertAll(MatConvert.ToDouble(real), c => (char)c)),
                _ => Sparse(name, rows, columns, MatConvert.ToDouble(real), imag is null ? null : MatConvert.ToDouble(imag), Error),
            };
        }

        return variables;
    }

    private static Array ReadPart(byte[] bytes, int pos, int byteCount, MatClass matClass, bool bigEndian, string file)
    {
        // The caller has checked that byteCount bytes remain.
        var slice = new MatCursor(bytes, pos, bytes.Length, bigEndian, file, null).Slice(byteCount, "data");
        return matClass switch
        {
            MatClass.Double => slice.ReadAll<double>("data"),
            MatClass.Single => slice.ReadAll<float>("data"),
            MatClass.Int32 => slice.ReadAll<int>("data"),
            MatClass.Int16 => slice.ReadAll<short>("data"),
            MatClass.UInt16 => slice.ReadAll<ushort>("data"),
            _ => slice.ReadAll<byte>("data"),
        };
    }

    /// <summary>A v4 sparse matrix: N×3 (or N×4) of 1-based row, column, value[, imaginary]; the last row is (rows, columns, 0).</summary>
    private static MatSparse Sparse(string name, int rows, int columns, double[] real, double[]? imag, Func<string, DataFormatException> error)
    {
        if (rows < 1 || columns is not (3 or 4))
        {
            throw error($"sparse variable '{name}' is stored as {rows}×{columns}; a Level 4 sparse matrix is N×3 or N×4 (row, column, value[, imaginary]) with a last row of dimensions: the file is corrupt.");
        }

        double At(int r, int c) => real[(c * rows) + r];
        var (m, n) = (At(rows - 1, 0), At(rows - 1, 1));
        if (m < 0 || n < 0 || m > int.MaxValue || n > int.MaxValue || m != Math.Floor(m) || n != Math.Floor(n) || n > real.Length)
        {
            throw error($"sparse variable '{name}' gives dimensions {m}×{n} in its last row: the file is corrupt.");
        }

        var entries = new List<(int Row, int Column, double Re, double Im)>(rows - 1);
        for (var k = 0; k < rows - 1; k++)
        {
            var (r, c) = (At(k, 0), At(k, 1));
            if (r < 1 || r > m || c < 1 || c > n || r != Math.Floor(r) || c != Math.Floor(c))
            {
                throw error($"sparse variable '{name}' entry {k + 1} is at row {r}, column {c}, outside its {m}×{n} dimensions: the file is corrupt.");
            }

            var im = columns == 4 ? At(k, 3) : imag is null ? 0 : imag[(2 * rows) + k];
            entries.Add(((int)r - 1, (int)c - 1, At(k, 2), im));
        }

        // Column-major, duplicates summed (as scipy's coo → csc conversion does).
        var ordered = entries.OrderBy(e => e.Column).ThenBy(e => e.Row).ToList();
        var merged = new List<(int Row, int Column, double Re, double Im)>();
        foreach (var e in ordered)
        {
            if (merged.Count > 0 && merged[^1].Row == e.Row && merged[^1].Column == e.Column)
            {
                merged[^1] = (e.Row, e.Column, merged[^1].Re + e.Re, merged[^1].Im + e.Im);
            }
            else
            {
                merged.Add(e);
            }
        }

        var starts = new int[(int)n + 1];
        foreach (var e in merged)
        {
            starts[e.Column + 1]++;
        }

        for (var c = 0; c < n; c++)
        {
            starts[c + 1] += starts[c];
        }

        var isComplex = columns == 4 || imag is not null;
        return new MatSparse((int)m, (int)n, [.. merged.Select(e => e.Row)], starts, [.. merged.Select(e => e.Re)], isComplex ? [.. merged.Select(e => e.Im)] : null, isLogical: false);
    }
}
