using NeuroExercises.Core;
using NeuroExercises.Core.Mat;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Reads comboNjs of m1_reaching_data.mat into [N, C, T] tensors (provided, not graded).</summary>
internal static class M1ReachingLoader
{
    internal static M1Reaching Load(string matPath)
    {
        var neurons = MatFile.Read(matPath).Get<MatStruct>("comboNjs");
        using var scope = NewDisposeScope();
        var times = new List<Tensor>();
        var starts = new List<Tensor>();
        var psth = new List<Tensor>();
        int? conditions = null;
        for (var n = 0; n < neurons.Length; n++)
        {
            var interp = Struct(matPath, neurons[n, "interpTimes"], $"comboNjs({n + 1}).interpTimes");
            var cond = Struct(matPath, neurons[n, "cond"], $"comboNjs({n + 1}).cond");
            conditions ??= interp.Length;
            if (interp.Length != conditions || cond.Length != conditions)
            {
                throw new DataFormatException(matPath, $"comboNjs({n + 1}) has {interp.Length} interpTimes and {cond.Length} cond entries, neuron 1 has {conditions}; every neuron needs the same conditions.");
            }

            for (var c = 0; c < conditions; c++)
            {
                times.Add(Vector(matPath, interp[c, "times"], $"comboNjs({n + 1}).interpTimes({c + 1}).times"));
                starts.Add(tensor(Numeric(matPath, interp[c, "moveStarts"], $"comboNjs({n + 1}).interpTimes({c + 1}).moveStarts").ToScalar(), float64));
                psth.Add(Vector(matPath, cond[c, "interpPSTH"], $"comboNjs({n + 1}).cond({c + 1}).interpPSTH"));
            }
        }

        long count = neurons.Length, cs = conditions ?? 0;
        var steps = times[0].shape[0];
        for (var i = 0; i < times.Count; i++)
        {
            if (times[i].shape[0] != steps || psth[i].shape[0] != steps)
            {
                throw new DataFormatException(matPath, $"comboNjs({(i / cs) + 1}), condition {(i % cs) + 1}: {times[i].shape[0]} times and {psth[i].shape[0]} PSTH samples, the first recording has {steps}; all must have the same length.");
            }
        }

        return new M1Reaching(
            stack(times).reshape(count, cs, steps).MoveToOuterDisposeScope(),
            stack(starts).reshape(count, cs).MoveToOuterDisposeScope(),
            stack(psth).reshape(count, cs, steps).MoveToOuterDisposeScope());
    }

    private static MatStruct Struct(string matPath, MatValue value, string what) =>
        value as MatStruct ?? throw new DataFormatException(matPath, $"{what} is {value}; expected a struct array.");

    private static MatNumeric Numeric(string matPath, MatValue value, string what) =>
        value as MatNumeric ?? throw new DataFormatException(matPath, $"{what} is {value}; expected a numeric array.");

    private static Tensor Vector(string matPath, MatValue value, string what)
    {
        var numeric = Numeric(matPath, value, what);
        if (numeric.Dimensions.Count(d => d != 1) > 1)
        {
            throw new DataFormatException(matPath, $"{what} is {numeric.ShapeText}; expected a vector.");
        }

        return numeric.ToTensor().reshape(-1);
    }
}
