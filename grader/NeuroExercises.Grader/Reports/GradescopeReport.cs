using System.Text.Json;
using System.Text.Json.Nodes;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Judge;

namespace NeuroExercises.Grader.Reports;

/// <summary>
/// Gradescope's results.json: score, execution_time, output, stdout_visibility, tests[name, score, max_score, status,
/// output, visibility], plus "extra_data" with the manifest hash, device and sandbox (Gradescope keeps unknown fields).
/// </summary>
internal static class GradescopeReport
{
    /// <summary>The JSON text.</summary>
    public static string ToJson(GradeResult grade)
    {
        var tests = new JsonArray();
        foreach (var c in grade.Checks)
        {
            tests.Add(new JsonObject
            {
                ["name"] = c.Id,
                ["score"] = c.Score,
                ["max_score"] = c.MaxScore,
                ["status"] = c.Passed ? "passed" : "failed",
                ["output"] = string.IsNullOrEmpty(c.Description) ? c.Output : c.Output.Length == 0 ? c.Description : c.Description + "\n" + c.Output,
                ["visibility"] = Visibility(c.Visibility),
                ["extra_data"] = new JsonObject { ["outcome"] = c.Outcome, ["tolerance"] = c.Tolerance },
            });
        }

        var root = new JsonObject
        {
            ["score"] = grade.Score,
            ["max_score"] = grade.MaxScore,
            ["execution_time"] = Math.Round(grade.ExecutionSeconds, 3),
            ["output"] = grade.Message,
            ["stdout_visibility"] = "hidden",
            ["tests"] = tests,
            ["manifest"] = grade.ManifestHash,
            ["extra_data"] = new JsonObject
            {
                ["week"] = grade.Week,
                ["device"] = grade.Device,
                ["sandbox"] = grade.Sandbox,
                ["manifest_sha256"] = grade.ManifestHash,
                ["grader_version"] = grade.Provenance?.Grader,
                ["submission_sha256"] = grade.Provenance?.Submission,
                ["isolation"] = grade.Provenance?.Isolation,
                ["timings"] = grade.Timings is { } t ? JsonSerializer.SerializeToNode(t) : null,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Gradescope's visibility word.</summary>
    public static string Visibility(Visibility v) => v switch
    {
        Checks.Visibility.Hidden => "hidden",
        Checks.Visibility.AfterDueDate => "after_due_date",
        Checks.Visibility.AfterPublished => "after_published",
        _ => "visible",
    };
}
