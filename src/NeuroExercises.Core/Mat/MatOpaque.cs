namespace NeuroExercises.Core.Mat;

/// <summary>
/// A MATLAB value this reader does not turn into data but keeps, as scipy.io.loadmat does, so that the rest of the file
/// is still read: a MATLAB object (class 3, scipy's MatlabObject: its class name and fields), a function handle
/// (class 16, scipy's MatlabFunction: the struct MATLAB stores for it) or an opaque object such as a string, table or
/// classdef instance (class 17, scipy's MatlabOpaque: type system, class name and the raw metadata array, whose
/// contents live in the file's subsystem data and are not decoded).
/// </summary>
public sealed class MatOpaque : MatValue
{
    internal MatOpaque(MatClass matClass, int[] dimensions, string className, string? typeSystem, MatStruct? fields, MatValue? content)
        : base(matClass, dimensions)
    {
        ClassName = className;
        TypeSystem = typeSystem;
        Fields = fields;
        Content = content;
    }

    /// <summary>The MATLAB class name: the object's class (e.g. "Neuron"), "function_handle", or the opaque class (e.g. "string").</summary>
    public string ClassName { get; }

    /// <summary>For an opaque object, its type system (MATLAB writes "MCOS"); otherwise null.</summary>
    public string? TypeSystem { get; }

    /// <summary>For a MATLAB object (class 3), its fields as a struct of the object's dimensions; otherwise null.</summary>
    public MatStruct? Fields { get; }

    /// <summary>For a function handle, the value MATLAB stores for it; for an opaque object, its raw metadata array; otherwise null.</summary>
    public MatValue? Content { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{ShapeText} {Class switch { MatClass.Object => "object", MatClass.FunctionHandle => "function handle", _ => "opaque object" }} of class {ClassName}";
}
