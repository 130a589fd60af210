namespace NeuroExercises.Core.Mat;

/// <summary>One Level 5 data element: its type, where its tag starts, and a cursor over its data bytes.</summary>
/// <param name="Type">Raw type code from the tag (a <see cref="MatDataType"/> when valid).</param>
/// <param name="TagOffset">Offset of the tag within the cursor's buffer.</param>
/// <param name="Data">Cursor over the element's data bytes.</param>
internal sealed record MatElement(int Type, int TagOffset, MatCursor Data)
{
    /// <summary>The type as a <see cref="MatDataType"/> (may be undefined for corrupt files).</summary>
    public MatDataType DataType => (MatDataType)Type;
}
