using System.Diagnostics;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NpyFile = NeuroExercises.Core.Npy.Npy;

namespace NeuroExercises.Core.Tests.Npy;

public sealed class NpyWriterTests
{
    [Theory]
    [InlineData("f32_c")]
    [InlineData("i32")]
    [InlineData("u8")]
    [InlineData("bool")]
    [InlineData("i64_scalar")]
    [InlineData("empty")]
    public void WritesSameBytesAsNumPy(string name)
    {
        var path = NpyReaderTests.Fixture(name + ".npy");
        using var written = new MemoryStream();

        NpyFile.Write(written, NpyFile.Read(path));

        written.ToArray().Should().Equal(File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("f64_fortran")]
    [InlineData("f64_bigendian")]
    [InlineData("f16")]
    public void RoundTripsConvertedArrays(string name)
    {
        var original = NpyFile.Read(NpyReaderTests.Fixture(name + ".npy"));
        using var written = new MemoryStream();
        NpyFile.Write(written, original);
        written.Position = 0;

        var back = NpyFile.Read(written, name);

        back.DType.Should().Be(original.DType);
        back.Shape.Should().Equal(original.Shape);
        back.Data.Should().BeEquivalentTo(original.Data, o => o.WithStrictOrdering());
    }

    [Theory]
    [InlineData(new long[0])]
    [InlineData(new long[] { 5 })]
    [InlineData(new long[] { 12345678901, 0 })]
    [InlineData(new long[] { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 })]
    public void PadsHeaderToMultipleOf64(long[] shape)
    {
        var header = NpyFile.HeaderBytes(NpyDType.Float64, shape);

        (header.Length % 64).Should().Be(0);
        header[^1].Should().Be((byte)'\n');
        BitConverter.ToUInt16(header, 8).Should().Be((ushort)(header.Length - 10));
        System.Text.Encoding.Latin1.GetString(header, 10, header.Length - 10).Should().Contain($"'shape': {NpyFile.FormatShape(shape)}, }}");
    }

    [Fact]
    public void NumPyReadsWhatWeWrite()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python) || !RunPython(python, "import numpy", out _))
        {
            Assert.Skip("python3 with numpy is not installed");
        }

        var dir = Directory.CreateTempSubdirectory("npy-numpy-").FullName;
        try
        {
            NpyFile.Write(Path.Combine(dir, "f.npy"), new NpyArray(NpyDType.Float32, [2, 3], new[] { 1f, -2f, 3.5f, 0f, float.NaN, 1e-30f }));
            NpyFile.Write(Path.Combine(dir, "s.npy"), new NpyArray(NpyDType.Int64, [], new[] { -42L }));
            Npz.Write(Path.Combine(dir, "z.npz"), [new("perturbed_J_0.01", new NpyArray(NpyDType.Bool, [2], new[] { false, true }))]);
            var script = $$"""
                import numpy as np
                f = np.load('{{dir}}/f.npy'); s = np.load('{{dir}}/s.npy'); z = np.load('{{dir}}/z.npz')
                print(f.dtype.str, f.shape, f.flags['C_CONTIGUOUS'], repr(f.tolist()))
                print(s.dtype.str, s.shape, int(s))
                print(z.files, z['perturbed_J_0.01'].dtype.str, z['perturbed_J_0.01'].tolist())
                """;

            RunPython(python, script, out var output).Should().BeTrue(output);

            output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
                "<f4 (2, 3) True [[1.0, -2.0, 3.5], [0.0, nan, 1.0000000031710769e-30]]",
                "<i8 () -42",
                "['perturbed_J_0.01'] |b1 [False, True]");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool RunPython(string python, string script, out string output)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        output = stdout.Result + stderr;
        return process.ExitCode == 0;
    }
}
