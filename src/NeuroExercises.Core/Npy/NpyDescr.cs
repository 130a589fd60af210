namespace NeuroExercises.Core.Npy;

/// <summary>A supported on-disk element type and how to turn it into an <see cref="NpyDType"/>.</summary>
/// <param name="Target">The in-memory element type.</param>
/// <param name="ItemSize">Bytes per element on disk.</param>
/// <param name="BigEndian">True when the bytes of each element must be reversed.</param>
/// <param name="IsHalf">True for IEEE half floats (read as float32).</param>
internal sealed record NpyDescr(NpyDType Target, int ItemSize, bool BigEndian, bool IsHalf)
{
    /// <summary>Parses a simple dtype string, or returns null with the reason it is unsupported.</summary>
    public static NpyDescr? TryParse(string descr, out string reason)
    {
        reason = "";
        if (descr.Length < 2)
        {
            reason = $"dtype '{descr}' is not a NumPy type string";
            return null;
        }

        var order = descr[0];
        var body = descr[1..];
        if (order is not ('<' or '>' or '=' or '|'))
        {
            order = '=';
            body = descr;
        }

        // '=' is native order, little-endian on every platform .NET and libtorch run on here.
        var big = order == '>';
        var result = body switch
        {
            "f4" => new NpyDescr(NpyDType.Float32, 4, big, false),
            "f8" => new NpyDescr(NpyDType.Float64, 8, big, false),
            "f2" => new NpyDescr(NpyDType.Float32, 2, big, true),
            "i4" => new NpyDescr(NpyDType.Int32, 4, big, false),
            "i8" => new NpyDescr(NpyDType.Int64, 8, big, false),
            "u1" => new NpyDescr(NpyDType.UInt8, 1, false, false),
            "b1" => new NpyDescr(NpyDType.Bool, 1, false, false),
            _ => null,
        };
        if (result is null)
        {
            reason = body switch
            {
                "O" => $"dtype '{descr}' is an object array (pickled Python objects); it is refused because unpickling it could run code. Save numeric arrays instead (e.g. arr.astype(np.float32))",
                _ when body.StartsWith('U') || body.StartsWith('S') => $"dtype '{descr}' holds strings, which this reader does not support; save numeric arrays instead",
                _ => $"dtype '{descr}' is not supported; supported are <f2 (read as float32) <f4 <f8 <i4 <i8 |u1 |b1 in either byte order. Convert the array before saving (e.g. arr.astype(np.float32))",
            };
        }

        return result;
    }
}
