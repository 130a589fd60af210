using System.IO.Compression;
using System.Text;

namespace NeuroExercises.Core.Mat;

/// <summary>
/// Reads the data elements of a Level 5 MAT-file (v5, v6, v7) after its 128-byte header. See <see cref="MatFile"/> for
/// the format. Each top-level element is an miMATRIX (a variable) or an miCOMPRESSED holding the zlib stream of one.
/// </summary>
internal sealed class MatLevel5Reader
{
    private const int HeaderLength = 128;
    private const uint FlagComplex = 0x0800;
    private const uint FlagLogical = 0x0200;

    private readonly string _file;
    private readonly DataReadLimits _limits;

    private MatLevel5Reader(string file, DataReadLimits limits)
    {
        _file = file;
        _limits = limits;
    }

    /// <summary>Reads all variables of a Level 5 file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="bigEndian">True when the endian indicator read "MI".</param>
    /// <param name="limits">Decompression limits for miCOMPRESSED elements.</param>
    /// <returns>Variables in file order.</returns>
    public static OrderedDictionary<string, MatValue> Read(byte[] bytes, string file, bool bigEndian, DataReadLimits limits) =>
        new MatLevel5Reader(file, limits).ReadVariables(bytes, bigEndian);

    private OrderedDictionary<string, MatValue> ReadVariables(byte[] bytes, bool bigEndian)
    {
        var variables = new OrderedDictionary<string, MatValue>(StringComparer.Ordinal);
        var cursor = new MatCursor(bytes, HeaderLength, bytes.Length, bigEndian, _file, null);
        var subsystemOffset = SubsystemOffset(bytes, bigEndian);
        while (cursor.Remaining >= 8)
        {
            if (cursor.Position == subsystemOffset)
            {
                break; // MATLAB's subsystem data (object internals) is last and is not a variable.
            }

            var tagOffset = cursor.Position;
            var type = (MatDataType)cursor.ReadUInt32("the data element tag");
            var length = cursor.ReadUInt32("the data element tag");
            if ((uint)type >> 16 != 0)
            {
                throw cursor.Error(tagOffset, $"a top-level data element uses the small format (type {(uint)type & 0xFFFF}), which only numbers and text may: the file is corrupt.");
            }

            if (length > cursor.Remaining)
            {
                throw cursor.Error(tagOffset, $"the {Describe(type)} element declares {length} bytes but only {cursor.Remaining} remain in the file: the file is truncated; copy or save it again.");
            }

            var body = cursor.Slice((int)length, $"the {Describe(type)} element");
            switch (type)
            {
                case MatDataType.Matrix:
                    cursor.Seek(Align8(cursor.Position));
                    AddVariable(variables, ReadMatrix(body, null));
                    break;
                case MatDataType.Compressed:
                    var inner = Decompress(body, tagOffset);
                    while (inner.Remaining >= 8)
                    {
                        var element = ReadElement(inner, "the compressed variable");
                        if (element.DataType != MatDataType.Matrix)
                        {
                            throw inner.Error(element.TagOffset, $"expected an miMATRIX element (type 14) but found {Describe(element.DataType)}: the file is corrupt.");
                        }

                        AddVariable(variables, ReadMatrix(element.Data, null));
                    }

                    break;
                default:
                    throw cursor.Error(tagOffset, $"expected a variable (miMATRIX, type 14, or miCOMPRESSED, type 15) but found {Describe(type)}: the file is not a MAT-file or is corrupt.");
            }
        }

        return variables;
    }

    private static void AddVariable(OrderedDictionary<string, MatValue> variables, (string Name, MatValue Value) variable) =>
        variables[variable.Name] = variable.Value;

    private static long SubsystemOffset(byte[] bytes, bool bigEndian)
    {
        var field = bytes.AsSpan(116, 8);
        if (!field.ContainsAnyExcept((byte)0) || !field.ContainsAnyExcept((byte)' '))
        {
            return -1;
        }

        return (long)(bigEndian ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(field) : System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(field));
    }

    private static int Align8(int position) => (position + 7) & ~7;

    private static string Describe(MatDataType type) => Enum.IsDefined(type) ? $"mi{type.ToString().ToUpperInvariant()} (type {(int)type})" : $"unknown type {(uint)type}";

    private MatCursor Decompress(MatCursor body, int tagOffset)
    {
        var container = $"the miCOMPRESSED element at byte offset {tagOffset}";
        using var input = new MemoryStream(body.Buffer, body.Position, body.Remaining, writable: false);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        var inflated = BoundedInflate.ToArray(zlib, _limits.DecompressedBudget(body.Remaining), _file, container, _limits, "zlib");
        return body.Over(inflated, container);
    }

    /// <summary>Reads one data element tag (normal or small format) and skips past its data and padding.</summary>
    private static MatElement ReadElement(MatCursor cursor, string what)
    {
        var tagOffset = cursor.Position;
        var first = cursor.ReadUInt32($"the tag of {what}");
        if (first >> 16 != 0)
        {
            // Small data element: byte count in the upper 16 bits, type in the lower, data in the next 4 bytes.
            var smallLength = (int)(first >> 16);
            if (smallLength > 4)
            {
                throw cursor.Error(tagOffset, $"the small data element tag of {what} declares {smallLength} bytes; at most 4 fit: the file is corrupt.");
            }

            var small = cursor.Slice(4, what);
            return new MatElement((int)(first & 0xFFFF), tagOffset, small.Slice(smallLength, what));
        }

        var length = cursor.ReadUInt32($"the tag of {what}");
        if (length > cursor.Remaining)
        {
            throw cursor.Error(tagOffset, $"{what} declares {length} bytes but only {cursor.Remaining} remain: the file is truncated or corrupt; copy or save it again.");
        }

        var data = cursor.Slice((int)length, what);
        cursor.Seek(tagOffset + Align8(8 + (int)length));
        return new MatElement((int)first, tagOffset, data);
    }

    private (string Name, MatValue Value) ReadMatrix(MatCursor body, string? parentPath)
    {
        var label = parentPath ?? "a variable";
        if (body.Remaining == 0)
        {
            // MATLAB writes an empty miMATRIX for [] in cells and struct fields.
            return (string.Empty, new MatNumeric(MatClass.Double, [0, 0], Array.Empty<double>(), null));
        }

        var flagsElement = ReadElement(body, $"the array flags of {label}");
        var flags = flagsElement.Data.ReadAll<uint>($"the array flags of {label}");
        if (flags.Length < 1)
        {
            throw body.Error(flagsElement.TagOffset, $"the array flags of {label} are empty: the file is corrupt.");
        }

        var classId = (int)(flags[0] & 0xFF);
        var isComplex = (flags[0] & FlagComplex) != 0;
        var isLogical = (flags[0] & FlagLogical) != 0;

        if (classId == 17)
        {
            // Opaque (string, table, datetime, classdef instance): name, type system ("MCOS"), class name, then one
            // miMATRIX of metadata into the subsystem data. Kept undecoded, as scipy's MatlabOpaque, so the rest is read.
            var opaqueName = ReadName(body, label);
            var typeSystem = ReadName(body, $"the type system of {parentPath ?? opaqueName}");
            var opaqueClass = ReadName(body, $"the class name of {parentPath ?? opaqueName}");
            var metadata = body.Remaining >= 8 ? ReadChild(body, $"{parentPath ?? opaqueName} (opaque metadata)") : null;
            return (opaqueName, new MatOpaque(MatClass.Opaque, [1, 1], opaqueClass, typeSystem, null, metadata));
        }

        var dimensionsElement = ReadElement(body, $"the dimensions of {label}");
        var dimensions = MatConvert.ToInt64(ReadNumbers(dimensionsElement, $"the dimensions of {label}"));
        var name = ReadName(body, label);
        var path = parentPath ?? name;
        var dims = new int[Math.Max(2, dimensions.Length)];
        Array.Fill(dims, 1);
        long count = 1;
        for (var i = 0; i < dimensions.Length; i++)
        {
            if (dimensions[i] < 0 || dimensions[i] > int.MaxValue)
            {
                throw body.Error(dimensionsElement.TagOffset, $"{path} has dimension {i + 1} = {dimensions[i]}: the file is corrupt.");
            }

            dims[i] = (int)dimensions[i];
        }

        foreach (var d in dims)
        {
            count *= d;
            if (count > int.MaxValue)
            {
                throw body.Error(dimensionsElement.TagOffset, $"{path} has dimensions {string.Join("×", dims)}, more than {int.MaxValue} elements: the file is corrupt (or the array too large to load whole).");
            }
        }

        return classId switch
        {
            1 => (name, ReadCell(body, path, dims, count)),
            2 => (name, ReadStruct(body, path, dims, count)),
            3 => (name, ReadObject(body, path, dims, count)),
            4 => (name, ReadChar(body, path, dims, count)),
            5 => (name, ReadSparse(body, path, dims, isComplex, isLogical)),
            >= 6 and <= 15 => (name, ReadNumeric(body, path, dims, count, NumericClass(classId, isLogical), isComplex)),
            16 => (name, new MatOpaque(MatClass.FunctionHandle, dims, "function_handle", null, null, body.Remaining >= 8 ? ReadChild(body, $"{path} (function handle)") : null)),
            _ => throw body.Error(flagsElement.TagOffset, $"{path} has unknown array class {classId}: the file is corrupt or from a newer MATLAB."),
        };
    }

    /// <summary>A MATLAB object (class 3): its class name (miINT8), then fields laid out as a struct's.</summary>
    private MatOpaque ReadObject(MatCursor body, string path, int[] dims, long count)
    {
        var className = ReadName(body, $"the class name of {path}");
        var fields = ReadStruct(body, path, dims, count);
        return new MatOpaque(MatClass.Object, dims, className, null, fields, null);
    }

    private static MatClass NumericClass(int classId, bool isLogical) => isLogical ? MatClass.Logical : classId switch
    {
        6 => MatClass.Double,
        7 => MatClass.Single,
        8 => MatClass.Int8,
        9 => MatClass.UInt8,
        10 => MatClass.Int16,
        11 => MatClass.UInt16,
        12 => MatClass.Int32,
        13 => MatClass.UInt32,
        14 => MatClass.Int64,
        _ => MatClass.UInt64,
    };

    private static string ReadName(MatCursor body, string label)
    {
        // Latin-1, as scipy decodes names: every byte keeps its own character (ASCII would turn non-ASCII bytes into '?').
        var element = ReadElement(body, $"the name of {label}");
        return Encoding.Latin1.GetString(element.Data.Take(element.Data.Remaining, $"the name of {label}")).TrimEnd('\0');
    }

    private static Array ReadNumbers(MatElement element, string what) => element.DataType switch
    {
        MatDataType.Int8 => element.Data.ReadAll<sbyte>(what),
        MatDataType.UInt8 => element.Data.ReadAll<byte>(what),
        MatDataType.Int16 => element.Data.ReadAll<short>(what),
        MatDataType.UInt16 => element.Data.ReadAll<ushort>(what),
        MatDataType.Int32 => element.Data.ReadAll<int>(what),
        MatDataType.UInt32 => element.Data.ReadAll<uint>(what),
        MatDataType.Single => element.Data.ReadAll<float>(what),
        MatDataType.Double => element.Data.ReadAll<double>(what),
        MatDataType.Int64 => element.Data.ReadAll<long>(what),
        MatDataType.UInt64 => element.Data.ReadAll<ulong>(what),
        _ => throw element.Data.Error(element.TagOffset, $"{what} is stored as {Describe(element.DataType)}, not a numeric type: the file is corrupt."),
    };

    private static MatNumeric ReadNumeric(MatCursor body, string path, int[] dims, long count, MatClass matClass, bool isComplex)
    {
        var real = ReadValues(body, path, "real part", count, matClass);
        var imaginary = isComplex ? ReadValues(body, path, "imaginary part", count, matClass) : null;
        return new MatNumeric(matClass, dims, real, imaginary);
    }

    private static Array ReadValues(MatCursor body, string path, string part, long count, MatClass matClass)
    {
        var what = $"the {part} of {path}";
        if (count == 0 && body.Remaining == 0)
        {
            return Array.CreateInstance(MatConvert.ElementType(matClass), 0);
        }

        var element = ReadElement(body, what);
        var values = ReadNumbers(element, what);
        if (values.Length != count)
        {
            throw body.Error(element.TagOffset, $"{what} holds {values.Length} values but its dimensions need {count}: the file is corrupt.");
        }

        return MatConvert.To(values, matClass);
    }

    private static MatChar ReadChar(MatCursor body, string path, int[] dims, long count)
    {
        var what = $"the text of {path}";
        if (count == 0 && body.Remaining == 0)
        {
            return new MatChar(dims, []);
        }

        var element = ReadElement(body, what);
        var data = element.Data;
        string text = element.DataType switch
        {
            MatDataType.Utf8 => Encoding.UTF8.GetString(data.Take(data.Remaining, what)),
            MatDataType.Utf16 or MatDataType.UInt16 or MatDataType.Int16 => new string(Array.ConvertAll(data.ReadAll<ushort>(what), c => (char)c)),
            MatDataType.Utf32 => string.Concat(data.ReadAll<uint>(what).Select(CodePoint)),
            MatDataType.UInt8 or MatDataType.Int8 => Encoding.Latin1.GetString(data.Take(data.Remaining, what)),
            _ => new string(Array.ConvertAll(MatConvert.ToInt64(ReadNumbers(element, what)), c => (char)c)),
        };
        if (text.Length == 0 && count == 1)
        {
            // MATLAB writes a 1×1 char of an empty text element; scipy reads it as a blank.
            text = " ";
        }

        if (text.Length != count)
        {
            throw body.Error(element.TagOffset, $"{what} decodes to {text.Length} UTF-16 code units but its dimensions ({string.Join("×", dims)}) need {count}: the file is corrupt.");
        }

        return new MatChar(dims, text.ToCharArray());
    }

    private static string CodePoint(uint value) => value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";

    private MatCell ReadCell(MatCursor body, string path, int[] dims, long count)
    {
        CheckElementCount(body, path, count);
        var items = new MatValue[count];
        for (var i = 0; i < count; i++)
        {
            var itemPath = $"{path}{{{i + 1}}}";
            items[i] = ReadChild(body, itemPath);
        }

        return new MatCell(dims, items);
    }

    private MatStruct ReadStruct(MatCursor body, string path, int[] dims, long count)
    {
        var lengthElement = ReadElement(body, $"the field name length of {path}");
        var nameLengths = MatConvert.ToInt64(ReadNumbers(lengthElement, $"the field name length of {path}"));
        var namesElement = ReadElement(body, $"the field names of {path}");
        var namesBytes = namesElement.Data.Take(namesElement.Data.Remaining, $"the field names of {path}");
        var nameLength = nameLengths.Length == 1 ? nameLengths[0] : -1;
        if (nameLength <= 0 || namesBytes.Length % nameLength != 0)
        {
            throw body.Error(lengthElement.TagOffset, $"the field names of {path} take {namesBytes.Length} bytes, which does not split into names of {string.Join(",", nameLengths)} bytes: the file is corrupt.");
        }

        var fieldCount = namesBytes.Length / (int)nameLength;
        var names = new string[fieldCount];
        for (var f = 0; f < fieldCount; f++)
        {
            var raw = namesBytes.Slice(f * (int)nameLength, (int)nameLength);
            var end = raw.IndexOf((byte)0);
            names[f] = Encoding.UTF8.GetString(end < 0 ? raw : raw[..end]);
        }

        CheckElementCount(body, path, count * fieldCount);
        var values = new MatValue[count * fieldCount];
        for (var e = 0; e < count; e++)
        {
            for (var f = 0; f < fieldCount; f++)
            {
                var fieldPath = count == 1 ? $"{path}.{names[f]}" : $"{path}({e + 1}).{names[f]}";
                values[(e * fieldCount) + f] = ReadChild(body, fieldPath);
            }
        }

        return new MatStruct(dims, names, values);
    }

    private MatValue ReadChild(MatCursor body, string path)
    {
        var element = ReadElement(body, path);
        if (element.DataType != MatDataType.Matrix)
        {
            throw body.Error(element.TagOffset, $"{path} should be an miMATRIX element (type 14) but is {Describe(element.DataType)}: the file is corrupt.");
        }

        return ReadMatrix(element.Data, path).Value;
    }

    private static void CheckElementCount(MatCursor body, string path, long count)
    {
        // Each element needs at least an 8-byte tag: a count beyond that is corrupt (and must not allocate).
        if (count > body.Remaining / 8)
        {
            throw body.Error(body.Position, $"{path} declares {count} elements but only {body.Remaining} bytes remain: the file is corrupt or truncated.");
        }
    }

    private static MatSparse ReadSparse(MatCursor body, string path, int[] dims, bool isComplex, bool isLogical)
    {
        if (dims.Length != 2)
        {
            throw body.Error(body.Position, $"sparse {path} has {dims.Length} dimensions; sparse matrices have 2: the file is corrupt.");
        }

        var (rows, columns) = (dims[0], dims[1]);
        var irElement = ReadElement(body, $"the row indices (ir) of {path}");
        var ir = MatConvert.ToInt64(ReadNumbers(irElement, $"the row indices (ir) of {path}"));
        var jcElement = ReadElement(body, $"the column starts (jc) of {path}");
        var jc = MatConvert.ToInt64(ReadNumbers(jcElement, $"the column starts (jc) of {path}"));
        if (jc.Length != columns + 1 || jc[0] != 0)
        {
            throw body.Error(jcElement.TagOffset, $"the column starts (jc) of sparse {path} hold {jc.Length} values starting at {(jc.Length > 0 ? jc[0] : -1)}; a {rows}×{columns} matrix needs {columns + 1} starting at 0: the file is corrupt.");
        }

        for (var c = 0; c < columns; c++)
        {
            if (jc[c + 1] < jc[c] || jc[c + 1] > ir.Length)
            {
                throw body.Error(jcElement.TagOffset, $"the column starts (jc) of sparse {path} are not nondecreasing within the {ir.Length} row indices at column {c}: the file is corrupt.");
            }
        }

        var nonZeros = (int)jc[columns];
        var rowIndices = new int[nonZeros];
        for (var k = 0; k < nonZeros; k++)
        {
            if (ir[k] < 0 || ir[k] >= rows)
            {
                throw body.Error(irElement.TagOffset, $"row index {ir[k]} of sparse {path} is outside 0..{rows - 1}: the file is corrupt.");
            }

            rowIndices[k] = (int)ir[k];
        }

        var real = ReadSparseValues(body, path, "values (pr)", nonZeros, allowMissing: isLogical);
        var imaginary = isComplex ? ReadSparseValues(body, path, "imaginary values (pi)", nonZeros, allowMissing: false) : null;
        return new MatSparse(rows, columns, rowIndices, Array.ConvertAll(jc, v => (int)v), real, imaginary, isLogical);
    }

    private static double[] ReadSparseValues(MatCursor body, string path, string part, int nonZeros, bool allowMissing)
    {
        var what = $"the {part} of sparse {path}";
        if (body.Remaining == 0 && (allowMissing || nonZeros == 0))
        {
            return Enumerable.Repeat(1.0, nonZeros).ToArray();
        }

        var element = ReadElement(body, what);

        // MATLAB writes the values of a logical sparse matrix one byte each, under whatever numeric tag (often
        // miDOUBLE); scipy reads a value element of exactly nonZeros bytes as uint8. So do we.
        var values = element.Data.Remaining == nonZeros && nonZeros > 0 && element.DataType != MatDataType.UInt8 && element.DataType != MatDataType.Int8
            ? MatConvert.ToDouble(element.Data.ReadAll<byte>(what))
            : MatConvert.ToDouble(ReadNumbers(element, what));
        if (values.Length < nonZeros)
        {
            throw body.Error(element.TagOffset, $"{what} hold {values.Length} values but the column starts need {nonZeros}: the file is corrupt.");
        }

        return values.Length == nonZeros ? values : values[..nonZeros];
    }
}
