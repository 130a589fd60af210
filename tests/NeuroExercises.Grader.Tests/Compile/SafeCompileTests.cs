using System.Diagnostics;
using System.Text;
using FluentAssertions;
using NeuroExercises.Grader.Compile;

namespace NeuroExercises.Grader.Tests.SafeCompile;

/// <summary>
/// The submission is read, never followed, and compiled in a sandboxed child: symlinks, hard links, FIFOs and oversized
/// files are refused with a message naming the file and the fix; odd names compile; project files never run; a
/// compile-time bomb ends at the limit; non-UTF-8 source gets a located error.
/// </summary>
public sealed class SafeCompileTests : IDisposable
{
    internal const string Good = "namespace Probe;\n\npublic static class Calc\n{\n    public static int Double(int x) => 2 * x;\n}\n";

    private readonly string work = Directory.CreateTempSubdirectory("neuro-safecompile-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    internal static string Bomb(int depth)
    {
        // Each lambda is bound once per overload of M for every binding of its enclosing lambda: 3^depth bindings.
        var sb = new StringBuilder("namespace Probe;\n\npublic static class Bomb\n{\n");
        sb.Append("    static void M(System.Action<int> a) { }\n    static void M(System.Action<string> a) { }\n    static void M(System.Action<double> a) { }\n");
        sb.Append("    public static void Run() { ");
        for (var i = 0; i < depth; i++)
        {
            sb.Append("M(x").Append(i).Append(" => ");
        }

        sb.Append("{ }").Append(')', depth).Append("; }\n}\n");
        return sb.ToString();
    }

    private string Folder(string name, params (string Path, string Text)[] files)
    {
        var dir = Path.Combine(work, name);
        Directory.CreateDirectory(dir);
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, path))!);
            File.WriteAllText(Path.Combine(dir, path), text);
        }

        return dir;
    }

    private async Task<CompileResult> CompileAsync(string folder, TimeSpan? limit = null, int slot = 5) =>
        await CompileChild.CompileIsolatedAsync(
            folder, "Probe", Path.Combine(work, "out-" + Path.GetFileName(folder)), SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory),
            new CompileChildOptions { TimeLimit = limit ?? TimeSpan.FromSeconds(60), Slot = slot }, TestContext.Current.CancellationToken);

    private static void Run(string program, params string[] args)
    {
        using var p = Process.Start(program, args);
        p.WaitForExit();
        p.ExitCode.Should().Be(0, $"{program} {string.Join(' ', args)}");
    }

    [Fact]
    public async Task AGoodFolderCompilesInTheSandboxedChild()
    {
        var result = await CompileAsync(Folder("good", ("Calc.cs", Good)));
        result.Errors.Should().BeEmpty();
        result.Succeeded.Should().BeTrue();
        File.Exists(result.AssemblyPath).Should().BeTrue();
        result.Isolation.Should().StartWith("bwrap+cgroup-v").And.Contain("mem 1G").And.Contain("+seccomp+uid 61005");
    }

    [Fact]
    public async Task ASymlinkedFileOrFolderIsRefusedNamingTheFile()
    {
        var solutions = Folder("solutions", ("Calc.cs", Good));
        var file = Folder("link-file");
        File.CreateSymbolicLink(Path.Combine(file, "Calc.cs"), Path.Combine(solutions, "Calc.cs"));
        var folder = Folder("link-folder", ("Stub.cs", "namespace Probe;\n"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "stub"), solutions);

        foreach (var (dir, name) in new[] { (file, "Calc.cs"), (folder, "stub") })
        {
            var result = await CompileAsync(dir);
            result.Succeeded.Should().BeFalse();
            result.Errors.Should().ContainSingle().Which.Should().Match<CompileDiagnostic>(d => d.Id == "symlink" && d.File == name);
            result.Errors[0].ToString().Should().StartWith($"{name}: error symlink: is a symbolic link (to '{solutions}").And.Contain("never followed").And.Contain("cp --remove-destination");
        }
    }

    [Fact]
    public async Task AHardLinkedFileIsRefused()
    {
        var solutions = Folder("solutions-hl", ("Calc.cs", Good));
        var dir = Folder("hardlink");
        Run("/usr/bin/ln", Path.Combine(solutions, "Calc.cs"), Path.Combine(dir, "Calc.cs"));
        var result = await CompileAsync(dir);
        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.ToString().Should().Be(
            "Calc.cs: error hardlink: has 2 hard links (it shares its content with another file, maybe outside the submission); submit a copy of its own (cp 'Calc.cs' tmp && mv tmp 'Calc.cs').");
    }

    [Fact]
    public async Task AFifoNamedLikeSourceIsRefusedWithoutHanging()
    {
        var dir = Folder("fifo", ("Calc.cs", Good));
        Run("/usr/bin/mkfifo", Path.Combine(dir, "Pipe.cs"));
        var sw = Stopwatch.StartNew();
        var result = await CompileAsync(dir);
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        result.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("Pipe.cs: error special-file: is a FIFO (named pipe), not a regular file");
    }

    [Fact]
    public async Task A50MegabyteSourceIsRefusedFromItsSizeAlone()
    {
        var dir = Folder("huge", ("Calc.cs", Good));
        using (var f = File.Create(Path.Combine(dir, "Huge.cs")))
        {
            f.SetLength(50L << 20);
        }

        var sw = Stopwatch.StartNew();
        var scan = SubmissionSources.Read(dir);
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        scan.Files.Select(f => f.Path).Should().Equal("Calc.cs");
        scan.Refusals.Should().ContainSingle().Which.ToString().Should().Be(
            "Huge.cs: error too-large: is 52428800 bytes, over the limit of 1048576 bytes for one source file; submit only your source code (no generated or data files named .cs).");
        var result = await CompileAsync(dir);
        result.Succeeded.Should().BeFalse();
        result.Errors.Single().Id.Should().Be("too-large");
    }

    [Fact]
    public void TheTotalCapCountsAllFiles()
    {
        var dir = Folder("many", ("A.cs", new string('/', 600)), ("B.cs", new string('/', 600)));
        var scan = SubmissionSources.Read(dir, new SourceLimits { MaxTotalBytes = 1000 });
        scan.Refusals.Should().ContainSingle().Which.ToString().Should().StartWith("B.cs: error too-large: brings the .cs files to more than 1000 bytes in all");
    }

    [Fact]
    public async Task ACompileTimeBombEndsAtTheLimitWithTheReason()
    {
        var dir = Folder("bomb", ("Calc.cs", Good), ("Bomb.cs", Bomb(16)));
        var sw = Stopwatch.StartNew();
        var result = await CompileAsync(dir, TimeSpan.FromSeconds(6));
        sw.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Id.Should().Be("compile-timeout");
        result.Errors[0].Message.Should().Contain("limit of 6 s").And.Contain("nested lambdas");
    }

    /// <summary>
    /// A batch worker's compile server: distinct submissions compile in one warm child (the second compile costs a fraction
    /// of the first), a compile error is reported as by a one-shot child, a bomb is killed at the limit with the same
    /// reason, and the next submission gets a fresh child that compiles it.
    /// </summary>
    [Fact]
    public async Task TheCompileServerCompilesManySubmissionsInOneChildAndSurvivesABomb()
    {
        var references = SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory);
        using var servers = new CompileServerHolder();
        async Task<CompileResult> Serve(string folder, TimeSpan limit)
        {
            var options = new CompileChildOptions { TimeLimit = limit, Slot = 6 };
            return await CompileChild.CompileIsolatedAsync(
                folder, "Probe", Path.Combine(work, "served-" + Path.GetFileName(folder)), references, options, TestContext.Current.CancellationToken, servers.For(options, references));
        }

        var first = await Serve(Folder("s1", ("Calc.cs", Good)), TimeSpan.FromSeconds(60));
        var second = await Serve(Folder("s2", ("Calc.cs", Good.Replace("2 * x", "x + x", StringComparison.Ordinal))), TimeSpan.FromSeconds(60));
        first.Succeeded.Should().BeTrue(string.Join("\n", first.Errors));
        second.Succeeded.Should().BeTrue(string.Join("\n", second.Errors));
        File.Exists(second.AssemblyPath).Should().BeTrue();
        var server = servers.For(new CompileChildOptions { TimeLimit = TimeSpan.FromSeconds(60), Slot = 6 }, references);
        server.ChildrenStarted.Should().Be(1, "both submissions compile in the same child");
        second.Elapsed.Should().BeLessThan(first.Elapsed, "the second compile finds Roslyn loaded and JIT-compiled");

        var broken = await Serve(Folder("s3", ("Calc.cs", "namespace Probe;\npublic class X { int y = ; }\n")), TimeSpan.FromSeconds(60));
        broken.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("Calc.cs:2:").And.Contain("error CS1525");
        server.ChildrenStarted.Should().Be(1, "a compile error is an answer, not a crash");

        var bomb = await Serve(Folder("s4", ("Calc.cs", Good), ("Bomb.cs", Bomb(16))), TimeSpan.FromSeconds(3));
        bomb.Errors.Should().ContainSingle().Which.Id.Should().Be("compile-timeout");
        bomb.Errors[0].Message.Should().Contain("limit of 3 s");

        var after = await Serve(Folder("s5", ("Calc.cs", Good)), TimeSpan.FromSeconds(60));
        after.Succeeded.Should().BeTrue(string.Join("\n", after.Errors));
        server.ChildrenStarted.Should().Be(2, "the bomb's child was killed and the next submission got a fresh one");
    }

    [Fact]
    public async Task OddButLegalNamesCompileLikeAnyOther()
    {
        string[] names = ["my calc.cs", "ünïcødé.cs", "-leading.cs", "--help.cs", "new\nline.cs", "sub dir/-x.cs"];
        var dir = Folder("odd", [("Calc.cs", Good), .. names.Select((n, i) => (n, $"namespace Probe;\n\npublic static class Odd{i} {{ public static int V => {i}; }}\n"))]);
        var result = await CompileAsync(dir);
        result.Errors.Should().BeEmpty();
        result.SourceFiles.Should().BeEquivalentTo(["Calc.cs", .. names]);

        var broken = Folder("odd-broken", ("--help.cs", "namespace Probe;\npublic class X { int y = ; }\n"));
        var error = await CompileAsync(broken);
        error.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("--help.cs:2:").And.Contain("error CS1525");
    }

    [Fact]
    public async Task ProjectAndBuildFilesAreIgnoredNeverRun()
    {
        var marker = Path.Combine(work, "marker-" + Guid.NewGuid().ToString("N"));
        var target = $"""
            <Project>
              <PropertyGroup><DefineConstants>EVIL</DefineConstants></PropertyGroup>
              <Target Name="Evil" BeforeTargets="Restore;Build;CoreCompile;CollectPackageReferences">
                <WriteLinesToFile File="{marker}" Lines="ran" />
                <Exec Command="touch {marker}" />
              </Target>
            </Project>
            """;
        var calc = "namespace Probe;\n\npublic static class Calc\n{\n#if EVIL\n    public static int Double(int x) => throw null!;\n#else\n    public static int Double(int x) => 2 * x;\n#endif\n}\n";
        var dir = Folder(
            "project-files",
            ("Calc.cs", calc),
            ("Probe.csproj", target.Replace("<Project>", "<Project Sdk=\"Microsoft.NET.Sdk\">", StringComparison.Ordinal)),
            ("Directory.Build.props", target),
            ("Directory.Build.targets", target),
            ("NuGet.config", $"<configuration><config><add key=\"globalPackagesFolder\" value=\"{marker}\" /></config></configuration>"),
            ("global.json", "{ \"sdk\": { \"version\": \"0.0.1\" }, \"msbuild-sdks\": { \"Evil.Sdk\": \"1.0.0\" } }"));
        var result = await CompileAsync(dir);
        result.Errors.Should().BeEmpty();
        result.Ignored.Should().BeEquivalentTo(["Probe.csproj", "Directory.Build.props", "Directory.Build.targets", "NuGet.config", "global.json"]);
        File.Exists(marker).Should().BeFalse("no MSBuild logic of the submission may run");
        Directory.Exists(marker).Should().BeFalse();

        // The build was not changed either: EVIL was not defined.
        var alc = new System.Runtime.Loader.AssemblyLoadContext("probe", isCollectible: true);
        try
        {
            var calcType = alc.LoadFromAssemblyPath(result.AssemblyPath!).GetType("Probe.Calc")!;
            calcType.GetMethod("Double")!.Invoke(null, [21]).Should().Be(42);
        }
        finally
        {
            alc.Unload();
        }
    }

    [Fact]
    public async Task NonUtf8SourceGetsALocatedErrorAndUtf16WithABomCompiles()
    {
        var dir = Folder("latin1");
        File.WriteAllBytes(Path.Combine(dir, "Calc.cs"), [.. Encoding.ASCII.GetBytes("namespace Probe;\n// caf"), 0xE9, .. Encoding.ASCII.GetBytes("\npublic static class Calc { }\n")]);
        var result = await CompileAsync(dir);
        result.Errors.Should().ContainSingle().Which.ToString().Should().Be(
            "Calc.cs: error encoding: is not valid UTF-8: byte 0xE9 at line 2, byte 7 (Latin-1 or Windows-1252 text?); save the file as UTF-8 (VS Code: 'Save with Encoding' → UTF-8; iconv -f latin1 -t utf-8).");

        var utf16 = Folder("utf16");
        File.WriteAllBytes(Path.Combine(utf16, "Calc.cs"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Good.Replace("Calc", "Café", StringComparison.Ordinal))]);
        (await CompileAsync(utf16)).Errors.Should().BeEmpty();
    }
}
