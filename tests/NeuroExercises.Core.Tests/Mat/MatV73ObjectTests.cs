using FluentAssertions;
using NeuroExercises.Core.Mat;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>A v7.3 file with an object, a string and a function handle: each kept as <see cref="MatOpaque"/>, the rest read (Mat/Data/make_v73_objects.py).</summary>
public sealed class MatV73ObjectTests
{
    private static readonly string File = Path.Combine(RepoPaths.Root, "tests", "NeuroExercises.Core.Tests", "Mat", "Data", "v73_objects.mat");

    [Fact]
    public void KeepsObjectsOfAV73FileAsOpaqueAndReadsTheRest()
    {
        var mat = MatFile.Read(File);

        mat.Version.Should().Be(73);
        mat.Get<MatNumeric>("x").ToDoubleArray().Should().Equal(1.5, 2.5, 3.5);
        mat.Get<MatNumeric>("x").Dimensions.Should().Equal(1, 3);

        var obj = mat.Get<MatOpaque>("obj");
        obj.Class.Should().Be(MatClass.Object);
        obj.ClassName.Should().Be("Neuron");
        ((MatNumeric)obj.Fields!["rate"]).ToScalar().Should().Be(12.5);

        var text = mat.Get<MatOpaque>("s");
        text.Class.Should().Be(MatClass.Opaque);
        text.ClassName.Should().Be("string");

        mat.Get<MatOpaque>("fh").Class.Should().Be(MatClass.FunctionHandle);
    }
}
