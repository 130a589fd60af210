namespace NeuroExercises.Core.Mat;

/// <summary>
/// Converts the values of a data element, stored in whatever numeric type the writer chose (MATLAB stores a double
/// array of small integers as miUINT8, for instance), to the CLR type of the array's MATLAB class. Integer to integer
/// goes through int64 so int64/uint64 limits stay exact.
/// </summary>
internal static class MatConvert
{
    /// <summary>The CLR element type that holds values of <paramref name="matClass"/>.</summary>
    /// <param name="matClass">A numeric class or logical.</param>
    /// <returns>The element type.</returns>
    public static Type ElementType(MatClass matClass) => matClass switch
    {
        MatClass.Double => typeof(double),
        MatClass.Single => typeof(float),
        MatClass.Int8 => typeof(sbyte),
        MatClass.UInt8 => typeof(byte),
        MatClass.Int16 => typeof(short),
        MatClass.UInt16 => typeof(ushort),
        MatClass.Int32 => typeof(int),
        MatClass.UInt32 => typeof(uint),
        MatClass.Int64 => typeof(long),
        MatClass.UInt64 => typeof(ulong),
        MatClass.Logical => typeof(bool),
        _ => throw new ArgumentOutOfRangeException(nameof(matClass), matClass, "Not a numeric class."),
    };

    /// <summary>Converts <paramref name="source"/> to the element type of <paramref name="target"/>.</summary>
    /// <param name="source">Values as stored (sbyte[] … ulong[], float[], double[]).</param>
    /// <param name="target">Target class.</param>
    /// <returns>The converted array (the source itself when the type already matches).</returns>
    public static Array To(Array source, MatClass target)
    {
        if (source.GetType().GetElementType() == ElementType(target))
        {
            return source;
        }

        return target switch
        {
            MatClass.Double => ToDouble(source),
            MatClass.Single => Map(source, v => (float)v, v => (float)v),
            MatClass.Int8 => Map(source, v => (sbyte)v, v => (sbyte)v),
            MatClass.UInt8 => Map(source, v => (byte)v, v => (byte)v),
            MatClass.Int16 => Map(source, v => (short)v, v => (short)v),
            MatClass.UInt16 => Map(source, v => (ushort)v, v => (ushort)v),
            MatClass.Int32 => Map(source, v => (int)v, v => (int)v),
            MatClass.UInt32 => Map(source, v => (uint)v, v => (uint)v),
            MatClass.Int64 => Map(source, v => v, v => (long)v),
            MatClass.UInt64 => Map(source, v => (ulong)v, v => (ulong)v),
            MatClass.Logical => Map(source, v => v != 0, v => v != 0),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a numeric class."),
        };
    }

    /// <summary>Values as double.</summary>
    /// <param name="source">Values as stored.</param>
    /// <returns>A new double array (or the source when it is one).</returns>
    public static double[] ToDouble(Array source) => source.GetType() == typeof(double[]) ? (double[])source : Map(source, v => (double)v, v => v);

    /// <summary>Values as int64 (floating values truncated).</summary>
    /// <param name="source">Values as stored.</param>
    /// <returns>A new long array (or the source when it is one).</returns>
    public static long[] ToInt64(Array source) => source.GetType() == typeof(long[]) ? (long[])source : Map(source, v => v, v => (long)v);

    // Switch on the exact element type: the CLR lets byte[] pass "is sbyte[]" (and ushort[]/short[], uint[]/int[],
    // ulong[]/long[]), so type patterns would misread unsigned arrays.
    private static T[] Map<T>(Array source, Func<long, T> fromInteger, Func<double, T> fromFloat) =>
        Type.GetTypeCode(source.GetType().GetElementType()) switch
        {
            TypeCode.Double => Array.ConvertAll((double[])source, v => fromFloat(v)),
            TypeCode.Single => Array.ConvertAll((float[])source, v => fromFloat(v)),
            TypeCode.SByte => Array.ConvertAll((sbyte[])source, v => fromInteger(v)),
            TypeCode.Byte => Array.ConvertAll((byte[])source, v => fromInteger(v)),
            TypeCode.Int16 => Array.ConvertAll((short[])source, v => fromInteger(v)),
            TypeCode.UInt16 => Array.ConvertAll((ushort[])source, v => fromInteger(v)),
            TypeCode.Int32 => Array.ConvertAll((int[])source, v => fromInteger(v)),
            TypeCode.UInt32 => Array.ConvertAll((uint[])source, v => fromInteger(v)),
            TypeCode.Int64 => Array.ConvertAll((long[])source, v => fromInteger(v)),
            TypeCode.UInt64 => Array.ConvertAll((ulong[])source, v => v <= long.MaxValue ? fromInteger((long)v) : fromFloat(v)),
            TypeCode.Boolean => Array.ConvertAll((bool[])source, v => fromInteger(v ? 1 : 0)),
            _ => throw new ArgumentOutOfRangeException(nameof(source), source.GetType().Name, "Not a numeric array."),
        };
}
