using NeuroExercises.Core;
using NeuroExercises.Core.Cifar;
using NeuroExercises.Core.Idx;
using NeuroExercises.Core.Mat;
using NeuroExercises.Core.Npy;
using NeuroExercises.Core.Pth;

namespace NeuroExercises.Core.Tests.Hardening;

/// <summary>
/// One entry point per reader that takes a file's bytes, for the mutation test and the fuzz harness (which links this
/// file). A read either returns or throws <see cref="DataFormatException"/>; anything else escapes to the caller.
/// </summary>
public static class ReaderTargets
{
    /// <summary>The readers by name, as the fuzz harness takes them on its command line.</summary>
    public static readonly IReadOnlyDictionary<string, Action<byte[], DataReadLimits>> All = new Dictionary<string, Action<byte[], DataReadLimits>>
    {
        ["mat"] = (bytes, limits) => MatFile.Read(bytes, "fuzz.mat", limits),
        ["npy"] = (bytes, _) => Core.Npy.Npy.Read(new MemoryStream(bytes, writable: false), "fuzz.npy"),
        ["npz"] = (bytes, limits) => Npz.Read(new MemoryStream(bytes, writable: false), "fuzz.npz", limits),
        ["idx"] = (bytes, limits) => IdxFile.Read(new MemoryStream(bytes, writable: false), "fuzz.idx", limits),
        ["cifar"] = (bytes, limits) =>
        {
            Cifar10Binary.Read(new MemoryStream(bytes, writable: false), "fuzz.tar.gz", Cifar10Split.Train, limits);
            Cifar10Binary.Read(new MemoryStream(bytes, writable: false), "fuzz.tar.gz", Cifar10Split.Test, limits);
        },
        ["pth"] = (bytes, limits) =>
        {
            var tensors = StateDict.Read(new MemoryStream(bytes, writable: false), "fuzz.pth", limits);
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        },
    };

    /// <summary>
    /// The most managed bytes a read of <paramref name="fileLength"/> bytes may allocate under <paramref name="limits"/>:
    /// 32 × (file + the most it may inflate to) + 4 MiB. Uncompressed readers stay far below it.
    /// </summary>
    /// <param name="fileLength">Input size.</param>
    /// <param name="limits">The limits in force.</param>
    /// <returns>Byte bound.</returns>
    public static long AllocationBound(long fileLength, DataReadLimits limits) =>
        (32 * (fileLength + limits.DecompressedBudget(fileLength))) + (4L << 20);

    /// <summary>The limits the mutation test and the fuzzer use: ratio 100:1, at most 64 MiB.</summary>
    public static readonly DataReadLimits Strict = new() { MaxCompressionRatio = 100, MaxDecompressedBytes = 64L << 20 };
}
