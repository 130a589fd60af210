namespace NeuroExercises.Core.Pth;

/// <summary>A persistent-id reference to a raw storage in archive/data/&lt;key&gt;.</summary>
/// <param name="Type">The storage element type.</param>
/// <param name="Key">The storage's file name under data/.</param>
/// <param name="Location">The device it was saved from, e.g. "cpu" or "cuda:0".</param>
/// <param name="Count">Number of elements.</param>
internal sealed record StorageRef(PthStorageType Type, string Key, string Location, long Count);
