namespace NeuroExercises.Core.Devices;

/// <summary>What the user asked for with <c>--device</c>.</summary>
public enum DeviceKind
{
    /// <summary>CUDA when libtorch sees a CUDA device, else CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>The first CUDA device; an error where none exists.</summary>
    Cuda,
}
