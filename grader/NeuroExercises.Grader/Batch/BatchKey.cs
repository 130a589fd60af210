using System.Security.Cryptography;
using System.Text;
using NeuroExercises.Grader.Compile;

namespace NeuroExercises.Grader.Batch;

/// <summary>What makes a result reusable: the submission's content, the grader's version and the manifest hash.</summary>
internal static class BatchKey
{
    /// <summary>SHA-256 of a zip's bytes, or of a folder's .cs files as the grader reads them (empty content hash when the folder cannot be read).</summary>
    public static string ContentHash(BatchSubmission submission)
    {
        if (submission.IsZip)
        {
            using var stream = File.OpenRead(submission.Path);
            return "zip:" + Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        var scan = SubmissionSources.Read(submission.Path);
        if (scan.Refusals.Count > 0)
        {
            // Refused folders are graded again each time (cheap: refused before compiling), keyed by what was refused.
            return "refused:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", scan.Refusals.Select(r => r.ToString())))));
        }

        return "cs:" + CompileCache.SourcesHash(scan.Files);
    }

    /// <summary>The record key.</summary>
    public static string Of(string contentHash, string grader, string manifest) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{contentHash}\n{grader}\n{manifest}")));
}
