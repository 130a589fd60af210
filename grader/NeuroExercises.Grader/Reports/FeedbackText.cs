using System.Globalization;
using System.Text;

namespace NeuroExercises.Grader.Reports;

/// <summary>Text helpers shared by the feedback renderers: numbers, indices, capping and ids.</summary>
internal static class FeedbackText
{
    /// <summary>At most this many characters of a message are shown (exceptions, output tails, compile errors).</summary>
    public const int MessageCap = 4096;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A point count: "3", "1.5".</summary>
    public static string Points(double v) => v.ToString("0.##", Inv);

    /// <summary>"earned / available".</summary>
    public static string Points(double score, double max) => $"{Points(score)} / {Points(max)}";

    /// <summary>A value as the student would print it: up to 7 significant digits, NaN and ±∞ spelled out.</summary>
    public static string Value(double v) =>
        double.IsNaN(v) ? "NaN" : double.IsPositiveInfinity(v) ? "+∞" : double.IsNegativeInfinity(v) ? "−∞" : v.ToString("G7", Inv).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>An error or tolerance: 3 significant digits.</summary>
    public static string Small(double v) => double.IsPositiveInfinity(v) ? "∞ (NaN or ∞ where a finite value was expected, or the reverse)" : v.ToString("G3", Inv).Replace("E", "e", StringComparison.Ordinal);

    /// <summary>A multi-index as "[0, 12, 1]" ("[]" for a 0-d array).</summary>
    public static string Index(long[] index) => "[" + string.Join(", ", index.Select(i => i.ToString(Inv))) + "]";

    /// <summary>A count: "12".</summary>
    public static string Count(long n) => n.ToString(Inv);

    /// <summary>
    /// At most <see cref="MessageCap"/> characters of <paramref name="text"/>, control characters other than newline and
    /// tab replaced (a child's raw output may hold any bytes), and a note of what was cut.
    /// </summary>
    public static string Cap(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MessageCap) + 80);
        foreach (var ch in text.Length > MessageCap ? text.AsSpan(0, MessageCap) : text.AsSpan())
        {
            sb.Append(char.IsControl(ch) && ch != '\n' && ch != '\t' ? '\uFFFD' : ch);
        }

        if (text.Length > MessageCap)
        {
            sb.Append(Inv, $"\n… ({text.Length - MessageCap} more characters cut; print less, or look at results.json)");
        }

        return sb.ToString();
    }

    /// <summary>The Class.Method of a check id with anything but letters, digits, '.', '-' and '_' replaced by '-'.</summary>
    public static string Anchor(string checkId)
    {
        var slash = checkId.LastIndexOf('/');
        var shortName = slash < 0 ? checkId : checkId[(slash + 1)..];
        return new string([.. shortName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-')]);
    }

    /// <summary>The result word of a judge outcome, for a visible check.</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        "passed" => "passed",
        "mismatch" => "wrong values",
        "threw" => "threw an exception",
        "timeout" => "timed out",
        "no-result" => "ended without a result",
        "output-capped" => "printed too much",
        "not-run" => "not run",
        "no-snapshot" => "not graded (no reference; tell the course staff)",
        "derive-failed" => "outputs unusable",
        _ => outcome,
    };
}
