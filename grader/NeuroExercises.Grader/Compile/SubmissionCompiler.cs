using System.Diagnostics;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace NeuroExercises.Grader.Compile;

/// <summary>
/// Compiles the *.cs files of a submission folder in-process with Roslyn and the grader's own settings.
/// A student's csproj, props and targets are never read or run: only sources count.
/// </summary>
internal static class SubmissionCompiler
{
    /// <summary>The SDK's implicit usings for Microsoft.NET.Sdk, added as a global-usings tree.</summary>
    internal const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    /// <summary>Source files of a submission: *.cs under the folder, skipping bin/ and obj/ (and hidden folders), sorted.</summary>
    public static IReadOnlyList<string> SourceFiles(string folder)
    {
        var root = Path.GetFullPath(folder);
        return [.. Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(rel => !rel.Split('/')[..^1].Any(d => d is "bin" or "obj" || d.StartsWith('.')))
            .OrderBy(rel => rel, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The references every submission compiles against: the framework assemblies of the running process
    /// (TRUSTED_PLATFORM_ASSEMBLIES under the shared framework folder; System.*, Microsoft.*, netstandard, mscorlib)
    /// plus NeuroExercises.Core.dll and TorchSharp.dll from <paramref name="graderDirectory"/>.
    /// </summary>
    public static IReadOnlyList<string> DefaultReferences(string graderDirectory)
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var framework = tpa.Where(p =>
        {
            var name = Path.GetFileNameWithoutExtension(p);
            return string.Equals(Path.GetDirectoryName(p), runtimeDir, StringComparison.Ordinal)
                && (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                    || name is "System" or "netstandard" or "mscorlib");
        });
        return [.. framework.OrderBy(p => p, StringComparer.Ordinal),
            Path.Combine(graderDirectory, "NeuroExercises.Core.dll"),
            Path.Combine(graderDirectory, "TorchSharp.dll")];
    }

    /// <summary>
    /// Compiles <paramref name="folder"/> in this process (trusted code only: the grader's own tests and self-made weeks;
    /// a submission goes through <see cref="CompileChild.CompileIsolatedAsync"/>). The folder is read like a submission
    /// (<see cref="SubmissionSources"/>).
    /// </summary>
    /// <param name="folder">The source folder.</param>
    /// <param name="assemblyName">The assembly name.</param>
    /// <param name="outputDirectory">Where the DLL goes.</param>
    /// <param name="references">Metadata references (see <see cref="DefaultReferences"/>).</param>
    /// <param name="timeLimit">Compile time limit (cancellation; cannot stop a compiler stuck between checks: use the child for untrusted code).</param>
    public static CompileResult Compile(string folder, string assemblyName, string outputDirectory, IReadOnlyList<string> references, TimeSpan timeLimit)
    {
        var sw = Stopwatch.StartNew();
        var scan = SubmissionSources.Read(folder);
        if (Refused(scan, folder, sw) is { } refused)
        {
            return refused;
        }

        using var cts = new CancellationTokenSource(timeLimit);
        var files = scan.Files.Select(f => f.Path).ToList();
        try
        {
            var (dll, errors) = CompileSources(scan.Files, assemblyName, outputDirectory, references, cts.Token);
            return new CompileResult(dll, errors, files, sw.Elapsed) { Ignored = scan.Ignored };
        }
        catch (OperationCanceledException)
        {
            return Failed("compile-timeout", $"compilation took longer than {timeLimit.TotalSeconds:0} s and was stopped; simplify deeply nested code.", files, sw);
        }
    }

    /// <summary>The failed result for a refused or empty submission, else null.</summary>
    internal static CompileResult? Refused(SourceScan scan, string folder, Stopwatch sw)
    {
        var files = scan.Files.Select(f => f.Path).ToList();
        if (scan.Refusals.Count > 0)
        {
            return new CompileResult(null, scan.Refusals, files, sw.Elapsed) { Ignored = scan.Ignored };
        }

        return scan.Files.Count == 0
            ? Failed("submission", $"the submission folder '{folder}' holds no .cs files; pass the folder of your week's project.", files, sw)
            : null;
    }

    /// <summary>Compiles already-read sources; returns the DLL path (null on errors) and the errors, sorted by file, line, column.</summary>
    internal static (string? Dll, IReadOnlyList<CompileDiagnostic> Errors) CompileSources(
        IReadOnlyList<SourceFile> sources, string assemblyName, string outputDirectory, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>
        {
            CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "<implicit-usings>", encoding: Encoding.UTF8, cancellationToken: cancellationToken),
        };
        foreach (var source in sources)
        {
            trees.Add(CSharpSyntaxTree.ParseText(source.Text, parse, path: source.Path, encoding: Encoding.UTF8, cancellationToken: cancellationToken));
        }

        var compilation = Base(assemblyName, references).AddSyntaxTrees(trees);
        using var stream = new MemoryStream();
        // An embedded PDB gives the student's stack frames their file and line; its paths are the sources' paths relative to
        // the submission folder (SourceFile.Path), so no path of the grading machine gets in (see Runner.StudentTrace).
        var emit = compilation.Emit(stream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded), cancellationToken: cancellationToken);
        var errors = emit.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(ToDiagnostic)
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
            .ToList();
        if (!emit.Success)
        {
            return (null, errors);
        }

        Directory.CreateDirectory(outputDirectory);
        var dll = Path.Combine(outputDirectory, assemblyName + ".dll");
        File.WriteAllBytes(dll, stream.ToArray());
        return (dll, []);
    }

    /// <summary>
    /// The empty compilation of <paramref name="assemblyName"/> against <paramref name="references"/>, made once per process
    /// and set of reference files (path, size, time). Adding the trees to it keeps its bound references (Roslyn reuses the
    /// reference manager when no tree adds a <c>#r</c>), so a process that compiles many sources against the same references
    /// — the mutants of a week, a batch — reads and binds the ~170 framework assemblies once instead of on every compile.
    /// </summary>
    private static CSharpCompilation Base(string assemblyName, IReadOnlyList<string> references)
    {
        var key = assemblyName + "\n" + string.Join("\n", references.Select(r =>
        {
            var info = new FileInfo(r);
            return FormattableString.Invariant($"{r}|{(info.Exists ? info.Length : -1)}|{(info.Exists ? info.LastWriteTimeUtc.Ticks : 0)}");
        }));
        return BaseCompilations.GetOrAdd(key, _ =>
        {
            var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
                .WithNullableContextOptions(NullableContextOptions.Enable)
                .WithOptimizationLevel(OptimizationLevel.Release)
                .WithAllowUnsafe(false)
                .WithDeterministic(true)
                .WithConcurrentBuild(false);
            return CSharpCompilation.Create(assemblyName, [], references.Select(r => MetadataReference.CreateFromFile(r)), options);
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CSharpCompilation> BaseCompilations = new(StringComparer.Ordinal);

    internal static CompileResult Failed(string id, string message, IReadOnlyList<string> files, Stopwatch sw) =>
        new(null, [new CompileDiagnostic(id, "", 0, 0, message)], files, sw.Elapsed);

    private static CompileDiagnostic ToDiagnostic(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var file = d.Location.IsInSource ? span.Path : "";
        return new CompileDiagnostic(d.Id, file, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
