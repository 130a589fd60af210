using System.Runtime.InteropServices;

namespace NeuroExercises.Core.Devices;

/// <summary>
/// glibc's malloc serves blocks above its mmap threshold with a fresh mmap, which the kernel zero-fills page by page and
/// unmaps again on free. The sparse-AND self-attention at 64 bits allocates several [1000, 65, 65] float32 tensors (17 MB)
/// every step, so most of its time went to page faults (2.5 million minor faults, 19 s of system time in one run).
/// Raising the threshold to 32 MB (glibc's maximum) and the trim threshold keeps such blocks in the heap for reuse.
/// Numbers are unchanged: only where libtorch's memory comes from. (Other threads' malloc arenas unmap their heaps when
/// empty whatever the thresholds: the experiment trains the self-attention runs on the main thread.)
/// </summary>
public static class NativeHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>The mmap threshold set: 32 MB, glibc's maximum.</summary>
    public const int MmapThresholdBytes = 32 << 20;

    /// <summary>The trim threshold set: 512 MB.</summary>
    public const int TrimThresholdBytes = 512 << 20;

    /// <summary>
    /// The same settings for a child process (a benchmark's PyTorch side, so both sides get the same allocator):
    /// glibc reads <c>MALLOC_MMAP_THRESHOLD_</c> and <c>MALLOC_TRIM_THRESHOLD_</c> at start-up.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ChildEnvironment { get; } = new Dictionary<string, string>
    {
        ["MALLOC_MMAP_THRESHOLD_"] = MmapThresholdBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MALLOC_TRIM_THRESHOLD_"] = TrimThresholdBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Keeps blocks up to 32 MB in the heap; returns false when not on glibc or refused.</summary>
    public static bool KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MMmapThreshold, MmapThresholdBytes) == 1 && Mallopt(MTrimThreshold, TrimThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // musl: no mallopt
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks in this project; two int arguments need no marshalling
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int param, int value);
#pragma warning restore SYSLIB1054
}
