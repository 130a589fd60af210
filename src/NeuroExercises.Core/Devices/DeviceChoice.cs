using TorchSharp;

namespace NeuroExercises.Core.Devices;

/// <summary>
/// A resolved <c>--device</c> option: what was asked for, the TorchSharp device to put tensors on,
/// and its name (<c>cpu</c> or <c>cuda</c>) for logs and results.
/// </summary>
/// <param name="Requested">The value as parsed (auto, cpu or cuda).</param>
/// <param name="Device">The TorchSharp device.</param>
/// <param name="Name">The resolved device name: "cpu" or "cuda".</param>
public sealed record DeviceChoice(DeviceKind Requested, torch.Device Device, string Name)
{
    /// <summary>The option name used in messages.</summary>
    public const string DefaultFlag = "--device";

    /// <summary>
    /// Parses <c>cpu</c>, <c>cuda</c> or <c>auto</c> (case-insensitive, surrounding blanks ignored).
    /// <c>auto</c> picks CUDA when <c>torch.cuda.is_available()</c>, else the CPU.
    /// </summary>
    /// <param name="value">The option value.</param>
    /// <param name="flag">The option's name, for messages.</param>
    /// <returns>The resolved choice.</returns>
    /// <exception cref="ArgumentException">The value is not cpu, cuda or auto, or cuda was asked for where none exists.</exception>
    public static DeviceChoice Parse(string? value, string flag = DefaultFlag) =>
        Parse(value, flag, torch.cuda.is_available);

    /// <summary>As <see cref="Parse(string?, string)"/>, with the CUDA probe injectable for tests.</summary>
    internal static DeviceChoice Parse(string? value, string flag, Func<bool> cudaAvailable)
    {
        var kind = (value ?? "").Trim().ToLowerInvariant() switch
        {
            "auto" => DeviceKind.Auto,
            "cpu" => DeviceKind.Cpu,
            "cuda" => DeviceKind.Cuda,
            _ => throw new ArgumentException(
                $"{flag}: '{value}' is not a device; use {flag} cpu, {flag} cuda or {flag} auto."),
        };

        var useCuda = kind switch
        {
            DeviceKind.Cpu => false,
            DeviceKind.Auto => cudaAvailable(),
            _ => cudaAvailable()
                ? true
                : throw new ArgumentException(
                    $"{flag} cuda: no CUDA device is available (no GPU was found, or the libtorch in use is the CPU-only "
                    + $"build, libtorch-cpu, not libtorch-cuda). Use {flag} cpu (or {flag} auto)."),
        };

        return useCuda
            ? new DeviceChoice(kind, new torch.Device(DeviceType.CUDA, 0), "cuda")
            : new DeviceChoice(kind, torch.CPU, "cpu");
    }
}
