using System.Runtime.InteropServices;

namespace NeuroExercises.Experiments;

/// <summary>
/// glibc's malloc serves blocks above its mmap threshold with a fresh mmap, which the kernel zero-fills page by page and
/// unmaps again on free. The sparse-AND self-attention at 64 bits allocates several [1000, 65, 65] float32 tensors (17 MB)
/// every step, so most of its time went to page faults (2.5 million minor faults, 19 s of system time in one run).
/// Raising the threshold to 32 MB (glibc's maximum) and the trim threshold keeps such blocks in the heap for reuse.
/// Numbers are unchanged: only where libtorch's memory comes from. (Other threads' malloc arenas unmap their heaps when
/// empty whatever the thresholds: the experiment trains the self-attention runs on the main thread.)
/// </summary>
internal static class NativeHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>Keeps blocks up to 32 MB in the heap; returns false when not on glibc or refused.</summary>
    public static bool KeepLargeBlocks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MMmapThreshold, 32 << 20) == 1 && Mallopt(MTrimThreshold, 512 << 20) == 1;
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
