using System.Globalization;
using System.Text;

namespace NeuroExercises.Grader.Batch;

/// <summary>
/// <c>gradebook.csv</c> (RFC 4180, UTF-8): <c>id</c>, one column per check id (points earned), <c>total</c>,
/// <c>max</c>, <c>status</c>, <c>reason</c>, <c>grader_version</c>, <c>manifest_sha256</c>; one row per submission, by id.
/// Nothing time-dependent, so two runs over the same submissions give the same file.
/// </summary>
internal static class Gradebook
{
    /// <summary>The file name.</summary>
    public const string FileName = "gradebook.csv";

    /// <summary>The CSV text.</summary>
    public static string Render(IReadOnlyList<string> checkIds, IEnumerable<BatchRecord> records)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(string.Join(",", new[] { "id" }.Concat(checkIds).Concat(["total", "max", "status", "reason", "grader_version", "manifest_sha256"]).Select(Field))).Append("\r\n");
        foreach (var r in records.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var cells = new List<string> { r.Id };
            cells.AddRange(checkIds.Select(c => r.Checks.TryGetValue(c, out var p) ? p.ToString("R", inv) : "0"));
            cells.AddRange([r.Score.ToString("R", inv), r.MaxScore.ToString("R", inv), r.Status, FirstLine(r.Reason), r.Grader, r.Manifest]);
            sb.Append(string.Join(",", cells.Select(Field))).Append("\r\n");
        }

        return sb.ToString();
    }

    /// <summary>A CSV field, quoted when it holds a comma, quote, CR or LF; a leading =, +, -, @ is prefixed with ' (no spreadsheet formulas from student-chosen names).</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOfAny(['\r', '\n']);
        return i < 0 ? s : s[..i];
    }
}
