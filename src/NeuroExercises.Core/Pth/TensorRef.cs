namespace NeuroExercises.Core.Pth;

/// <summary>The arguments of torch._utils._rebuild_tensor_v2: a strided view of a storage.</summary>
/// <param name="Storage">The storage.</param>
/// <param name="Offset">Storage offset in elements.</param>
/// <param name="Size">The shape.</param>
/// <param name="Stride">The strides in elements.</param>
internal sealed record TensorRef(StorageRef Storage, long Offset, long[] Size, long[] Stride);
