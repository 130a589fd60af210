using FluentAssertions;
using NeuroExercises.Core.Npy;
using NpyFile = NeuroExercises.Core.Npy.Npy;

namespace NeuroExercises.Core.Tests.Npy;

public sealed class NpzTests
{
    [Theory]
    [InlineData("plain.npz", new[] { "f32_c", "i32", "bool" })]
    [InlineData("compressed.npz", new[] { "f32_c", "f64_fortran", "i64_scalar" })]
    public void ReadsMembersInArchiveOrderEqualToTheirNpyFiles(string archive, string[] members)
    {
        var arrays = Npz.Read(NpyReaderTests.Fixture(archive));

        arrays.Keys.Should().Equal(members);
        foreach (var name in members)
        {
            var single = NpyFile.Read(NpyReaderTests.Fixture(name + ".npy"));
            arrays[name].DType.Should().Be(single.DType);
            arrays[name].Shape.Should().Equal(single.Shape);
            arrays[name].Data.Should().BeEquivalentTo(single.Data, o => o.WithStrictOrdering());
        }
    }

    [Fact]
    public void KeepsDotsInMemberNames()
    {
        var arrays = Npz.Read(NpyReaderTests.Fixture("dotted_names.npz"));

        arrays.Keys.Should().Equal("perturbed_J_0.01", "a.b.c");
        arrays["perturbed_J_0.01"].Shape.Should().Equal(3, 4);
    }

    [Theory]
    [InlineData("prepare_dataset.npz", "inputs_with_delay", new long[] { 27, 5, 250, 16 })]
    [InlineData("prepare_dataset.npz", "max_error", new long[0])]
    [InlineData("rnn_small_chaotic.npz", "J", new long[] { 10, 10 })]
    [InlineData("rnn_small_chaotic.npz", "perturbed_J_0.01", new long[] { 10, 10 })]
    [InlineData("rnn_full_chaotic.npz", "trajectory_hidden", new long[] { 3, 250, 150 })]
    [InlineData("rnn_full_edge.npz", "perturbed_J_0.8", new long[] { 150, 150 })]
    [InlineData("perturb_inputs.npz", "perturbed_0.0125", new long[] { 3, 250, 16 })]
    [InlineData("perturb_inputs.npz", "input_norm", new long[] { 3, 250, 1 })]
    [InlineData("torch_rng_seed0.npz", "randn_4x20", new long[] { 4, 20 })]
    public void ReadsReferenceArchiveMemberShapes(string archive, string member, long[] shape)
    {
        var arrays = Npz.Read(SharedFolder.Path("reference", "rnn", archive));

        arrays[member].Shape.Should().Equal(shape);
    }

    [Fact]
    public void ReadsReferenceArchiveMembersAndDtypes()
    {
        var prepared = Npz.Read(SharedFolder.Path("reference", "rnn", "prepare_dataset.npz"));
        prepared.Keys.Should().Equal("inputs", "inputs_with_delay", "outputs", "outputs_with_delay", "times", "max_error");
        prepared["times"].DType.Should().Be(NpyDType.Float64);
        prepared["max_error"].DType.Should().Be(NpyDType.Float32);

        var small = Npz.Read(SharedFolder.Path("reference", "rnn", "rnn_small_chaotic.npz"));
        small.Keys.Should().Equal(
            "J", "B", "bx", "W", "c", "tau_over_dt", "step_input", "step_hidden", "step_output", "step_next_hidden",
            "step_rate_penalty", "trajectory_conditions", "trajectory_inputs", "trajectory_outputs", "trajectory_hidden",
            "mean_abs_J", "noise", "perturbed_J_0.01", "perturbed_J_0.1", "perturbed_J_0.8", "trajectory_mse",
            "normalised_error_percent");
        small["tau_over_dt"].AsSingles().Should().Equal(5f);
        small["trajectory_conditions"].AsInt64s().Should().Equal(0L, 6L, 9L);
    }

    [Fact]
    public void MatchesTorchGeneratorValuesStoredInReference()
    {
        var rng = Npz.Read(SharedFolder.Path("reference", "rnn", "torch_rng_seed0.npz"));

        // torch.manual_seed(0); torch.randn(5)[:2] in PyTorch.
        rng["randn_5"].AsSingles()[..2].Should().Equal(1.5409961f, -0.2934289f);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsArchiveWithDottedNamesInOrder(bool compress)
    {
        var arrays = new KeyValuePair<string, NpyArray>[]
        {
            new("z_last_written_first", new NpyArray(NpyDType.Int64, [], new long[] { 7 })),
            new("perturbed_J_0.01", new NpyArray(NpyDType.Float32, [2, 3], new[] { 1f, 2f, 3f, 4f, 5f, float.NaN })),
            new("mask", new NpyArray(NpyDType.Bool, [3], new[] { true, false, true })),
        };
        using var stream = new MemoryStream();
        Npz.Write(stream, arrays, compress);
        stream.Position = 0;

        var back = Npz.Read(stream, "memory.npz");

        back.Keys.Should().Equal("z_last_written_first", "perturbed_J_0.01", "mask");
        back["perturbed_J_0.01"].AsSingles().Should().Equal(1f, 2f, 3f, 4f, 5f, float.NaN);
        back["z_last_written_first"].Shape.Should().BeEmpty();
        back["mask"].AsBooleans().Should().Equal(true, false, true);
    }

    [Fact]
    public void WritesStoredMembersToFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"npz-{Guid.NewGuid():N}.npz");
        try
        {
            Npz.Write(path, [new("a.b", new NpyArray(NpyDType.Float64, [2], new[] { 1.5, -2.5 }))]);

            using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
            {
                zip.Entries.Select(e => e.FullName).Should().Equal("a.b.npy");
                zip.Entries[0].CompressedLength.Should().Be(zip.Entries[0].Length, "np.savez stores members uncompressed");
            }

            Npz.Read(path)["a.b"].AsDoubles().Should().Equal(1.5, -2.5);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RefusesCorruptMemberNamingArchiveAndMember()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var member = zip.CreateEntry("x.npy").Open();
            member.Write(File.ReadAllBytes(NpyReaderTests.Fixture("refuse_object.npy")));
        }

        stream.Position = 0;
        var act = () => Npz.Read(stream, "bad.npz");

        act.Should().Throw<DataFormatException>().WithMessage("bad.npz (member x.npy): dtype '|O'*");
    }

    [Fact]
    public void RefusesFileThatIsNotZip()
    {
        var path = NpyReaderTests.Fixture("f32_c.npy");
        var act = () => Npz.Read(path);

        act.Should().Throw<DataFormatException>().WithMessage($"{path}: not a zip archive*");
    }
}
