using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>The few Linux calls .NET does not expose: statx without following links (link count, file type), open with O_NOFOLLOW, kill.</summary>
internal static class Native
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;
    private const int ORdOnly = 0;
    private const int ONoCtty = 0x100;
    private const int ONonBlock = 0x800;
    private const int ONoFollow = 0x20000;
    private const int OCloExec = 0x80000;

    /// <summary>What statx says about a path or an open file.</summary>
    /// <param name="Mode">st_mode (type and permission bits).</param>
    /// <param name="Links">st_nlink.</param>
    /// <param name="Size">st_size.</param>
    /// <param name="Device">Device of the file system (major &lt;&lt; 32 | minor).</param>
    /// <param name="Inode">Inode number.</param>
    internal readonly record struct FileStat(uint Mode, uint Links, long Size, ulong Device, ulong Inode)
    {
        /// <summary>S_IFMT bits.</summary>
        public uint Type => Mode & 0xF000;

        /// <summary>A regular file.</summary>
        public bool IsRegular => Type == 0x8000;

        /// <summary>A directory.</summary>
        public bool IsDirectory => Type == 0x4000;

        /// <summary>A symbolic link.</summary>
        public bool IsSymlink => Type == 0xA000;

        /// <summary>A human name of the file type.</summary>
        public string TypeName => Type switch
        {
            0x8000 => "regular file",
            0x4000 => "directory",
            0xA000 => "symbolic link",
            0x1000 => "FIFO (named pipe)",
            0xC000 => "socket",
            0x2000 => "character device",
            0x6000 => "block device",
            _ => "special file",
        };
    }

    /// <summary>lstat-like: the entry itself, never what a link points to; null with errno text when it fails.</summary>
    public static FileStat? LStat(string path, out string error)
    {
        var buffer = new byte[256];
        var rc = Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer);
        error = rc == 0 ? "" : Marshal.GetLastPInvokeErrorMessage();
        return rc == 0 ? Parse(buffer) : null;
    }

    /// <summary>fstat-like, of an open file.</summary>
    public static FileStat? FStat(SafeFileHandle handle, out string error)
    {
        var buffer = new byte[256];
        var rc = StatxFd((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, buffer);
        error = rc == 0 ? "" : Marshal.GetLastPInvokeErrorMessage();
        return rc == 0 ? Parse(buffer) : null;
    }

    /// <summary>Opens <paramref name="path"/> read-only without following a final symbolic link and without blocking (a FIFO does not hang).</summary>
    public static SafeFileHandle? OpenNoFollow(string path, out string error)
    {
        var fd = Open(path, ORdOnly | ONoFollow | ONonBlock | OCloExec | ONoCtty);
        error = fd >= 0 ? "" : Marshal.GetLastPInvokeErrorMessage();
        return fd >= 0 ? new SafeFileHandle(fd, ownsHandle: true) : null;
    }

    /// <summary>Sends SIGKILL to <paramref name="pid"/>; false when it is gone.</summary>
    public static bool KillProcess(int pid) => Kill(pid, 9) == 0;

    private static FileStat Parse(byte[] b) => new(
        BitConverter.ToUInt16(b, 28),
        BitConverter.ToUInt32(b, 16),
        (long)BitConverter.ToUInt64(b, 40),
        ((ulong)BitConverter.ToUInt32(b, 136) << 32) | BitConverter.ToUInt32(b, 140),
        BitConverter.ToUInt64(b, 32));

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxFd(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
