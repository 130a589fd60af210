namespace NeuroExercises.Grader.Batch;

/// <summary>What a batch folder holds: its submissions (sorted by id), and the entries refused before grading.</summary>
/// <param name="Submissions">Subfolders and .zip files, by id (ordinal).</param>
/// <param name="Refused">Submissions refused as a whole (a symbolic link), id → reason.</param>
/// <param name="Ignored">Hidden entries (a leading '.') that were skipped.</param>
internal sealed record BatchFolder(IReadOnlyList<BatchSubmission> Submissions, IReadOnlyDictionary<string, string> Refused, IReadOnlyList<string> Ignored);

/// <summary>
/// Lists a batch folder: one submission per subfolder or per .zip; never follows a link (a symbolic link is refused as a
/// submission, with its reason in the gradebook). Hidden entries are skipped. Refuses the whole folder, before anything is
/// graded, when it is missing or empty, when two entries give one id (<c>a/</c> and <c>a.zip</c>), or when it holds a file
/// that is not a submission.
/// </summary>
internal static class SubmissionScanner
{
    /// <summary>Scans <paramref name="folder"/>.</summary>
    public static BatchFolder Scan(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new BatchInputException($"grade-batch: the submissions folder '{folder}' does not exist; pass the folder holding one subfolder or .zip per student.");
        }

        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        var submissions = new List<BatchSubmission>();
        var refused = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var strays = new List<string>();
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.Name.StartsWith('.'))
            {
                ignored.Add(entry.Name);
                continue;
            }

            var isZip = entry.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) && entry is FileInfo;
            var isLink = entry.LinkTarget is not null;
            string id;
            if (entry is DirectoryInfo)
            {
                id = entry.Name;
            }
            else if (isZip || (isLink && entry.Name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)))
            {
                id = entry.Name[..^4];
            }
            else if (isLink)
            {
                id = entry.Name;
            }
            else
            {
                strays.Add(entry.Name);
                continue;
            }

            if (id.Length == 0)
            {
                strays.Add(entry.Name);
                continue;
            }

            if (byId.TryGetValue(id, out var other))
            {
                throw new BatchInputException(
                    $"grade-batch: '{other}' and '{entry.Name}' in '{folder}' are both submission '{id}'; keep one of them (move the other out of the folder) and run again.");
            }

            byId[id] = entry.Name;
            if (isLink)
            {
                refused[id] = $"'{entry.Name}' is a symbolic link (to '{entry.LinkTarget}'): the grader never follows links; put the submission itself in the folder.";
                continue;
            }

            submissions.Add(new BatchSubmission(id, entry.FullName, isZip));
        }

        if (strays.Count > 0)
        {
            throw new BatchInputException(
                $"grade-batch: {string.Join(", ", strays.Select(s => $"'{s}'"))} in '{folder}' {(strays.Count == 1 ? "is not a submission" : "are not submissions")} (a submission is a subfolder or a .zip); move {(strays.Count == 1 ? "it" : "them")} out of the folder and run again.");
        }

        if (submissions.Count == 0 && refused.Count == 0)
        {
            throw new BatchInputException($"grade-batch: the submissions folder '{folder}' holds no submission; put one subfolder or .zip per student in it.");
        }

        return new BatchFolder(submissions, refused, ignored);
    }
}
