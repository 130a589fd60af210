using System.Buffers.Binary;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>
/// The sandbox's seccomp filter: a classic BPF program for x86_64, handed to bwrap with <c>--seccomp FD</c> (bwrap loads it
/// just before it execs the child, after its own mounts). Kills a process that calls with another architecture or the
/// x32 ABI; returns EPERM for debugging other processes, namespaces and mounts, kernel modules and kexec, bpf,
/// perf_event_open, io_uring, userfaultfd, the kernel keyring, and socket() of any family but AF_UNIX; ENOSYS for clone3
/// (its flags sit in memory a filter cannot read: glibc then falls back to clone, whose flags are checked).
/// </summary>
internal static class SeccompFilter
{
    /// <summary>AUDIT_ARCH_X86_64.</summary>
    public const uint ArchX8664 = 0xC000003E;

    /// <summary>Every CLONE_NEW* flag (NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME).</summary>
    public const uint CloneNewMask = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x00000080;

    private const int EPerm = 1;
    private const int ENoSys = 38;
    private const int AfUnix = 1;
    private const int SysClone = 56;
    private const int SysSocket = 41;
    private const int SysClone3 = 435;
    private const uint X32Bit = 0x40000000;
    private const uint RetKillProcess = 0x80000000;
    private const uint RetErrno = 0x00050000;
    private const uint RetAllow = 0x7FFF0000;

    // BPF opcodes.
    private const ushort LdWAbs = 0x20;
    private const ushort JEqK = 0x15;
    private const ushort JGeK = 0x35;
    private const ushort JSetK = 0x45;
    private const ushort RetK = 0x06;

    /// <summary>The x86_64 system calls that get EPERM, by name (the tests call some of them).</summary>
    public static readonly IReadOnlyDictionary<string, int> Denied = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["ptrace"] = 101,
        ["process_vm_readv"] = 310,
        ["process_vm_writev"] = 311,
        ["mount"] = 165,
        ["umount2"] = 166,
        ["pivot_root"] = 155,
        ["chroot"] = 161,
        ["unshare"] = 272,
        ["setns"] = 308,
        ["open_tree"] = 428,
        ["move_mount"] = 429,
        ["fsopen"] = 430,
        ["fsconfig"] = 431,
        ["fsmount"] = 432,
        ["fspick"] = 433,
        ["mount_setattr"] = 442,
        ["kexec_load"] = 246,
        ["kexec_file_load"] = 320,
        ["bpf"] = 321,
        ["perf_event_open"] = 298,
        ["io_uring_setup"] = 425,
        ["io_uring_enter"] = 426,
        ["io_uring_register"] = 427,
        ["userfaultfd"] = 323,
        ["add_key"] = 248,
        ["request_key"] = 249,
        ["keyctl"] = 250,
        ["init_module"] = 175,
        ["finit_module"] = 313,
        ["delete_module"] = 176,
    };

    /// <summary>The filter program: 8-byte struct sock_filter entries, native (little-endian) order.</summary>
    public static byte[] Build()
    {
        // Instructions with symbolic jump targets, resolved once all are placed.
        var code = new List<(ushort Op, string? Jt, string? Jf, uint K)>();
        void Ins(ushort op, uint k, string? jt = null, string? jf = null) => code.Add((op, jt, jf, k));

        Ins(LdWAbs, 4);                                   // A = arch
        Ins(JEqK, ArchX8664, null, "kill");               // other ABI: kill
        Ins(LdWAbs, 0);                                   // A = nr
        Ins(JGeK, X32Bit, "kill");                        // x32 ABI: kill
        foreach (var nr in Denied.Values.Order())
        {
            Ins(JEqK, (uint)nr, "eperm");
        }

        Ins(JEqK, SysClone3, "enosys");
        Ins(JEqK, SysClone, "clone");
        Ins(JEqK, SysSocket, "socket");
        Ins(RetK, RetAllow);
        var labels = new Dictionary<string, int>(StringComparer.Ordinal) { ["clone"] = code.Count };
        Ins(LdWAbs, 16);                                  // A = low 32 bits of args[0] (clone flags)
        Ins(JSetK, CloneNewMask, "eperm");
        Ins(RetK, RetAllow);
        labels["socket"] = code.Count;
        Ins(LdWAbs, 16);                                  // A = socket domain
        Ins(JEqK, AfUnix, "allow", "eperm");
        labels["allow"] = code.Count;
        Ins(RetK, RetAllow);
        labels["eperm"] = code.Count;
        Ins(RetK, RetErrno | EPerm);
        labels["enosys"] = code.Count;
        Ins(RetK, RetErrno | ENoSys);
        labels["kill"] = code.Count;
        Ins(RetK, RetKillProcess);

        var bytes = new byte[code.Count * 8];
        for (var i = 0; i < code.Count; i++)
        {
            var (op, jt, jf, k) = code[i];
            byte Offset(string? label)
            {
                if (label is null)
                {
                    return 0;
                }

                var delta = labels[label] - i - 1;
                return delta is >= 0 and <= 255 ? (byte)delta : throw new InvalidOperationException($"seccomp filter: jump to {label} out of range");
            }

            var span = bytes.AsSpan(i * 8, 8);
            BinaryPrimitives.WriteUInt16LittleEndian(span, op);
            span[2] = Offset(jt);
            span[3] = Offset(jf);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], k);
        }

        return bytes;
    }

    /// <summary>True when the filter can be used here (Linux on x86_64; bwrap loads it).</summary>
    public static bool Supported => OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64;
}
