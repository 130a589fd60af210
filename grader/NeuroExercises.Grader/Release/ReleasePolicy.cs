using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// What a student release carries of a week's checks, decided in one place (the release, its leak scan and
/// <c>check</c> all ask here): a check ships when students can run it themselves — visible, and judged on its outputs
/// as returned. A hidden check ships nowhere; a check with a trusted <see cref="CheckAttribute.Derive"/> step does not
/// ship either, because its derive method may hold reference logic (week 1's TrainerChecks.TrainShort trains its own
/// reference run): it is graded after submission, with its points.
/// </summary>
internal static class ReleasePolicy
{
    /// <summary>The release manifest's file name, at the release root.</summary>
    public const string ManifestFileName = "release.json";

    /// <summary>True when <paramref name="check"/> ships in a release and <c>check</c> runs it.</summary>
    public static bool IsSelfCheckable(CheckSpec check) => check.Visibility == Visibility.Visible && check.DeriveMethodName is null;

    /// <summary>True when the check's very name is kept from students (not visible).</summary>
    public static bool IsHidden(CheckSpec check) => check.Visibility != Visibility.Visible;

    /// <summary>Folders never copied from any source tree (build outputs, editor and VCS state).</summary>
    public static bool IsBuildOrToolFolder(string name) => name is "bin" or "obj" or "TestResults" || name.StartsWith('.');

    /// <summary>Files never copied (what a grade leaves behind).</summary>
    public static bool IsLeftover(string fileName) =>
        fileName.Contains(".received.", StringComparison.Ordinal) || fileName is "results.json";
}
