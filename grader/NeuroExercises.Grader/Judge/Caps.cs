using System.Globalization;
using NeuroExercises.Core.Npy;

namespace NeuroExercises.Grader.Judge;

/// <summary>
/// Bounds on everything the grader writes for a submission, whatever it returns or throws: each check's message, the
/// arrays kept as <c>.received.npz</c> (per check and per submission; the rest is summarised), and the results file.
/// What is cut is always said.
/// </summary>
internal static class Caps
{
    /// <summary>Characters of one check's message.</summary>
    public const int MessageChars = 4096;

    /// <summary>Characters of the grade's top-level message (compile errors).</summary>
    public const int GradeMessageChars = 16384;

    /// <summary>Bytes of received arrays kept for one check.</summary>
    public const long ReceivedPerCheckBytes = 16L << 20;

    /// <summary>Bytes of received arrays kept for one submission.</summary>
    public const long ReceivedPerSubmissionBytes = 64L << 20;

    /// <summary>Bytes of a results file.</summary>
    public const int ResultsBytes = 1 << 20;

    /// <summary><paramref name="text"/>, cut to <paramref name="chars"/> characters with a note of how much was cut.</summary>
    public static string Text(string text, int chars) =>
        text.Length <= chars ? text : string.Concat(text.AsSpan(0, chars), $"… [{text.Length - chars} more characters cut]");

    /// <summary>
    /// The outputs to save, within the per-check cap and what is left of the per-submission cap
    /// (<paramref name="usedBytes"/>, updated), and a summary (name, dtype, shape) of those not saved.
    /// </summary>
    public static (List<KeyValuePair<string, NpyArray>> Kept, string Cut) Received(IReadOnlyDictionary<string, NpyArray> outputs, ref long usedBytes)
    {
        var kept = new List<KeyValuePair<string, NpyArray>>();
        var cut = new List<string>();
        long check = 0;
        foreach (var (name, array) in outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var bytes = array.Shape.Aggregate(1L, (a, b) => a * b) * Math.Max(1, Npy.DescrOf(array.DType)[^1] - '0');
            if (check + bytes > ReceivedPerCheckBytes || usedBytes + bytes > ReceivedPerSubmissionBytes)
            {
                cut.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' {array.DType} [{string.Join(", ", array.Shape)}]"));
                continue;
            }

            check += bytes;
            usedBytes += bytes;
            kept.Add(KeyValuePair.Create(name, array));
        }

        return (kept, string.Join(", ", cut));
    }
}
