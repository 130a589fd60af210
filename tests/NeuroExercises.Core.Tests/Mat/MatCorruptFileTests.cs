using FluentAssertions;
using NeuroExercises.Core.Mat;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>Corrupt files are refused with <see cref="DataFormatException"/> naming the file and the problem, never another exception or a hang.</summary>
public sealed class MatCorruptFileTests
{
    [Theory]
    [InlineData("bad_truncated.mat", "*bad_truncated.mat: byte offset *truncated*")]
    [InlineData("bad_header.mat", "*bad_header.mat: byte offset 126: the endian indicator is 0x5858*")]
    [InlineData("bad_zlib.mat", "*bad_zlib.mat: the miCOMPRESSED element at byte offset *: its zlib stream is corrupt*")]
    public void RefusesCorruptFixture(string file, string message)
    {
        var path = MatFixtures.Path(file);

        var act = () => MatFile.Read(path);

        act.Should().Throw<DataFormatException>().WithMessage(message).Which.File.Should().Be(path);
    }

    [Fact]
    public void RefusesMissingFileNamingIt()
    {
        var act = () => MatFile.Read("/nonexistent/condsForSim.mat");

        act.Should().Throw<DataFormatException>().WithMessage("/nonexistent/condsForSim.mat: file not found*");
    }

    [Theory]
    [InlineData("types_v5.mat")]
    [InlineData("types_v5_compressed.mat")]
    [InlineData("types_octave_v6.mat")]
    [InlineData("types_octave_v7.mat")]
    [InlineData("types_v73.mat")]
    public void EveryTruncationIsRefusedOrReadCleanly(string file)
    {
        var bytes = File.ReadAllBytes(MatFixtures.Path(file));
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            var act = () => MatFile.Read(prefix, file);
            if (length < 128)
            {
                act.Should().Throw<DataFormatException>($"a {length}-byte prefix has no full header");
            }
            else
            {
                ReadOrRefuse(prefix, file, $"prefix of {length} bytes");
            }
        }
    }

    [Theory]
    [InlineData("types_v5.mat")]
    [InlineData("types_v5_compressed.mat")]
    [InlineData("types_octave_v6.mat")]
    public void RandomByteDamageIsRefusedOrReadCleanly(string file)
    {
        var original = File.ReadAllBytes(MatFixtures.Path(file));
        var random = new Random(20260101);
        for (var trial = 0; trial < 2000; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var k = 0; k < 3; k++)
            {
                bytes[random.Next(128, bytes.Length)] = (byte)random.Next(256);
            }

            ReadOrRefuse(bytes, file, $"trial {trial}");
        }
    }

    private static void ReadOrRefuse(byte[] bytes, string file, string because)
    {
        try
        {
            _ = MatFile.Read(bytes, file);
        }
        catch (DataFormatException e)
        {
            e.File.Should().Be(file, because);
        }
    }
}
