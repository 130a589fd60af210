using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Batch;

/// <summary>What a batch grades and how.</summary>
/// <param name="Folder">The folder of submissions (one subfolder or .zip each).</param>
/// <param name="Week">The week.</param>
/// <param name="OutDirectory">Where the gradebook, batch.json and submissions/&lt;id&gt;/ go.</param>
/// <param name="SnapshotsRoot">The snapshots folder.</param>
internal sealed record BatchOptions(string Folder, WeekInfo Week, string OutDirectory, string SnapshotsRoot)
{
    /// <summary>Submissions graded at once (default: the machine's cores).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Runner children per grade (default: cores / workers, at least 1), so workers × slots ≈ cores.</summary>
    public int SlotsPerGrade { get; init; } = 1;

    /// <summary>First sandbox slot: worker w uses slots SlotBase + w × SlotsPerGrade … + SlotsPerGrade - 1 (uids 61000 + slot).</summary>
    public int SlotBase { get; init; }

    /// <summary>
    /// Each worker compiles in one long-lived sandboxed compile child (<see cref="Compile.CompileServer"/>) instead of a fresh
    /// child per submission (Roslyn warm: ≈ 2 s less per distinct submission on 2 cores). Same limits and reasons.
    /// </summary>
    public bool CompileServer { get; init; } = true;

    /// <summary>The slice of the folder this run grades.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>cpu, cuda or auto.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The isolation asked for.</summary>
    public SandboxMode Sandbox { get; init; } = SandboxMode.Auto;

    /// <summary>Multiplies every check's time limit.</summary>
    public double TimeLimitScale { get; init; } = 1;

    /// <summary>The inputs folder (null: beside the checks assembly).</summary>
    public string? InputsDirectory { get; init; }

    /// <summary>Limits on zipped submissions.</summary>
    public ZipLimits Zip { get; init; } = new();

    /// <summary>Write feedback.html/.md per submission.</summary>
    public bool Feedback { get; init; } = true;
}
