using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Batch;

/// <summary>
/// Gradescope's autograder.zip for one week: <c>setup.sh</c> and <c>run_autograder</c> at the root (from
/// grader/gradescope-template, the week id filled in), <c>autograder.json</c> (week, grader version, manifest hash) and
/// <c>kit/</c>: the sources the grader is built from on Gradescope — Core, the grader, the checks contract, this week's
/// checks (with every snapshot and input: the zip is staff-only), this week's exercise project (its API, stubs only), the
/// build files, tools/native and the kit's setup.sh. Never solutions, other weeks, tests or build outputs.
/// </summary>
internal static class GradescopePackage
{
    private static readonly string[] RootFiles = ["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "setup.sh", "NuGet.config"];

    /// <summary>The folders (relative to the repository root) copied into kit/ for <paramref name="week"/>.</summary>
    public static IReadOnlyList<string> Folders(WeekInfo week) =>
        ["tools/native", "src/NeuroExercises.Core", "grader/NeuroExercises.Grader", "grader/NeuroExercises.Grader.Checks", week.GraderFolder, week.ExerciseFolder];

    /// <summary>Writes the zip (temp + rename); returns the number of kit files.</summary>
    public static int Build(string repoRoot, WeekInfo week, string manifest, string graderVersion, string outZip)
    {
        var template = Path.Combine(repoRoot, "grader", "gradescope-template");
        var target = Path.GetFullPath(outZip);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var tmp = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}{AtomicFile.TempSuffix}";
        var count = 0;
        try
        {
            using (var zip = ZipFile.Open(tmp, ZipArchiveMode.Create))
            {
                foreach (var script in new[] { "setup.sh", "run_autograder" })
                {
                    var text = File.ReadAllText(Path.Combine(template, script)).Replace("__WEEK__", week.Id, StringComparison.Ordinal);
                    Add(zip, script, Encoding.UTF8.GetBytes(text), executable: true);
                }

                var info = JsonSerializer.Serialize(new { week = week.Id, grader_version = graderVersion, manifest_sha256 = manifest }, new JsonSerializerOptions { WriteIndented = true });
                Add(zip, "autograder.json", Encoding.UTF8.GetBytes(info), executable: false);
                foreach (var file in RootFiles.Where(f => File.Exists(Path.Combine(repoRoot, f))))
                {
                    Add(zip, "kit/" + file, File.ReadAllBytes(Path.Combine(repoRoot, file)), executable: file.EndsWith(".sh", StringComparison.Ordinal));
                    count++;
                }

                foreach (var folder in Folders(week))
                {
                    var dir = Path.Combine(repoRoot, folder);
                    if (!Directory.Exists(dir))
                    {
                        throw new BatchInputException($"gradescope-package: '{folder}' is missing under '{repoRoot}'; run the command from a complete NeuroExercises checkout.");
                    }

                    foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    {
                        var rel = Path.GetRelativePath(repoRoot, file).Replace('\\', '/');
                        var segments = rel.Split('/');
                        if (segments.Any(s => s is "bin" or "obj") || rel.Contains(".received.", StringComparison.Ordinal) || new FileInfo(file).LinkTarget is not null)
                        {
                            continue;
                        }

                        Add(zip, "kit/" + rel, File.ReadAllBytes(file), executable: rel.EndsWith(".sh", StringComparison.Ordinal));
                        count++;
                    }
                }
            }

            File.Move(tmp, target, overwrite: true);
            return count;
        }
        finally
        {
            if (File.Exists(tmp))
            {
                File.Delete(tmp);
            }
        }
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes, bool executable)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.ExternalAttributes = (executable ? 0x81ED : 0x81A4) << 16; // regular file, 0755 or 0644
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero); // same files → same zip bytes
        using var s = entry.Open();
        s.Write(bytes);
    }
}
