namespace NeuroExercises.Core.Npy;

/// <summary>The element types the NPY reader and writer support.</summary>
public enum NpyDType
{
    /// <summary>&lt;f4.</summary>
    Float32,

    /// <summary>&lt;f8.</summary>
    Float64,

    /// <summary>&lt;i4.</summary>
    Int32,

    /// <summary>&lt;i8.</summary>
    Int64,

    /// <summary>|u1.</summary>
    UInt8,

    /// <summary>|b1.</summary>
    Bool,
}
