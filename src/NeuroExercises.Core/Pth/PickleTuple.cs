namespace NeuroExercises.Core.Pth;

/// <summary>A Python tuple from the pickle.</summary>
/// <param name="Items">The elements.</param>
internal sealed record PickleTuple(IReadOnlyList<object?> Items);
