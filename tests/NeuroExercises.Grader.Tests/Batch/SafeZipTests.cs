using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Grader.Batch;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>A zipped submission is extracted, or refused as a whole with a reason naming the entry and the fix.</summary>
public sealed class SafeZipTests : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("neuro-safezip-").FullName;

    public void Dispose() => Directory.Delete(work, recursive: true);

    internal static string MakeZip(string path, params (string Name, byte[] Bytes, int UnixMode)[] entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes, mode) in entries)
        {
            var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
            if (mode != 0)
            {
                entry.ExternalAttributes = mode << 16;
            }

            using var s = entry.Open();
            s.Write(bytes);
        }

        return path;
    }

    private static (string, byte[], int) File(string name, string text) => (name, System.Text.Encoding.UTF8.GetBytes(text), 0);

    [Fact]
    public void ExtractsAGoodZipWithItsFolders()
    {
        var zip = MakeZip(Path.Combine(work, "ok.zip"), File("Calc.cs", "class A {}"), File("sub/B.cs", "class B {}"));
        var dest = Path.Combine(work, "ok");
        SafeZip.Extract(zip, dest).Should().BeNull();
        System.IO.File.ReadAllText(Path.Combine(dest, "Calc.cs")).Should().Be("class A {}");
        System.IO.File.ReadAllText(Path.Combine(dest, "sub", "B.cs")).Should().Be("class B {}");
    }

    [Theory]
    [InlineData("../evil.cs", "climbs out of the archive")]
    [InlineData("sub/../../evil.cs", "climbs out of the archive")]
    [InlineData("/etc/evil.cs", "has an absolute path")]
    [InlineData("C:/evil.cs", "has an absolute path")]
    public void RefusesZipSlipAndAbsolutePaths(string name, string reason)
    {
        var zip = MakeZip(Path.Combine(work, "slip.zip"), File("Calc.cs", "class A {}"), File(name, "class E {}"));
        var dest = Path.Combine(work, "slip");
        SafeZip.Extract(zip, dest).Should().Contain($"entry '{name}' {reason}").And.Contain("slip.zip");
        Directory.Exists(dest).Should().BeFalse();
        System.IO.File.Exists(Path.Combine(work, "evil.cs")).Should().BeFalse();
    }

    [Fact]
    public void RefusesASymbolicLinkEntry()
    {
        var zip = MakeZip(Path.Combine(work, "link.zip"), ("Calc.cs", "/etc/passwd"u8.ToArray(), 0xA1FF));
        SafeZip.Extract(zip, Path.Combine(work, "link")).Should().Contain("entry 'Calc.cs' is a symbolic link");
    }

    [Fact]
    public void RefusesAZipBombWhileInflating()
    {
        var zip = MakeZip(Path.Combine(work, "bomb.zip"), ("Big.cs", new byte[200 << 20], 0));
        new FileInfo(zip).Length.Should().BeLessThan(1 << 20);
        var dest = Path.Combine(work, "bomb");
        SafeZip.Extract(zip, dest).Should().Contain("zip bomb");
        Directory.Exists(dest).Should().BeFalse();
    }

    [Fact]
    public void RefusesTooManyEntriesAndAnUnreadableArchive()
    {
        var many = MakeZip(Path.Combine(work, "many.zip"), [.. Enumerable.Range(0, 30).Select(i => File($"F{i}.cs", "x"))]);
        SafeZip.Extract(many, Path.Combine(work, "many"), new ZipLimits { MaxEntries = 10 }).Should().Contain("holds 30 entries, over the limit of 10");
        var junk = Path.Combine(work, "junk.zip");
        System.IO.File.WriteAllText(junk, "not a zip");
        SafeZip.Extract(junk, Path.Combine(work, "junk")).Should().Contain("'junk.zip' is not a readable zip archive");
    }
}
