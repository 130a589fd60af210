using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace NeuroExercises.Grader.Release.Steps;

/// <summary>
/// Writes the release's own files: from grader/release-template the student README (with the weeks' table filled in),
/// setup.sh, Directory.Build.props/targets and .gitignore; Directory.Packages.props is the repository's without its
/// test packages (so the release pins the very versions the staff build used); and NeuroExercises.sln over every
/// project the release holds (the grader finds the release root, and its snapshots, by that file).
/// </summary>
internal sealed class WriteReleaseFilesStep : IReleaseStep
{
    /// <summary>The template folder, relative to the repository root.</summary>
    public const string TemplateFolder = "grader/release-template";

    /// <inheritdoc />
    public string Name => "write the release's README, setup script, build props and solution";

    /// <inheritdoc />
    public void Run(ReleaseContext context)
    {
        var template = context.Repo(TemplateFolder);
        if (!Directory.Exists(template))
        {
            throw new ReleaseException($"release: the template folder {TemplateFolder} is missing; restore it (git checkout {TemplateFolder}).", Cli.ExitCodes.GradeFailed);
        }

        foreach (var rel in ReleaseContext.Files(template))
        {
            var to = rel == "gitignore" ? ".gitignore" : rel;
            var text = File.ReadAllText(Path.Combine(template, rel));
            context.WriteText(to, rel == "README.md" ? FillReadme(text, context.Weeks) : text);
        }

        MarkExecutable(context.Out("setup.sh"));
        context.WriteText("Directory.Packages.props", WithoutTestPackages(File.ReadAllText(context.Repo("Directory.Packages.props"))));
        context.WriteText("NeuroExercises.sln", Solution(context.Staging));
    }

    /// <summary>The README with <c>{{WEEKS}}</c>, <c>{{WEEK_ID}}</c>, <c>{{EXERCISE_FOLDER}}</c> and <c>{{EXERCISE_PROJECT}}</c> filled in (the first week for the examples).</summary>
    internal static string FillReadme(string text, IReadOnlyList<ReleaseWeek> weeks)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = new StringBuilder();
        rows.AppendLine("| week | id | topic | your folder | `check` runs | graded after you submit |");
        rows.AppendLine("|---|---|---|---|---|---|");
        foreach (var week in weeks)
        {
            var hidden = week.Checks.Where(ReleasePolicy.IsHidden).ToList();
            var after = week.Withheld.Where(c => !ReleasePolicy.IsHidden(c)).ToList();
            var later = new List<string>();
            if (hidden.Count > 0)
            {
                later.Add(string.Create(inv, $"{hidden.Count} hidden checks, {hidden.Sum(c => c.Points):0.##} points"));
            }

            later.AddRange(after.Select(c => string.Create(inv, $"`{c.ShortName}` ({c.Points:0.##} points)")));
            rows.AppendLine(string.Create(inv,
                $"| {week.Week.Number} | `{week.Week.Id}` | {week.Week.Title} | `{week.Week.ExerciseFolder}` | {week.Shipped.Count} checks, {week.Shipped.Sum(c => c.Points):0.##} points | {(later.Count == 0 ? "—" : string.Join("; ", later))} |"));
        }

        var first = weeks[0].Week;
        return text.Replace("{{WEEKS}}", rows.ToString().TrimEnd(), StringComparison.Ordinal)
            .Replace("{{WEEK_ID}}", first.Id, StringComparison.Ordinal)
            .Replace("{{EXERCISE_FOLDER}}", first.ExerciseFolder, StringComparison.Ordinal)
            .Replace("{{EXERCISE_PROJECT}}", Path.GetFileName(first.ExerciseFolder), StringComparison.Ordinal);
    }

    /// <summary>Directory.Packages.props without the item group labelled Tests.</summary>
    internal static string WithoutTestPackages(string props)
    {
        var doc = XDocument.Parse(props, LoadOptions.PreserveWhitespace);
        doc.Root!.Elements("ItemGroup").Where(g => (string?)g.Attribute("Label") == "Tests").ToList().ForEach(g => g.Remove());
        return doc.ToString(SaveOptions.DisableFormatting) + "\n";
    }

    /// <summary>A Visual Studio solution (format 12) over every .csproj under <paramref name="root"/>, with GUIDs from their paths.</summary>
    internal static string Solution(string root)
    {
        const string CSharpSdk = "{9A19103F-16F7-4668-BE54-9A1E7A4F7556}";
        var projects = ReleaseContext.Files(root).Where(rel => rel.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(rel => (Rel: rel, Name: Path.GetFileNameWithoutExtension(rel), Guid: GuidOf(rel)))
            .ToList();
        var sb = new StringBuilder();
        sb.Append("\nMicrosoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\nVisualStudioVersion = 17.0.31903.59\nMinimumVisualStudioVersion = 10.0.40219.1\n");
        foreach (var p in projects)
        {
            sb.Append(CultureInfo.InvariantCulture, $"Project(\"{CSharpSdk}\") = \"{p.Name}\", \"{p.Rel.Replace('/', '\\')}\", \"{p.Guid}\"\nEndProject\n");
        }

        sb.Append("Global\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\n\t\tDebug|Any CPU = Debug|Any CPU\n\t\tRelease|Any CPU = Release|Any CPU\n\tEndGlobalSection\n");
        sb.Append("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\n");
        foreach (var p in projects)
        {
            foreach (var config in new[] { "Debug", "Release" })
            {
                sb.Append(CultureInfo.InvariantCulture, $"\t\t{p.Guid}.{config}|Any CPU.ActiveCfg = {config}|Any CPU\n\t\t{p.Guid}.{config}|Any CPU.Build.0 = {config}|Any CPU\n");
            }
        }

        sb.Append("\tEndGlobalSection\n\tGlobalSection(SolutionProperties) = preSolution\n\t\tHideSolutionNode = FALSE\n\tEndGlobalSection\nEndGlobal\n");
        return sb.ToString();
    }

    private static string GuidOf(string rel) =>
        new Guid(MD5.HashData(Encoding.UTF8.GetBytes(rel))).ToString("B").ToUpperInvariant();

    private static void MarkExecutable(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }
}
