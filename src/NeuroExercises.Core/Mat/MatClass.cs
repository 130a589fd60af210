namespace NeuroExercises.Core.Mat;

/// <summary>The MATLAB class of a variable (mxClassID, with logical split out of uint8).</summary>
public enum MatClass
{
    /// <summary>double: 64-bit floating point.</summary>
    Double,

    /// <summary>single: 32-bit floating point.</summary>
    Single,

    /// <summary>int8.</summary>
    Int8,

    /// <summary>uint8.</summary>
    UInt8,

    /// <summary>int16.</summary>
    Int16,

    /// <summary>uint16.</summary>
    UInt16,

    /// <summary>int32.</summary>
    Int32,

    /// <summary>uint32.</summary>
    UInt32,

    /// <summary>int64.</summary>
    Int64,

    /// <summary>uint64.</summary>
    UInt64,

    /// <summary>logical: true/false values.</summary>
    Logical,

    /// <summary>char: text, one UTF-16 code unit per element.</summary>
    Char,

    /// <summary>cell array.</summary>
    Cell,

    /// <summary>struct or struct array.</summary>
    Struct,

    /// <summary>sparse double or sparse logical matrix.</summary>
    Sparse,

    /// <summary>MATLAB object (old-style, class 3): read as a <see cref="MatOpaque"/> with its class name and fields.</summary>
    Object,

    /// <summary>function handle: read as a <see cref="MatOpaque"/> holding what MATLAB stores for it.</summary>
    FunctionHandle,

    /// <summary>opaque object (string, table, datetime, classdef instance; class 17): read as a <see cref="MatOpaque"/>, contents not decoded.</summary>
    Opaque,
}
