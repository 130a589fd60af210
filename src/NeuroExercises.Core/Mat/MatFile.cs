using System.Buffers.Binary;
using System.Text;

namespace NeuroExercises.Core.Mat;

/// <summary>
/// A MATLAB MAT-file, read whole into memory.
/// <para>
/// <b>Level 5 (v5, v6, v7).</b> A 128-byte header: 116 bytes of descriptive text ("MATLAB 5.0 MAT-file, …"),
/// 8 bytes of subsystem data offset, a 2-byte version (0x0100) and a 2-byte endian indicator, the characters "IM" when
/// the file is little-endian and "MI" when it is big-endian (both are read). Then data elements, each an 8-byte tag
/// (uint32 type, uint32 byte count) followed by its data padded to 8 bytes; a "small" element packs a count ≤ 4 in the
/// tag's upper 16 bits and its data in the tag's second word. A variable is an miMATRIX element: array flags (class,
/// complex, logical, nzmax), dimensions, name, then the class's data — real and imaginary parts (in any numeric type,
/// converted here to the class's type), text (miUTF8/miUTF16/miUINT16…), cell items, struct field names and values,
/// or sparse ir/jc/pr/pi. v7 wraps each variable in an miCOMPRESSED element (a zlib stream).
/// </para>
/// <para>
/// <b>Level 4 (v4).</b> No header: variables follow one another, each with a 20-byte header (see MatLevel4Reader);
/// numeric, text and sparse matrices in either byte order are read as scipy.io.loadmat reads them.
/// </para>
/// <para>
/// <b>v7.3.</b> An HDF5 file behind a 512-byte header of the same shape with version 0x0200: each variable is a dataset
/// (or, for a struct, a group) with a MATLAB_class attribute; datasets are stored transposed (HDF5 dimensions reversed).
/// </para>
/// <para>
/// Values keep MATLAB's column-major order (<see cref="MatNumeric.Real"/>); <see cref="MatNumeric.ToTensor()"/> gives a
/// row-major tensor of the MATLAB shape. Objects, function handles and opaque classes (string, table, …) of Level 5 files
/// are kept as <see cref="MatOpaque"/> values (class name, fields or raw content), as scipy keeps them, so the rest of the file is read.
/// Anything corrupt raises <see cref="DataFormatException"/> naming the file, the place (variable, byte offset) and the problem.
/// </para>
/// </summary>
public sealed class MatFile
{
    private readonly OrderedDictionary<string, MatValue> _variables;

    private MatFile(string fileName, int version, string headerText, OrderedDictionary<string, MatValue> variables)
    {
        FileName = fileName;
        Version = version;
        HeaderText = headerText;
        _variables = variables;
    }

    /// <summary>The file's name or path as given to <see cref="Read(string)"/>.</summary>
    public string FileName { get; }

    /// <summary>4 for a Level 4 file (v4), 5 for a Level 5 file (v5, v6, v7), 73 for a v7.3 (HDF5) file.</summary>
    public int Version { get; }

    /// <summary>The descriptive text of the header (e.g. "MATLAB 5.0 MAT-file, Platform: …"), trimmed; empty for a Level 4 file, which has no header.</summary>
    public string HeaderText { get; }

    /// <summary>Variables by name, in file order.</summary>
    public IReadOnlyDictionary<string, MatValue> Variables => _variables;

    /// <summary>A variable by name.</summary>
    /// <param name="name">Variable name.</param>
    /// <exception cref="KeyNotFoundException">No such variable; the message names the file and the variables present.</exception>
    public MatValue this[string name] => _variables.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"{FileName}: no variable '{name}'; the file holds: {string.Join(", ", _variables.Keys)}.");

    /// <summary>Reads a MAT-file, detecting Level 5 or v7.3 from the header.</summary>
    /// <param name="path">File path.</param>
    /// <returns>The file's variables.</returns>
    /// <exception cref="DataFormatException">The file is not a MAT-file, is corrupt, or holds something this reader refuses.</exception>
    public static MatFile Read(string path) => Read(path, DataReadLimits.Default);

    /// <summary>Reads a MAT-file with explicit decompression limits (for untrusted uploads, lower them).</summary>
    /// <param name="path">File path.</param>
    /// <param name="limits">Limits on decompressed sizes; see <see cref="DataReadLimits"/>.</param>
    /// <returns>The file's variables.</returns>
    /// <exception cref="DataFormatException">The file is not a MAT-file, is corrupt, is over a limit, or holds something this reader refuses.</exception>
    public static MatFile Read(string path, DataReadLimits limits)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, "file not found: check the path (course data is fetched into the data folder).", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"the file cannot be opened ({e.Message}): check its permissions and that no other program holds it.", e);
        }

        return Read(bytes, path, limits);
    }

    /// <summary>Reads a MAT-file held in memory.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="fileName">Name used in messages.</param>
    /// <returns>The file's variables.</returns>
    /// <exception cref="DataFormatException">The bytes are not a MAT-file, are corrupt, or hold something this reader refuses.</exception>
    public static MatFile Read(byte[] bytes, string fileName) => Read(bytes, fileName, DataReadLimits.Default);

    /// <summary>Reads a MAT-file held in memory with explicit decompression limits.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="fileName">Name used in messages.</param>
    /// <param name="limits">Limits on decompressed sizes; see <see cref="DataReadLimits"/>.</param>
    /// <returns>The file's variables.</returns>
    /// <exception cref="DataFormatException">The bytes are not a MAT-file, are corrupt, are over a limit, or hold something this reader refuses.</exception>
    public static MatFile Read(byte[] bytes, string fileName, DataReadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(limits);
        var level5 = bytes.Length >= 128 && ((bytes[126] == 'I' && bytes[127] == 'M') || (bytes[126] == 'M' && bytes[127] == 'I'));
        if (!level5 && MatLevel4Reader.LooksLikeLevel4(bytes))
        {
            return new MatFile(fileName, 4, string.Empty, MatLevel4Reader.Read(bytes, fileName));
        }

        if (bytes.Length < 128)
        {
            throw new DataFormatException(fileName, $"the file has {bytes.Length} bytes, fewer than the 128-byte MAT-file header: it is truncated or not a MAT-file.");
        }

        var headerText = Encoding.ASCII.GetString(bytes, 0, 116).TrimEnd('\0', ' ');
        bool bigEndian;
        if (bytes[126] == 'I' && bytes[127] == 'M')
        {
            bigEndian = false;
        }
        else if (bytes[126] == 'M' && bytes[127] == 'I')
        {
            bigEndian = true;
        }
        else
        {
            var hint = headerText.StartsWith("MATLAB", StringComparison.Ordinal)
                ? "the header is damaged"
                : "this is not a MAT-file: it has neither a Level 5 / v7.3 header nor a Level 4 variable header (type MOPT, rows, columns, imaginary flag, name length)";
            throw new DataFormatException(fileName, $"byte offset 126: the endian indicator is 0x{bytes[126]:X2}{bytes[127]:X2}, expected \"IM\" or \"MI\"; {hint}.");
        }

        var version = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(124)) : BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(124));
        return version switch
        {
            0x0100 => new MatFile(fileName, 5, headerText, MatLevel5Reader.Read(bytes, fileName, bigEndian, limits)),
            0x0200 => new MatFile(fileName, 73, headerText, MatHdf5Reader.Read(bytes, fileName, limits)),
            _ => throw new DataFormatException(fileName, $"byte offset 124: the header version is 0x{version:X4}; expected 0x0100 (v5/v6/v7) or 0x0200 (v7.3): the header is damaged or the file is not a MAT-file."),
        };
    }

    /// <summary>True when the file has a variable named <paramref name="name"/>.</summary>
    /// <param name="name">Variable name.</param>
    /// <returns>Whether it exists.</returns>
    public bool Contains(string name) => _variables.ContainsKey(name);

    /// <summary>A variable of an expected kind, e.g. <c>Get&lt;MatStruct&gt;("condsForSim")</c>.</summary>
    /// <typeparam name="T">Expected kind.</typeparam>
    /// <param name="name">Variable name.</param>
    /// <returns>The variable.</returns>
    /// <exception cref="DataFormatException">The variable is of another kind; the message names it, the expected and the actual class.</exception>
    public T Get<T>(string name)
        where T : MatValue
    {
        var value = this[name];
        return value as T ?? throw new DataFormatException(FileName, $"variable '{name}' is a {value} but a {KindName(typeof(T))} was expected: check the variable name, or save it as that class.");
    }

    private static string KindName(Type kind) => kind.Name switch
    {
        nameof(MatNumeric) => "numeric or logical array",
        nameof(MatChar) => "char array",
        nameof(MatCell) => "cell array",
        nameof(MatStruct) => "struct",
        nameof(MatSparse) => "sparse matrix",
        nameof(MatOpaque) => "object, function handle or opaque value",
        _ => kind.Name,
    };
}
