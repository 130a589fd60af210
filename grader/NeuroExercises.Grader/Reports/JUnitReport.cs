using System.Globalization;
using System.Xml.Linq;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Reports;

/// <summary>JUnit XML: one testsuite per grade, one testcase per check (name = check id), failures with the judge's message.</summary>
internal static class JUnitReport
{
    /// <summary>The XML text.</summary>
    public static string ToXml(GradeResult grade)
    {
        var inv = CultureInfo.InvariantCulture;
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", grade.Week),
            new XAttribute("tests", grade.Checks.Count),
            new XAttribute("failures", grade.Checks.Count(c => !c.Passed)),
            new XAttribute("errors", 0),
            new XAttribute("skipped", 0),
            new XAttribute("time", grade.ExecutionSeconds.ToString("0.###", inv)),
            new XElement(
                "properties",
                new XElement("property", new XAttribute("name", "score"), new XAttribute("value", grade.Score.ToString("R", inv))),
                new XElement("property", new XAttribute("name", "max_score"), new XAttribute("value", grade.MaxScore.ToString("R", inv))),
                new XElement("property", new XAttribute("name", "manifest"), new XAttribute("value", grade.ManifestHash))),
            grade.Checks.Select(c => new XElement(
                "testcase",
                new XAttribute("classname", grade.Week),
                new XAttribute("name", c.Id),
                new XAttribute("time", c.Seconds.ToString("0.###", inv)),
                c.Passed ? null : new XElement("failure", new XAttribute("type", c.Outcome), new XAttribute("message", FirstLine(c.Output)), c.Output))));
        if (grade.Message.Length > 0)
        {
            suite.Add(new XElement("system-out", grade.Message));
        }

        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).ToString();
    }

    private static string FirstLine(string s)
    {
        var i = s.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? s : s[..i];
    }
}
