using PureHDF;
using PureHDF.VOL.Native;

namespace NeuroExercises.Core.Mat;

/// <summary>
/// Reads a v7.3 MAT-file (HDF5 behind a 512-byte MATLAB header) with PureHDF. Each root member is a variable:
/// a dataset with a MATLAB_class attribute (numeric, logical, char as uint16, cell as object references into
/// #refs#), a group for a struct (members are fields), or a group with a MATLAB_sparse attribute (data, ir, jc).
/// Datasets are stored transposed: the HDF5 dimensions are MATLAB's reversed, and the HDF5 (row-major) element order
/// is MATLAB's column-major order. An empty array is a dataset holding its dimensions, with MATLAB_empty = 1.
/// </summary>
internal sealed class MatHdf5Reader
{
    private const int MaxDepth = 64;

    private readonly string _file;
    private readonly NativeFile _h5;
    private readonly long _fileLength;
    private readonly DataReadLimits _limits;
    private long _objectsLeft;
    private int _depth;

    private MatHdf5Reader(string file, NativeFile h5, long fileLength, DataReadLimits limits)
    {
        _file = file;
        _h5 = h5;
        _fileLength = fileLength;
        _limits = limits;

        // Every HDF5 object needs an object header of at least 16 bytes: more visits than that means a reference cycle.
        _objectsLeft = Math.Max(16, fileLength / 16);
    }

    /// <summary>Reads all variables of a v7.3 file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="file">File name for messages.</param>
    /// <param name="limits">Limit on the size of chunked (possibly compressed) datasets.</param>
    /// <returns>Variables in file order.</returns>
    /// <remarks>
    /// Before any dataset or attribute is read, its declared size (elements × element size) is checked: a contiguous or
    /// compact one must fit in the file, a chunked one (which may be deflated) in
    /// <see cref="DataReadLimits.DecompressedBudget"/> of the file size. Nesting deeper than 64 (cells of cells…) and more
    /// objects than the file has room for (a reference cycle) are refused.
    /// </remarks>
    public static OrderedDictionary<string, MatValue> Read(byte[] bytes, string file, DataReadLimits limits)
    {
        Hdf5Prescan.Check(bytes, file);
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var h5 = H5File.Open(stream, leaveOpen: true);
            var reader = new MatHdf5Reader(file, h5, bytes.Length, limits);
            var variables = new OrderedDictionary<string, MatValue>(StringComparer.Ordinal);
            foreach (var child in h5.Children())
            {
                if (child.Name.StartsWith('#'))
                {
                    continue; // #refs# (cell and struct-array contents) and #subsystem# are not variables.
                }

                variables[child.Name] = reader.ReadObject(child, child.Name);
            }

            return variables;
        }
        catch (DataFormatException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new DataFormatException(file, $"the v7.3 (HDF5) part cannot be read ({e.GetType().Name}: {e.Message}); the file is damaged, or re-save it with save -v7.", e);
        }
    }

    private MatValue ReadObject(IH5Object item, string path)
    {
        if (--_objectsLeft < 0)
        {
            throw new DataFormatException(_file, $"variable '{path}': more HDF5 objects are visited than the file has room for (a reference cycle among cells): the file is corrupt.");
        }

        if (_depth >= MaxDepth)
        {
            throw new DataFormatException(_file, $"variable '{path}' is nested more than {MaxDepth} levels deep (cells of cells, or a reference cycle): the file is corrupt.");
        }

        _depth++;
        try
        {
            return ReadObjectAt(item, path);
        }
        finally
        {
            _depth--;
        }
    }

    private MatValue ReadObjectAt(IH5Object item, string path)
    {
        var matlabClass = StringAttribute(item, "MATLAB_class", path);
        return item switch
        {
            IH5Group group when item.AttributeExists("MATLAB_sparse") => ReadSparse(group, path, matlabClass),
            IH5Group group => ReadStruct(group, path, matlabClass),
            IH5Dataset dataset => ReadDataset(dataset, path, matlabClass),
            _ => throw new DataFormatException(_file, $"variable '{path}' is an HDF5 {item.GetType().Name}, not a dataset or group: the file is not a MATLAB v7.3 file."),
        };
    }

    private MatValue ReadStruct(IH5Group group, string path, string? matlabClass)
    {
        var names = new List<string>();
        var values = new List<MatValue>();
        foreach (var child in group.Children())
        {
            names.Add(child.Name);
            values.Add(ReadObject(child, $"{path}.{child.Name}"));
        }

        var fields = new MatStruct([1, 1], [.. names], [.. values]);

        // A group of another class is an object: kept with its class name and fields, so the rest of the file is read.
        return matlabClass is null or "struct" ? fields : new MatOpaque(MatClass.Object, [1, 1], matlabClass, null, fields, null);
    }

    private MatSparse ReadSparse(IH5Group group, string path, string? matlabClass)
    {
        var rowsAttribute = group.Attribute("MATLAB_sparse");
        CheckSize(rowsAttribute.Space.Dimensions, rowsAttribute.Type.Size, chunked: false, $"{path} (attribute MATLAB_sparse)");
        var rowsValue = rowsAttribute.Read<ulong>();
        if (rowsValue > int.MaxValue)
        {
            throw new DataFormatException(_file, $"sparse variable '{path}' declares {rowsValue} rows (attribute MATLAB_sparse): the file is corrupt.");
        }

        var rows = (int)rowsValue;
        var jc = MatConvert.ToInt64(Checked(group.Dataset("jc"), $"{path}.jc").Read<ulong[]>());
        var columns = jc.Length - 1;
        var nonZeros = columns >= 0 ? (int)jc[^1] : 0;
        var ir = nonZeros > 0 ? MatConvert.ToInt64(Checked(group.Dataset("ir"), $"{path}.ir").Read<ulong[]>()) : [];
        var isLogical = matlabClass == "logical";
        var data = nonZeros == 0 ? []
            : isLogical ? MatConvert.ToDouble(Checked(group.Dataset("data"), $"{path}.data").Read<byte[]>())
            : Checked(group.Dataset("data"), $"{path}.data").Read<double[]>();
        if (columns < 0 || jc.Any(c => c < 0 || c > nonZeros) || ir.Length < nonZeros || data.Length < nonZeros || ir.Take(nonZeros).Any(r => r < 0 || r >= rows))
        {
            throw new DataFormatException(_file, $"sparse variable '{path}' has inconsistent ir/jc/data datasets: the file is corrupt.");
        }

        return new MatSparse(rows, columns, [.. ir.Take(nonZeros).Select(r => (int)r)], [.. jc.Select(c => (int)c)], data[..nonZeros], null, isLogical);
    }

    private MatValue ReadDataset(IH5Dataset dataset, string path, string? matlabClass)
    {
        Checked(dataset, path);
        var dims = dataset.Space.Dimensions.Reverse().Select(d => (int)d).ToArray();
        if (dims.Length < 2)
        {
            dims = dims.Length == 0 ? [1, 1] : [dims[0], 1];
        }

        if (dataset.AttributeExists("MATLAB_empty"))
        {
            var stored = dataset.Read<ulong[]>();
            var emptyDims = stored.Length >= 2 && stored.All(d => d <= int.MaxValue) && stored.Any(d => d == 0) ? stored.Select(d => (int)d).ToArray() : [0, 0];
            return matlabClass switch
            {
                "char" => new MatChar(emptyDims, []),
                "cell" => new MatCell(emptyDims, []),
                "struct" => new MatStruct(emptyDims, [], []),
                _ => new MatNumeric(ClassOf(matlabClass, path), emptyDims, Array.CreateInstance(MatConvert.ElementType(ClassOf(matlabClass, path)), 0), null),
            };
        }

        switch (matlabClass)
        {
            case "char":
                return new MatChar(dims, Array.ConvertAll(dataset.Read<ushort[]>(), c => (char)c));
            case "cell":
                var references = dataset.Read<NativeObjectReference1[]>();
                var items = new MatValue[references.Length];
                for (var i = 0; i < references.Length; i++)
                {
                    items[i] = ReadObject(_h5.Get(references[i]), $"{path}{{{i + 1}}}");
                }

                return new MatCell(dims, items);
            case "function_handle":
                return new MatOpaque(MatClass.FunctionHandle, dims, matlabClass, null, null, null);
            case not null when !NumericClasses.Contains(matlabClass):
                // An object or opaque value (string, table, classdef instance): its data lives in #subsystem#; kept
                // with its class name and not decoded, so the rest of the file is read.
                return new MatOpaque(MatClass.Opaque, dims, matlabClass, null, null, null);
            default:
                var matClass = ClassOf(matlabClass, path);
                if (dataset.Type.Class == H5DataTypeClass.Compound)
                {
                    throw new DataFormatException(_file, $"variable '{path}' is a complex {matlabClass} array in a v7.3 file, which this reader does not read yet: re-save it with save -v7.");
                }

                var real = matClass switch
                {
                    MatClass.Double => dataset.Read<double[]>(),
                    MatClass.Single => dataset.Read<float[]>(),
                    MatClass.Int8 => dataset.Read<sbyte[]>(),
                    MatClass.UInt8 => dataset.Read<byte[]>(),
                    MatClass.Int16 => dataset.Read<short[]>(),
                    MatClass.UInt16 => dataset.Read<ushort[]>(),
                    MatClass.Int32 => dataset.Read<int[]>(),
                    MatClass.UInt32 => dataset.Read<uint[]>(),
                    MatClass.Int64 => dataset.Read<long[]>(),
                    MatClass.UInt64 => dataset.Read<ulong[]>(),
                    _ => (Array)Array.ConvertAll(dataset.Read<byte[]>(), b => b != 0),
                };
                return new MatNumeric(matClass, dims, real, null);
        }
    }

    private static readonly HashSet<string> NumericClasses = ["double", "single", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "logical"];

    private MatClass ClassOf(string? matlabClass, string path) => matlabClass switch
    {
        "double" => MatClass.Double,
        "single" => MatClass.Single,
        "int8" => MatClass.Int8,
        "uint8" => MatClass.UInt8,
        "int16" => MatClass.Int16,
        "uint16" => MatClass.UInt16,
        "int32" => MatClass.Int32,
        "uint32" => MatClass.UInt32,
        "int64" => MatClass.Int64,
        "uint64" => MatClass.UInt64,
        "logical" => MatClass.Logical,
        null => throw new DataFormatException(_file, $"dataset '{path}' has no MATLAB_class attribute: the file was not written by MATLAB's save -v7.3; read it as plain HDF5."),
        _ => throw Refusal(path, matlabClass),
    };

    private DataFormatException Refusal(string path, string matlabClass) =>
        new(_file, $"variable '{path}' has MATLAB class '{matlabClass}' (an object, function handle or struct array), which this reader does not read in v7.3 files: re-save it with save -v7 or convert it to numeric, char or a scalar struct.");

    private string? StringAttribute(IH5Object item, string name, string path)
    {
        if (!item.AttributeExists(name))
        {
            return null;
        }

        var attribute = item.Attribute(name);
        CheckSize(attribute.Space.Dimensions, attribute.Type.Size, chunked: false, $"{path} (attribute {name})");
        return attribute.Read<string>().TrimEnd('\0');
    }

    /// <summary>Refuses a dataset whose declared size the file cannot hold, before PureHDF allocates for it.</summary>
    private IH5Dataset Checked(IH5Dataset dataset, string path)
    {
        CheckSize(dataset.Space.Dimensions, dataset.Type.Size, dataset.Layout.Class == H5DataLayoutClass.Chunked, path);
        return dataset;
    }

    private void CheckSize(ulong[] dimensions, long elementSize, bool chunked, string path)
    {
        // Even an empty element type takes a byte per element in the arrays that are allocated for it.
        var bytes = (double)Math.Max(elementSize, 1L);
        foreach (var d in dimensions)
        {
            bytes *= d;
        }

        var allowed = chunked ? _limits.DecompressedBudget(_fileLength) : _fileLength;
        if (bytes > allowed || dimensions.Any(d => d > int.MaxValue))
        {
            var where = chunked
                ? $"more than the {allowed} bytes a chunked (possibly compressed) dataset of a {_fileLength}-byte file may inflate to; {_limits.RaiseHint}"
                : $"more than the {_fileLength} bytes of the whole file";
            throw new DataFormatException(_file, $"variable '{path}' declares dimensions ({string.Join("×", dimensions)}) of {elementSize}-byte elements, {bytes:0} bytes, {where}: the file is corrupt.");
        }
    }
}
