using System.Runtime.InteropServices;
using System.Text;

namespace NeuroExercises.Core.Devices;

/// <summary>
/// libtorch's CPU matrix products go to the MKL it bundles, and MKL picks its kernels by CPU vendor as well as by CPU
/// features: on an AMD processor it runs a generic path even when the processor has AVX-512 (measured on this course's
/// 2-core AMD EPYC, one thread: a 32×784 · 784×256 sgemm 170 µs generic, 87 µs on MKL's AVX-512 path, where PyTorch 1.13
/// with OpenBLAS takes 135 µs). <see cref="UseCpuFeatures"/> loads setup.sh's one-function library
/// (tools/native/mkl/mkl_vendor.c, <c>libneuro_mkl_vendor.so</c>, built on AMD machines only) with <c>RTLD_GLOBAL</c> before
/// libtorch loads, so MKL's vendor question gets "yes" and MKL chooses by the features the processor reports, as on an
/// Intel processor. Results stay within float32 rounding of the generic path (the golden tests hold either way); a run
/// uses one path throughout, so it stays reproducible. Set <c>NEURO_MKL_GENERIC=1</c> to keep MKL's own choice.
/// </summary>
public static class MklKernels
{
    /// <summary>The library setup.sh builds (beside libtorch in every build output that carries it).</summary>
    public const string LibraryName = "libneuro_mkl_vendor.so";

    /// <summary>The environment variable that turns the override off (any value but empty or 0).</summary>
    public const string GenericVariable = "NEURO_MKL_GENERIC";

    private const int RtldNow = 0x2;
    private const int RtldGlobal = 0x100;

    private static readonly Lock Gate = new();
    private static string? status;

    /// <summary>What <see cref="UseCpuFeatures"/> did in this process ("not asked" before it ran).</summary>
    public static string Status
    {
        get
        {
            lock (Gate)
            {
                return status ?? "not asked";
            }
        }
    }

    /// <summary>
    /// Loads <see cref="LibraryName"/> globally so MKL dispatches by CPU features; call it first thing in a process, before
    /// any TorchSharp call (libtorch binds MKL's question when it loads; later it has no effect). Idempotent.
    /// </summary>
    /// <param name="searchDirectory">Where to look (default: the app's runtimes/linux-x64/native, then the app folder).</param>
    /// <returns>True when the library was loaded.</returns>
    public static bool UseCpuFeatures(string? searchDirectory = null)
    {
        lock (Gate)
        {
            if (status is not null)
            {
                return status.StartsWith("loaded", StringComparison.Ordinal);
            }

            status = Load(searchDirectory);
            return status.StartsWith("loaded", StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The code of the kernel branch MKL chose in this process (MKL's internal <c>mkl_serv_cpu_detect</c>): 0 is its generic
    /// path; a higher code one of its instruction-set paths (7 on this course's AVX-512 machine with the override, 0
    /// without). Loads libtorch. Null when libtorch has no MKL (another build).
    /// </summary>
    public static int? Branch()
    {
        try
        {
            TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
            return NativeMethods.mkl_serv_cpu_detect();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>MKL's version and the branch it chose, for a benchmark's or a log's header (loads libtorch).</summary>
    public static string Describe()
    {
        try
        {
            TorchSharp.torch.InitializeDeviceType(TorchSharp.DeviceType.CPU);
            var buffer = new byte[512];
            NativeMethods.MKL_Get_Version_String(buffer, buffer.Length);
            var version = Encoding.ASCII.GetString(buffer).TrimEnd('\0', ' ');
            var branch = NativeMethods.mkl_serv_cpu_detect();
            return $"{version}; kernel branch {branch} ({(branch == 0 ? "MKL's generic path" : "chosen by CPU features")}); vendor override: {Status}";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return $"libtorch without MKL ({e.GetType().Name})";
        }
    }

    /// <summary>What loading from <paramref name="searchDirectory"/> gives, without touching this process's state when the
    /// library is absent or turned off (tests).</summary>
    internal static string Load(string? searchDirectory)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return "not used (MKL's vendor check matters on x64 Linux only)";
        }

        if (Environment.GetEnvironmentVariable(GenericVariable) is { Length: > 0 } v && v != "0")
        {
            return $"off ({GenericVariable}={v}): MKL chooses its kernels itself";
        }

        var candidates = searchDirectory is not null
            ? [Path.Combine(searchDirectory, LibraryName)]
            : new[] { Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", LibraryName), Path.Combine(AppContext.BaseDirectory, LibraryName) };
        var path = candidates.FirstOrDefault(File.Exists);
        if (path is null)
        {
            return $"not built ({LibraryName} is not beside libtorch: setup.sh builds it on AMD processors only)";
        }

        var handle = NativeMethods.dlopen(path, RtldNow | RtldGlobal);
        return handle == IntPtr.Zero
            ? $"failed to load {path}: {Marshal.PtrToStringAnsi(NativeMethods.dlerror()) ?? "unknown error"}"
            : $"loaded {path}";
    }

    private static class NativeMethods
    {
        [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern IntPtr dlopen(string path, int flags);

        [DllImport("libc")]
        public static extern IntPtr dlerror();

        [DllImport("libtorch_cpu")]
        public static extern void MKL_Get_Version_String(byte[] buffer, int length);

        [DllImport("libtorch_cpu")]
        public static extern int mkl_serv_cpu_detect();
    }
}
