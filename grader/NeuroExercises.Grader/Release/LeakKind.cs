namespace NeuroExercises.Grader.Release;

/// <summary>Why a release file is refused.</summary>
internal enum LeakKind
{
    /// <summary>A .cs file holds the body of a solution method (normalised), or a // BEGIN SOLUTION region of one.</summary>
    SolutionBody,

    /// <summary>A file names a hidden check (Class.Method), or a checks source declares or uses one by name.</summary>
    HiddenCheckName,

    /// <summary>A .cs file holds the body of a withheld check or of its trusted derive step (reference logic).</summary>
    HiddenCheckBody,

    /// <summary>A snapshot of a withheld check (by name or by its bytes).</summary>
    HiddenSnapshot,

    /// <summary>A file a release never holds (solutions, tests, samples, mutants.json, sample.json, the staff README).</summary>
    ExcludedFile,

    /// <summary>A file that is not on release.json.</summary>
    NotOnManifest,

    /// <summary>A file on release.json whose bytes changed since.</summary>
    ChangedSinceManifest,

    /// <summary>release.json is missing or lists a file that is not there.</summary>
    ManifestMismatch,
}
