using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Grader.Tests.Weeks;

/// <summary>
/// The rule for a week's inputs/arguments.npz (arrays visible checks pass to the piece they grade): a submission can read
/// them, so none may equal an expected value of a hidden check.
/// </summary>
internal static class CheckArguments
{
    /// <summary>
    /// Fails unless <paramref name="argumentsPath"/> holds exactly the members of <paramref name="copies"/> and
    /// <paramref name="computed"/>, and each member of <paramref name="copies"/> is a byte copy of its golden member.
    /// </summary>
    /// <param name="argumentsPath">The week's inputs/arguments.npz.</param>
    /// <param name="referenceFolder">The week's folder under ../shared/reference (e.g. "burst").</param>
    /// <param name="copies">Argument name → (golden file name with its .npz, golden member).</param>
    /// <param name="computed">Members computed from a closed form (checked by the caller).</param>
    public static void AreGoldenCopies(string argumentsPath, string referenceFolder, IReadOnlyDictionary<string, (string File, string Member)> copies, IEnumerable<string>? computed = null)
    {
        using var archive = ZipFile.OpenRead(argumentsPath);
        archive.Entries.Select(e => e.FullName[..^".npy".Length]).Should().BeEquivalentTo(copies.Keys.Concat(computed ?? []));
        foreach (var (name, (file, member)) in copies)
        {
            using var golden = ZipFile.OpenRead(RepoPaths.Reference(Path.Combine(referenceFolder, file)));
            Bytes(archive.GetEntry(name + ".npy")!).Should().Equal(Bytes(golden.GetEntry(member + ".npy")!), $"arguments.npz:{name} must be a byte copy of {file}:{member}; rerun make_inputs.py");
        }
    }

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Fails when a hidden check's snapshot of <paramref name="week"/> holds an array equal to one of <paramref name="arguments"/>.</summary>
    /// <param name="week">The week's id.</param>
    /// <param name="folder">Its folder under grader/weeks.</param>
    /// <param name="arguments">The arguments, by name.</param>
    public static void NoHiddenCheckGrades(string week, string folder, IReadOnlyDictionary<string, NpyArray> arguments)
    {
        var hidden = global::NeuroExercises.Grader.Discovery.CheckDiscovery.Discover(global::NeuroExercises.Grader.Checks.WeekCatalog.Find(week)!)
            .Where(global::NeuroExercises.Grader.Release.ReleasePolicy.IsHidden).ToList();
        hidden.Should().NotBeEmpty();
        foreach (var check in hidden)
        {
            var path = Path.Combine(RepoPaths.Root, "grader", "weeks", folder, "snapshots", $"{check.ShortName}.expected.npz");
            File.Exists(path).Should().BeTrue($"the hidden check {check.ShortName} has a snapshot");
            foreach (var (output, array) in Npz.Read(path))
            {
                foreach (var (name, argument) in arguments)
                {
                    var same = array.Shape.SequenceEqual(argument.Shape) && array.ToDoubles().SequenceEqual(argument.ToDoubles());
                    same.Should().BeFalse($"the hidden check {check.ShortName} grades '{output}', which equals the argument {name} that submissions can read");
                }
            }
        }
    }
}
