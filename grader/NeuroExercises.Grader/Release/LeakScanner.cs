using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NeuroExercises.Grader.Release;

/// <summary>
/// The leak scan: every file of a release folder against <see cref="LeakRules"/> and its release.json. It runs as the
/// release's last step (a finding fails the release) and in the tests; build outputs (bin/, obj/) are not scanned.
/// </summary>
internal static class LeakScanner
{
    /// <summary>A // BEGIN SOLUTION region shorter than this (normalised characters) is compared whole only, not searched for inside other bodies.</summary>
    public const int MinRegionChars = 24;

    private static readonly string[] TextExtensions = [".cs", ".md", ".json", ".csproj", ".props", ".targets", ".sln", ".slnx", ".sh", ".txt", ".py", ".xml", ".yml", ".yaml", ".cc", ".c", ".config", ".gitignore"];

    /// <summary>Every leak in the release at <paramref name="root"/>, by file then kind.</summary>
    public static IReadOnlyList<Leak> Scan(string root, LeakRules rules)
    {
        var leaks = new List<Leak>();
        ReleaseManifest? manifest = null;
        try
        {
            manifest = ReleaseManifest.TryRead(root);
        }
        catch (InvalidDataException e)
        {
            leaks.Add(new Leak(ReleasePolicy.ManifestFileName, LeakKind.ManifestMismatch, e.Message));
        }

        if (manifest is null && leaks.Count == 0)
        {
            leaks.Add(new Leak(ReleasePolicy.ManifestFileName, LeakKind.ManifestMismatch, "the release has no release.json; build releases with the grader's 'release' command."));
        }

        var listed = (manifest?.Files ?? []).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var files = ReleaseContext.Files(root).Where(f => f != ReleasePolicy.ManifestFileName).ToList();
        var solutionBodies = rules.SolutionBodies.ToLookup(b => b.Normalised, StringComparer.Ordinal);
        var withheldBodies = rules.WithheldBodies.ToLookup(b => b.Normalised, StringComparer.Ordinal);
        var regions = rules.SolutionBodies.Where(b => b.Region is { Length: >= MinRegionChars }).ToList();
        foreach (var rel in files)
        {
            var path = Path.Combine(root, rel);
            var name = Path.GetFileName(rel);
            var hash = ReleaseManifest.Sha256(path);
            if (manifest is not null && !listed.ContainsKey(rel))
            {
                leaks.Add(new Leak(rel, LeakKind.NotOnManifest, "this file is not on release.json; remove it, or rebuild the release with the grader's 'release' command."));
            }
            else if (manifest is not null && listed[rel].Sha256 != hash)
            {
                leaks.Add(new Leak(rel, LeakKind.ChangedSinceManifest, "its bytes differ from release.json's SHA-256; rebuild the release instead of editing it."));
            }

            if ((ExcludedReason(rel) ?? rules.StaffFileHashes.GetValueOrDefault(hash)) is { } why)
            {
                leaks.Add(new Leak(rel, LeakKind.ExcludedFile, why));
            }

            if (rules.WithheldSnapshotNames.Contains(name) || rules.WithheldSnapshotHashes.ContainsKey(hash))
            {
                var which = rules.WithheldSnapshotHashes.TryGetValue(hash, out var id) ? $"{id} (same bytes as the staff snapshot)" : $"{name[..^Judge.SnapshotStore.ExpectedSuffix.Length]} (by its name)";
                leaks.Add(new Leak(rel, LeakKind.HiddenSnapshot, $"this is the snapshot of {which}, which is graded after submission; remove it."));
            }

            if (!IsText(rel, path))
            {
                continue;
            }

            var text = File.ReadAllText(path);
            foreach (var (hidden, index) in rules.HiddenNames.Select(h => (h, NameAt(text, h))).Where(t => t.Item2 >= 0).OrderBy(t => t.h, StringComparer.Ordinal))
            {
                leaks.Add(new Leak(rel, LeakKind.HiddenCheckName, $"names the hidden check {hidden} (line {LineOf(text, index)}); remove the name."));
            }

            if (!rel.EndsWith(".cs", StringComparison.Ordinal))
            {
                continue;
            }

            if (rel.StartsWith("grader/weeks/", StringComparison.Ordinal))
            {
                leaks.AddRange(HiddenCheckIdentifiers(text, rules.HiddenMethodNames)
                    .Select(t => new Leak(rel, LeakKind.HiddenCheckName, $"uses '{t.Name}', the name of a hidden check, at line {t.Line}; strip the check and every use of it.")));
            }

            foreach (var body in MethodBodies.Of(text))
            {
                foreach (var source in solutionBodies[body.Normalised])
                {
                    leaks.Add(new Leak(rel, LeakKind.SolutionBody, $"{body.Name} (line {body.Line}) has the body of the solution {source.Source}; put the stub back (throw NotImplementedException)."));
                }

                foreach (var source in regions.Where(r => body.Normalised.Contains(r.Region!, StringComparison.Ordinal) && !solutionBodies[body.Normalised].Contains(r)))
                {
                    leaks.Add(new Leak(rel, LeakKind.SolutionBody, $"{body.Name} (line {body.Line}) holds the // BEGIN SOLUTION region of {source.Source}; put the stub back."));
                }

                foreach (var source in withheldBodies[body.Normalised])
                {
                    leaks.Add(new Leak(rel, LeakKind.HiddenCheckBody, $"{body.Name} (line {body.Line}) has the body of {source.Source}, which is graded after submission; strip it."));
                }
            }
        }

        var present = files.ToHashSet(StringComparer.Ordinal);
        leaks.AddRange(listed.Keys.Where(p => !present.Contains(p)).Order(StringComparer.Ordinal)
            .Select(p => new Leak(p, LeakKind.ManifestMismatch, "release.json lists this file but the release lacks it; rebuild the release.")));
        return [.. leaks.OrderBy(l => l.Path, StringComparer.Ordinal).ThenBy(l => l.Kind)];
    }

    /// <summary>Why a file must never be in a release, or null.</summary>
    public static string? ExcludedReason(string rel)
    {
        var parts = rel.Split('/');
        var name = parts[^1];
        return parts[0] switch
        {
            "solutions" => "solutions never ship; remove the folder.",
            "tests" => "the staff tests never ship; remove the folder.",
            _ when rel.StartsWith("grader/samples/", StringComparison.Ordinal) => "the sample submissions never ship; remove the folder.",
            _ when name is "mutants.json" or "sample.json" => $"{name} describes the staff's mutants and sample submission; remove it.",
            _ when name.EndsWith(".received.npz", StringComparison.Ordinal) => "a grade's received arrays never ship; remove it.",
            _ => null,
        };
    }

    private static bool IsText(string rel, string path)
    {
        if (TextExtensions.Any(e => rel.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var head = new byte[Math.Min(8192, new FileInfo(path).Length)];
        using (var stream = File.OpenRead(path))
        {
            stream.ReadExactly(head);
        }

        return !head.Contains((byte)0) && !rel.EndsWith(".npz", StringComparison.Ordinal);
    }

    /// <summary>
    /// The identifiers of a checks source that refer to a hidden check (<see cref="HiddenCheckReference"/>), each name
    /// once with the line of its first use.
    /// </summary>
    /// <param name="text">C# source.</param>
    /// <param name="hiddenChecks">Class.Method of every hidden check (the class by its simple or full name).</param>
    internal static IEnumerable<(string Name, int Line)> HiddenCheckIdentifiers(string text, IEnumerable<string> hiddenChecks)
    {
        var classesByMethod = hiddenChecks.ToLookup(n => n[(n.LastIndexOf('.') + 1)..], n => n[..n.LastIndexOf('.')], StringComparer.Ordinal);
        return CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens(descendIntoTrivia: true)
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken) && classesByMethod.Contains(t.ValueText) && HiddenCheckReference.Names(t, classesByMethod[t.ValueText]))
            .Select(t => (t.ValueText, t.GetLocation().GetLineSpan().StartLinePosition.Line + 1))
            .DistinctBy(t => t.ValueText);
    }

    /// <summary>
    /// Where <paramref name="name"/> (Class.Method) first occurs in <paramref name="text"/> as a whole name (not inside a
    /// longer identifier: <c>CurveChecks.ZeroClosedForm</c> does not name <c>CurveChecks.Zero</c>), or −1.
    /// </summary>
    internal static int NameAt(string text, string name)
    {
        for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + 1, StringComparison.Ordinal))
        {
            var end = i + name.Length;
            if ((i == 0 || !IsIdentifierChar(text[i - 1])) && (end == text.Length || !IsIdentifierChar(text[end])))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
