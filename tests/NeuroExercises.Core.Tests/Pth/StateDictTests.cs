using System.IO.Compression;
using System.Runtime.CompilerServices;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Core.Pth;
using NeuroExercises.Core.Tests.Npy;
using TorchSharp;

namespace NeuroExercises.Core.Tests.Pth;

public sealed class StateDictTests
{
    // The shell command malicious.pth's data.pkl would run ('posix system', "echo pwned > /tmp/neuro_pth_pwned").
    private const string PwnedMarker = "/tmp/neuro_pth_pwned";

    [Theory]
    [InlineData("rnn_small_state_dict.pth")]
    [InlineData("rnn_small_state_dict_legacy.pth")]
    public void ReadsRnnWeightsEqualToReferenceArchive(string file)
    {
        var reference = Npz.Read(SharedFolder.Path("reference", "rnn", "rnn_small_chaotic.npz"));

        var state = StateDict.Read(Fixture(file));
        try
        {
            state.Keys.Should().Equal("J", "B", "bx", "output_linear.weight", "output_linear.bias");
            foreach (var (key, member) in new[] { ("J", "J"), ("B", "B"), ("bx", "bx"), ("output_linear.weight", "W"), ("output_linear.bias", "c") })
            {
                var tensor = state[key];
                tensor.dtype.Should().Be(torch.ScalarType.Float32);
                tensor.device_type.Should().Be(DeviceType.CPU);
                tensor.shape.Should().Equal(reference[member].Shape, key);
                tensor.data<float>().ToArray().Should().Equal(reference[member].AsSingles(), key);
            }
        }
        finally
        {
            DisposeAll(state);
        }
    }

    [Fact]
    public void HonoursStridesOffsetsAndDtypes()
    {
        var reference = Npz.Read(SharedFolder.Path("reference", "rnn", "rnn_small_chaotic.npz"));
        var state = StateDict.Read(Fixture("views_and_dtypes.pth"));
        try
        {
            state.Keys.Should().Equal("Jt", "bx64", "steps");

            using var j = reference["J"].ToTensor();
            using var jt = j.t().contiguous();
            state["Jt"].shape.Should().Equal(10, 10);
            state["Jt"].data<float>().ToArray().Should().Equal(jt.data<float>().ToArray(), "Jt was saved as J's transpose, strides (1, 10)");
            state["Jt"][0, 1].item<float>().Should().Be(reference["J"].AsSingles()[10]);

            state["bx64"].dtype.Should().Be(torch.ScalarType.Float64);
            state["bx64"].data<double>().ToArray().Should().Equal(reference["bx"].AsSingles().Select(v => (double)v));

            state["steps"].dtype.Should().Be(torch.ScalarType.Int64);
            state["steps"].shape.Should().BeEmpty();
            state["steps"].item<long>().Should().Be(7);
        }
        finally
        {
            DisposeAll(state);
        }
    }

    [Fact]
    public void RefusesMaliciousPickleAndRunsNothing()
    {
        File.Exists(PwnedMarker).Should().BeFalse("the marker must not exist before the test, or the test proves nothing");
        var path = Fixture("malicious.pth");
        var act = () => StateDict.Read(path);

        var error = act.Should().Throw<DataFormatException>().Which;

        error.Message.Should().StartWith(path).And.Contain("'posix system'").And.Contain("could run code");
        File.Exists(PwnedMarker).Should().BeFalse();
    }

    [Fact]
    public void RefusesCorruptLegacyFileSayingHowToResave()
    {
        var bytes = File.ReadAllBytes(Fixture("rnn_small_state_dict_legacy.pth"));
        var path = Path.Combine(Path.GetTempPath(), $"legacy-{Guid.NewGuid():N}.pth");
        File.WriteAllBytes(path, bytes[..^100]);
        try
        {
            var act = () => StateDict.Read(path);

            act.Should().Throw<DataFormatException>()
                .WithMessage($"{path}: legacy format: storage '*' needs 640 bytes from byte offset *, but the file ends at byte offset {bytes.Length - 100}: truncated. Re-save it with PyTorch ≥ 1.6: torch.save(torch.load(path), path)*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("extra_protocol2.pth")]
    [InlineData("extra_protocol4.pth")]
    public void ReadsModuleStateDictWithMetadataSharedStorageAndAllDtypes(string file)
    {
        var state = StateDict.Read(LocalData(file));
        try
        {
            state.Keys.Should().Equal("weight", "bias", "row2", "base", "half", "mask", "bytes", "ints", "empty");
            state["weight"].data<float>().ToArray().Should().Equal(0f, 1f, 2f, 3f, 4f, 5f);
            state["weight"].shape.Should().Equal(2, 3);
            state["bias"].data<float>().ToArray().Should().Equal(-1f, 1f);
            state["row2"].data<double>().ToArray().Should().Equal(8.0, 9.0, 10.0, 11.0);
            state["base"].shape.Should().Equal(3, 4);
            state["base"][1, 2].item<double>().Should().Be(6.0);
            state["half"].dtype.Should().Be(torch.ScalarType.Float16);
            using (var half = state["half"].to(torch.ScalarType.Float32))
            {
                half.data<float>().ToArray().Should().Equal(0.5f, -1.25f, 65504f);
            }

            state["mask"].data<bool>().ToArray().Should().Equal(true, false, true);
            state["bytes"].data<byte>().ToArray().Should().Equal((byte)0, (byte)7, (byte)255);
            state["ints"].data<int>().ToArray().Should().Equal(-3, 2);
            state["ints"].shape.Should().Equal(1, 2);
            state["empty"].shape.Should().Equal(0, 3);
        }
        finally
        {
            DisposeAll(state);
        }
    }

    [Fact]
    public void ReadsSavedParameters()
    {
        var state = StateDict.Read(LocalData("parameters.pth"));
        try
        {
            state["w"].data<float>().ToArray().Should().Equal(0f, 1f, 2f, 3f);
        }
        finally
        {
            DisposeAll(state);
        }
    }

    [Fact]
    public void RefusesWholeModuleNamingItsClass()
    {
        var act = () => StateDict.Read(LocalData("whole_module.pth"));

        act.Should().Throw<DataFormatException>().WithMessage("*'torch.nn.modules.linear Linear' is not allowed*could run code*");
    }

    [Fact]
    public void RefusesOpcodeOutsideWhitelist()
    {
        // PROTO 2, then INST 'os system' (opcode 'i'), which calls a class with the marked items.
        byte[] pickle = [0x80, 0x02, (byte)'(', (byte)'i', .. "os\nsystem\n"u8, (byte)'.'];
        var path = WritePth(pickle);
        try
        {
            var act = () => StateDict.Read(path);

            act.Should().Throw<DataFormatException>().WithMessage($"{path} (member archive/data.pkl): byte offset 3 of the pickle: pickle opcode 0x69 ('i')*could run code*");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void RefusesViewReachingPastItsStorage()
    {
        // {'x': _rebuild_tensor_v2(('storage', FloatStorage, '0', 'cpu', 4), 2, (3,), (1,), False, OrderedDict())}
        var pickle = new List<byte> { 0x80, 0x02, (byte)'}' };
        void Str(string s)
        {
            pickle.Add((byte)'X');
            pickle.AddRange(BitConverter.GetBytes(s.Length));
            pickle.AddRange(System.Text.Encoding.UTF8.GetBytes(s));
        }

        void Global(string module, string name) => pickle.AddRange([(byte)'c', .. System.Text.Encoding.ASCII.GetBytes($"{module}\n{name}\n")]);
        Str("x");
        Global("torch._utils", "_rebuild_tensor_v2");
        pickle.Add((byte)'(');
        pickle.Add((byte)'(');
        Str("storage");
        Global("torch", "FloatStorage");
        Str("0");
        Str("cpu");
        pickle.AddRange([(byte)'K', 4, (byte)'t', (byte)'Q', (byte)'K', 2, (byte)'K', 3, 0x85, (byte)'K', 1, 0x85, 0x89]);
        Global("collections", "OrderedDict");
        pickle.AddRange([(byte)')', (byte)'R', (byte)'t', (byte)'R', (byte)'s', (byte)'.']);
        var path = WritePth([.. pickle], ("archive/data/0", new byte[16]));
        try
        {
            var act = () => StateDict.Read(path);

            act.Should().Throw<DataFormatException>().WithMessage($"{path} (tensor 'x'): view (offset 2, size (3), stride (1)) reaches element 4 of a 4-element storage: the file is corrupted; save the state dict again");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Fixture(string file) => SharedFolder.Path("fixtures", "pth", file);

    private static string LocalData(string file, [CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "Data", file);

    private static string WritePth(byte[] pickle, params (string Name, byte[] Bytes)[] members)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pth-{Guid.NewGuid():N}.pth");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in members.Prepend(("archive/data.pkl", pickle)))
        {
            using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            stream.Write(bytes);
        }

        return path;
    }

    private static void DisposeAll(IReadOnlyDictionary<string, torch.Tensor> state)
    {
        foreach (var tensor in state.Values)
        {
            tensor.Dispose();
        }
    }
}
