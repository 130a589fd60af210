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
    private readonly string _file;
    private readonly NativeFile _h5;

    private MatHdf5Reader(string file, NativeFile h5)
    {
        _file = file;
        _h5 = h5;
    }

    /// <summary>Reads all variables of a v7.3 file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="file">File name for messages.</param>
    /// <returns>Variables in file order.</returns>
    public static OrderedDictionary<string, MatValue> Read(byte[] bytes, string file)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var h5 = H5File.Open(stream, leaveOpen: true);
            var reader = new MatHdf5Reader(file, h5);
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new DataFormatException(file, $"the v7.3 (HDF5) part cannot be read ({e.GetType().Name}: {e.Message}); the file is damaged, or re-save it with save -v7.", e);
        }
    }

    private MatValue ReadObject(IH5Object item, string path)
    {
        var matlabClass = StringAttribute(item, "MATLAB_class");
        return item switch
        {
            IH5Group group when item.AttributeExists("MATLAB_sparse") => ReadSparse(group, path, matlabClass),
            IH5Group group => ReadStruct(group, path, matlabClass),
            IH5Dataset dataset => ReadDataset(dataset, path, matlabClass),
            _ => throw new DataFormatException(_file, $"variable '{path}' is an HDF5 {item.GetType().Name}, not a dataset or group: the file is not a MATLAB v7.3 file."),
        };
    }

    private MatStruct ReadStruct(IH5Group group, string path, string? matlabClass)
    {
        if (matlabClass is not null && matlabClass != "struct")
        {
            throw Refusal(path, matlabClass);
        }

        var names = new List<string>();
        var values = new List<MatValue>();
        foreach (var child in group.Children())
        {
            names.Add(child.Name);
            values.Add(ReadObject(child, $"{path}.{child.Name}"));
        }

        return new MatStruct([1, 1], [.. names], [.. values]);
    }

    private MatSparse ReadSparse(IH5Group group, string path, string? matlabClass)
    {
        var rows = (int)group.Attribute("MATLAB_sparse").Read<ulong>();
        var jc = MatConvert.ToInt64(group.Dataset("jc").Read<ulong[]>());
        var columns = jc.Length - 1;
        var nonZeros = columns >= 0 ? (int)jc[^1] : 0;
        var ir = nonZeros > 0 ? MatConvert.ToInt64(group.Dataset("ir").Read<ulong[]>()) : [];
        var isLogical = matlabClass == "logical";
        var data = nonZeros == 0 ? []
            : isLogical ? MatConvert.ToDouble(group.Dataset("data").Read<byte[]>())
            : group.Dataset("data").Read<double[]>();
        if (columns < 0 || ir.Length < nonZeros || data.Length < nonZeros || ir.Take(nonZeros).Any(r => r < 0 || r >= rows))
        {
            throw new DataFormatException(_file, $"sparse variable '{path}' has inconsistent ir/jc/data datasets: the file is corrupt.");
        }

        return new MatSparse(rows, columns, [.. ir.Take(nonZeros).Select(r => (int)r)], [.. jc.Select(c => (int)c)], data[..nonZeros], null, isLogical);
    }

    private MatValue ReadDataset(IH5Dataset dataset, string path, string? matlabClass)
    {
        var dims = dataset.Space.Dimensions.Reverse().Select(d => checked((int)d)).ToArray();
        if (dims.Length < 2)
        {
            dims = dims.Length == 0 ? [1, 1] : [dims[0], 1];
        }

        if (dataset.AttributeExists("MATLAB_empty"))
        {
            var stored = dataset.Read<ulong[]>();
            var emptyDims = stored.Length >= 2 ? stored.Select(d => (int)d).ToArray() : [0, 0];
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

    private static string? StringAttribute(IH5Object item, string name) =>
        item.AttributeExists(name) ? item.Attribute(name).Read<string>().TrimEnd('\0') : null;
}
