using System.Globalization;

namespace NeuroExercises.Grader.Sandbox;

/// <summary>
/// What isolation a child actually got, for every results file and the console. <see cref="ToString"/> reads e.g.
/// <c>bwrap+cgroup-v1(mem 1.5G, pids 256)+seccomp+uid 61000+scratch bind</c>, or <c>none (--sandbox none: trusted code only)</c>.
/// </summary>
/// <param name="Sandbox">"bwrap" or "none".</param>
/// <param name="Cgroup">"cgroup-v1", "cgroup-v2" or "none".</param>
/// <param name="MemoryBytes">The cgroup memory cap, when a cgroup was used.</param>
/// <param name="PidsMax">The cgroup pids cap, when a cgroup was used.</param>
/// <param name="Seccomp">The seccomp filter was loaded.</param>
/// <param name="Uid">The uid the child ran as (null: the grader's own).</param>
/// <param name="Scratch">"bind" (a host folder), "tmpfs 256M" (size-capped, in memory) or "host" (no sandbox).</param>
/// <param name="Notes">Why something is missing (e.g. why there is no cgroup); empty when all is there.</param>
internal sealed record IsolationReport(string Sandbox, string Cgroup, long? MemoryBytes, int? PidsMax, bool Seccomp, int? Uid, string Scratch, string Notes)
{
    /// <summary>The report for a child run without a sandbox.</summary>
    public static IsolationReport None(string why) => new("none", "none", null, null, false, null, "host", why);

    /// <summary>True when the child ran in bwrap with a cgroup and the seccomp filter.</summary>
    public bool Full => Sandbox == "bwrap" && Cgroup != "none" && Seccomp;

    /// <inheritdoc />
    public override string ToString() => Describe(null);

    /// <summary>
    /// The report of a runner whose children ran in <paramref name="slots"/> concurrent slots, this one in <paramref name="slot"/>:
    /// the uid part names the range (e.g. <c>uid 61000-61001 (one per slot)</c>), so the text does not depend on which slot
    /// happened to start first and a regrade's results stay identical.
    /// </summary>
    public string ForSlots(int slot, int slots) => slots <= 1 || Uid is null ? ToString() : Describe((Uid.Value - slot, slots));

    private string Describe((int First, int Count)? uidRange)
    {
        if (Sandbox == "none")
        {
            return Notes.Length == 0 ? "none" : $"none ({Notes})";
        }

        var parts = new List<string> { Sandbox };
        if (Cgroup != "none")
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Cgroup}(mem {Size(MemoryBytes ?? 0)}, pids {PidsMax})"));
        }

        if (Seccomp)
        {
            parts.Add("seccomp");
        }

        if (uidRange is { } range)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"uid {range.First}-{range.First + range.Count - 1} (one per slot)"));
        }
        else if (Uid is { } uid)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"uid {uid}"));
        }

        parts.Add("scratch " + Scratch);
        var text = string.Join('+', parts);
        return Notes.Length == 0 ? text : $"{text} ({Notes})";
    }

    /// <summary>Bytes as 1.5G / 256M / 4096.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => ((double)bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + "G",
        >= 1L << 20 => ((double)bytes / (1L << 20)).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        _ => bytes.ToString(CultureInfo.InvariantCulture),
    };
}
