using FluentAssertions;
using NeuroExercises.Core.Mat;
using TorchSharp;

namespace NeuroExercises.Core.Tests.Mat;

/// <summary>Files with the layout of the course data (condsForSim, m1_reaching_data), written by scipy and Octave.</summary>
public sealed class MatCourseFileTests
{
    [Fact]
    public void ReadsCondsForSimStructArrayFromScipy()
    {
        var conds = MatFile.Read(MatFixtures.Path("condsForSim_synthetic.mat")).Get<MatStruct>("condsForSim");

        conds.Dimensions.Should().Equal(27, 5);
        conds.Length.Should().Be(135);
        conds.FieldNames.Should().Equal("timesREmove", "goEnvelope", "plan", "muscle");
        for (var e = 0; e < conds.Length; e++)
        {
            var times = Numeric(conds[e, "timesREmove"], 320, 1).ToDoubleArray();
            times[46].Should().Be(-1800, "index 46 of timesREmove is the go cue at −1800 ms");
            times.Zip(times.Skip(1), (a, b) => b - a).Should().OnlyContain(step => step == 10, "samples are 10 ms apart");

            var envelope = Numeric(conds[e, "goEnvelope"], 320, 1).ToDoubleArray();
            envelope.Should().OnlyContain(v => v >= 0 && v <= 1);
            envelope.Max().Should().BeApproximately(1, 1e-9, "the go envelope is a bump peaking at 1");

            var plan = Numeric(conds[e, "plan"], 320, 15).ToDoubleArray();
            RowsWithAnyNonZero(plan, 320, 15).Should().Be(100, "the plan input is on for the 1 s (100 samples) before the go cue");

            Numeric(conds[e, "muscle"], 320, 7).ToDoubleArray().Should().OnlyContain(v => double.IsFinite(v));
        }
    }

    [Fact]
    public void IndexesStructArrayByRowAndColumn()
    {
        var conds = MatFile.Read(MatFixtures.Path("condsForSim_synthetic.mat")).Get<MatStruct>("condsForSim");

        // condsForSim(3, 2) in MATLAB is linear index 2 + 1·27 (0-based).
        conds[2, 1, "plan"].Should().BeSameAs(conds[2 + 27, "plan"]);
        conds.Field("muscle").Should().HaveCount(135).And.HaveElementAt(29, conds[29, "muscle"]);
    }

    [Fact]
    public void PlanToTensorIsRowMajorWithMatlabShape()
    {
        var conds = MatFile.Read(MatFixtures.Path("condsForSim_synthetic.mat")).Get<MatStruct>("condsForSim");
        var plan = (MatNumeric)conds[26, "plan"];
        var columnMajor = plan.ToDoubleArray();

        using var tensor = plan.ToTensor();
        tensor.shape.Should().Equal(320L, 15L);
        tensor.dtype.Should().Be(torch.ScalarType.Float64);
        var rowMajor = tensor.data<double>().ToArray();
        for (var i = 0; i < 320; i++)
        {
            for (var j = 0; j < 15; j++)
            {
                rowMajor[(i * 15) + j].Should().Be(columnMajor[i + (j * 320)]);
            }
        }

        using var single = plan.ToTensor(torch.ScalarType.Float32);
        single.dtype.Should().Be(torch.ScalarType.Float32);
        single.shape.Should().Equal(320L, 15L);
    }

    [Fact]
    public void ReadsOctaveCondsForSimWithSinglePrecisionPlan()
    {
        var mat = MatFile.Read(MatFixtures.Path("condsForSim_octave_v7.mat"));
        var conds = mat.Get<MatStruct>("condsForSim");

        conds.Dimensions.Should().Equal(4, 2);
        conds.FieldNames.Should().Equal("timesREmove", "goEnvelope", "plan", "muscle");
        for (var e = 0; e < conds.Length; e++)
        {
            Numeric(conds[e, "timesREmove"], 300, 1).ToDoubleArray()[46].Should().Be(-1800);
            var plan = Numeric(conds[e, "plan"], 300, 15);
            plan.Class.Should().Be(MatClass.Single);
            plan.Real.Should().BeOfType<float[]>().Which.Should().OnlyContain(v => float.IsFinite(v) && v > 0);
            Numeric(conds[e, "muscle"], 300, 7).ToDoubleArray().Should().OnlyContain(v => double.IsFinite(v));
        }
    }

    [Fact]
    public void ReadsM1ReachingNestedStructArrays()
    {
        var neurons = MatFile.Read(MatFixtures.Path("m1_reaching_synthetic.mat")).Get<MatStruct>("comboNjs");

        neurons.Dimensions.Should().Equal(1, 20);
        neurons.FieldNames.Should().Equal("interpTimes", "cond");
        for (var n = 0; n < neurons.Length; n++)
        {
            var interpTimes = neurons[n, "interpTimes"].Should().BeOfType<MatStruct>().Which;
            var conditions = neurons[n, "cond"].Should().BeOfType<MatStruct>().Which;
            interpTimes.Dimensions.Should().Equal(1, 27);
            interpTimes.FieldNames.Should().Equal("times", "moveStarts");
            conditions.Dimensions.Should().Equal(1, 27);
            conditions.FieldNames.Should().Equal("interpPSTH");
            for (var c = 0; c < 27; c++)
            {
                var times = Numeric(interpTimes[c, "times"], 296, 1).ToDoubleArray();
                times[0].Should().Be(1000);
                times[^1].Should().Be(3950);
                var moveStart = Numeric(interpTimes[c, "moveStarts"], 1, 1).ToScalar();
                moveStart.Should().BeInRange(times[0], times[^1]);
                Numeric(conditions[c, "interpPSTH"], 296, 1).ToDoubleArray().Should().OnlyContain(hz => hz >= 0 && hz < 1000, "firing rates in Hz");
            }
        }
    }

    private static MatNumeric Numeric(MatValue value, int rows, int columns)
    {
        var numeric = value.Should().BeOfType<MatNumeric>().Which;
        numeric.Dimensions.Should().Equal(rows, columns);
        numeric.IsComplex.Should().BeFalse();
        return numeric;
    }

    private static int RowsWithAnyNonZero(double[] columnMajor, int rows, int columns) =>
        Enumerable.Range(0, rows).Count(r => Enumerable.Range(0, columns).Any(c => columnMajor[r + (c * rows)] != 0));
}
