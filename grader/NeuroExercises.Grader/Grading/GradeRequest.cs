using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Runner;

namespace NeuroExercises.Grader.Grading;

/// <summary>What to grade and how.</summary>
/// <param name="SubmissionFolder">The folder with the student's .cs files.</param>
/// <param name="Week">The week.</param>
/// <param name="Device">cpu, cuda or auto.</param>
/// <param name="Sandbox">The isolation asked for.</param>
/// <param name="SnapshotsRoot">The Snapshots folder (source tree).</param>
/// <param name="ReceivedDirectory">Where received arrays go on a miss (null: nowhere).</param>
internal sealed record GradeRequest(string SubmissionFolder, WeekInfo Week, string Device, SandboxMode Sandbox, string SnapshotsRoot, string? ReceivedDirectory)
{
    /// <summary>The checks assembly (default: the grader's own NeuroExercises.Grader.Checks.dll).</summary>
    public string ChecksPath { get; init; } = Week.ChecksPath;

    /// <summary>The folder of NeuroExercises.Grader.dll and its dependencies.</summary>
    public string GraderDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>The inputs folder (default: checks-inputs/&lt;InputsFolder&gt; in <see cref="GraderDirectory"/>).</summary>
    public string? InputsDirectory { get; init; }

    /// <summary>Multiplies every check's time limit.</summary>
    public double TimeLimitScale { get; init; } = 1;

    /// <summary>Compile time limit.</summary>
    public TimeSpan CompileTimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra assembly references for the submission (tests use this for self-made weeks).</summary>
    public IReadOnlyList<string> ExtraReferences { get; init; } = [];

    /// <summary>Reuse a DLL compiled earlier from the same sources (see <see cref="Compile.CompileCache"/>).</summary>
    public bool UseCompileCache { get; init; } = true;

    /// <summary>
    /// The sources are the staff's own (the solutions and their mutants): compile them in this process with a warm Roslyn
    /// instead of a fresh sandboxed compile child (≈ 0.5 s instead of ≈ 3.5 s each). Never set for a student's submission:
    /// the checks still run in the sandboxed runner children either way.
    /// </summary>
    public bool TrustedSources { get; init; }

    /// <summary>Runner children working through the checks side by side (see <see cref="Runner.RunnerOptions.Parallelism"/>).</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>
    /// The first sandbox slot of this grade: its compile child runs as uid 61000 + SlotBase and its runner children as
    /// 61000 + SlotBase + 0 … Parallelism - 1. Grades running at the same time (grade-batch's workers) get disjoint ranges.
    /// </summary>
    public int SlotBase { get; init; }

    /// <summary>Wall-clock budget of the whole run of checks; null: every check's limit plus two child starts.</summary>
    public TimeSpan? WallBudget { get; init; }

    /// <summary>
    /// A batch worker's long-lived compile child (<see cref="Compile.CompileServer"/>): compiles go to it instead of a fresh
    /// child per submission; null (one grade) starts a child per compile.
    /// </summary>
    public Compile.CompileServerHolder? CompileServers { get; init; }

    /// <summary>
    /// Runner children kept between grades (<see cref="RunnerPool"/>: the <c>mutants</c> command and its test); only with
    /// <see cref="TrustedSources"/>, a student's submission always gets fresh children. Null: every grade starts its own.
    /// </summary>
    public RunnerPool? Runners { get; init; }

    /// <summary>Which of the week's checks to run, judge and score (null: all; <c>check</c> passes the self-checkable ones).</summary>
    public Func<Discovery.CheckSpec, bool>? CheckFilter { get; init; }
}
