using System.Diagnostics;
using FluentAssertions;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Core.Tests.Hardening;

/// <summary>
/// The readers' contract on damaged and hostile files: every mutated copy of every fixture is read or refused with a
/// <see cref="DataFormatException"/>, within a time limit, allocating no more than
/// <see cref="ReaderTargets.AllocationBound"/>. Deterministic (fixed seed); the fuzzer (tests/NeuroExercises.Fuzz)
/// explores further and its crashes become files in Hardening/Regressions.
/// </summary>
public sealed class ReaderMutationTests(ITestOutputHelper output)
{
    private const int Seed = 20261203;

    /// <summary>
    /// Per case. Generous for 2 shared cores (the slowest case, a mutated 814 KB course file, takes about 1 s alone);
    /// a reader that loops on file-controlled counts takes far longer.
    /// </summary>
    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(5);

    /// <summary>A case that never returns (an endless loop) fails the test here instead of hanging the run.</summary>
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    /// <summary>The fixtures of each reader and how many mutated cases each gets (small files get many, big ones few).</summary>
    public static TheoryData<string> Readers => ["mat", "npy", "npz", "idx", "pth", "cifar"];

    internal static IEnumerable<(string Reader, string Path, int Cases)> Fixtures(string reader) => reader switch
    {
        "mat" =>
        [
            ("mat", RepoPaths.Fixture("mat/types_v5.mat"), 1400),
            ("mat", RepoPaths.Fixture("mat/types_v5_compressed.mat"), 1400),
            ("mat", RepoPaths.Fixture("mat/types_octave_v6.mat"), 1200),
            ("mat", RepoPaths.Fixture("mat/types_octave_v7.mat"), 1200),
            ("mat", RepoPaths.Fixture("mat/types_v73.mat"), 1000),
            ("mat", RepoPaths.Fixture("mat/bad_zlib.mat"), 100),
            ("mat", RepoPaths.Fixture("mat/bad_truncated.mat"), 100),
            ("mat", RepoPaths.Fixture("mat/bad_header.mat"), 100),
            ("mat", RepoPaths.Fixture("mat/condsForSim_octave_v7.mat"), 150),
            ("mat", RepoPaths.Fixture("mat/condsForSim_synthetic.mat"), 12),
            ("mat", RepoPaths.Fixture("mat/m1_reaching_synthetic.mat"), 12),
            .. new[] { "v4_scipy.mat", "v4_scipy_bigendian.mat", "v4_octave.mat" }
                .Select(f => ("mat", Path.Combine(RepoPaths.Root, "tests", "NeuroExercises.Core.Tests", "Mat", "Data", f), 300)),
            .. Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "NeuroExercises.Core.Tests", "Mat", "Data"), "v*_*.mat")
                .Where(p => !Path.GetFileName(p).StartsWith("v4_", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal).Select(p => ("mat", p, 100)),
        ],
        "npy" => [.. Directory.GetFiles(RepoPaths.Fixture("npy"), "*.npy").Order(StringComparer.Ordinal).Select(p => ("npy", p, 250))],
        "npz" => [.. Directory.GetFiles(RepoPaths.Fixture("npy"), "*.npz").Order(StringComparer.Ordinal).Select(p => ("npz", p, 1000))],
        "idx" => [.. Local("idx", 400)],
        "cifar" => [.. Local("cifar", 300)],
        "pth" =>
        [
            .. Directory.GetFiles(RepoPaths.Fixture("pth"), "*.pth").Order(StringComparer.Ordinal).Select(p => ("pth", p, 800)),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(reader), reader, "no such reader"),
    };

    /// <summary>Fixtures this test project generates and ships (Hardening/Data/&lt;reader&gt;).</summary>
    private static IEnumerable<(string, string, int)> Local(string reader, int cases)
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "NeuroExercises.Core.Tests", "Hardening", "Data", reader);
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder).Where(p => !p.EndsWith(".py", StringComparison.Ordinal) && !p.EndsWith(".m", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(p => (reader, p, cases))
            : [];
    }

    /// <summary>One untimed read of the original, so that loading libtorch or PureHDF is not charged to a case.</summary>
    private static void Warm(Action<byte[], DataReadLimits> read, byte[] original)
    {
        try
        {
            read(original, ReaderTargets.Strict);
        }
        catch (DataFormatException)
        {
            // The bad_* fixtures are refused.
        }
    }

    /// <summary>With NEURO_MUTATION_DUMP set, writes each failing case there for replay (tests/NeuroExercises.Fuzz --replay).</summary>
    private static void Dump(string reader, string path, int caseIndex, byte[] bytes)
    {
        var folder = Environment.GetEnvironmentVariable("NEURO_MUTATION_DUMP");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{reader}-{Path.GetFileNameWithoutExtension(path)}-case{caseIndex}{Path.GetExtension(path)}"), bytes);
        }
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void EveryMutatedFixtureIsReadOrRefusedWithinBounds(string reader)
    {
        string? current = null;
        Exception? crash = null;
        var worker = new Thread(() =>
        {
            try
            {
                Run(reader, c => Volatile.Write(ref current, c));
            }
            catch (Exception e)
            {
                crash = e;
            }
        }, maxStackSize: 16 << 20) { IsBackground = true };
        worker.Start();
        worker.Join(RunLimit).Should().BeTrue($"the {reader} cases must finish within {RunLimit}; stuck at {Volatile.Read(ref current)}");
        if (crash is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(crash).Throw();
        }
    }

    private void Run(string reader, Action<string> starting)
    {
        var read = ReaderTargets.All[reader];
        var failures = new List<string>();
        int cases = 0, reads = 0, refusals = 0;
        long maxAllocated = 0;
        var failed = 0;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        var fixtures = Fixtures(reader).ToList();
        fixtures.Should().NotBeEmpty();
        foreach (var (_, path, count) in fixtures)
        {
            var original = File.ReadAllBytes(path);
            Warm(read, original);
            for (var i = 0; i < count; i++)
            {
                var (bytes, how) = Mutator.Mutate(original, Seed, i);
                var where = $"{Path.GetFileName(path)} case {i} ({how})";
                starting(where);
                cases++;
                var bound = ReaderTargets.AllocationBound(bytes.Length, ReaderTargets.Strict);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var clock = Stopwatch.StartNew();
                try
                {
                    read(bytes, ReaderTargets.Strict);
                    reads++;
                }
                catch (DataFormatException e)
                {
                    refusals++;
                    if (!e.Message.StartsWith("fuzz.", StringComparison.Ordinal))
                    {
                        failures.Add($"{where}: the message does not start with the file name: {e.Message}");
                    }
                }
                catch (Exception e)
                {
                    failures.Add($"{where}: {e.GetType().FullName}: {e.Message}");
                }

                clock.Stop();
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                maxAllocated = Math.Max(maxAllocated, allocated);
                slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                if (allocated > bound)
                {
                    failures.Add($"{where}: allocated {allocated} bytes, over the bound {bound}");
                }

                if (clock.Elapsed > CaseLimit)
                {
                    failures.Add($"{where}: took {clock.Elapsed.TotalMilliseconds:0} ms, over the {CaseLimit.TotalMilliseconds:0} ms limit");
                }

                if (failures.Count > failed)
                {
                    Dump(reader, path, i, bytes);
                    failed = failures.Count;
                }
            }
        }

        var summary = $"{reader}: {cases} cases from {fixtures.Count} fixtures in {total.Elapsed.TotalSeconds:0.0} s: {reads} read, {refusals} refused, {failures.Count} broke the contract; slowest {slowest.TotalMilliseconds:0} ms, most allocated {maxAllocated} bytes";
        output.WriteLine(summary);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "neuro-mutation-summary.txt"), $"{DateTime.UtcNow:u} {summary}\n");
        failures.Should().BeEmpty($"every read of a mutated {reader} file must return or throw DataFormatException within bounds (seed {Seed}); first failures:\n{string.Join("\n", failures.Take(25))}");
    }
}
