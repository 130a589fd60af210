using NeuroExercises.Core;
using NeuroExercises.Core.Mat;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>Reads condsForSim(condition, delay) of condsForSimJ2moMuscles.mat into [C, D, T, …] tensors (provided, not graded).</summary>
internal static class CondsForSimLoader
{
    internal static CondsForSim Load(string matPath)
    {
        var s = MatFile.Read(matPath).Get<MatStruct>("condsForSim");
        if (s.Dimensions.Length != 2)
        {
            throw new DataFormatException(matPath, $"condsForSim is {s.ShapeText}; expected a 2-D struct array (conditions × delays).");
        }

        int conditions = s.Dimensions[0], delays = s.Dimensions[1];
        using var scope = NewDisposeScope();
        var go = new Tensor[conditions * delays];
        var plan = new Tensor[conditions * delays];
        var muscle = new Tensor[conditions * delays];
        Tensor? times = null;
        for (var c = 0; c < conditions; c++)
        {
            for (var d = 0; d < delays; d++)
            {
                // Row-major [c, d] slot; MATLAB's element (c+1, d+1).
                var k = (c * delays) + d;
                times ??= Field(matPath, s, c, d, "timesREmove", 1).reshape(-1);
                go[k] = Field(matPath, s, c, d, "goEnvelope", 1).reshape(-1);
                plan[k] = Field(matPath, s, c, d, "plan", 2);
                muscle[k] = Field(matPath, s, c, d, "muscle", 2);
            }
        }

        var steps = times!.shape[0];
        return new CondsForSim(
            times.MoveToOuterDisposeScope(),
            Stack(matPath, go, "goEnvelope", conditions, delays, steps).MoveToOuterDisposeScope(),
            Stack(matPath, plan, "plan", conditions, delays, steps).MoveToOuterDisposeScope(),
            Stack(matPath, muscle, "muscle", conditions, delays, steps).MoveToOuterDisposeScope());
    }

    private static Tensor Field(string matPath, MatStruct s, int c, int d, string field, int dims)
    {
        var value = s[c, d, field] as MatNumeric
            ?? throw new DataFormatException(matPath, $"condsForSim({c + 1},{d + 1}).{field} is {s[c, d, field]}; expected a numeric array.");
        if (value.Dimensions.Length != 2 || (dims == 1 && Math.Min(value.Dimensions[0], value.Dimensions[1]) != 1))
        {
            throw new DataFormatException(matPath, $"condsForSim({c + 1},{d + 1}).{field} is {value.ShapeText}; expected {(dims == 1 ? "a T×1 vector" : "a T×k matrix")}.");
        }

        return value.ToTensor();
    }

    private static Tensor Stack(string matPath, Tensor[] items, string field, int conditions, int delays, long steps)
    {
        for (var k = 0; k < items.Length; k++)
        {
            if (items[k].shape[0] != steps)
            {
                throw new DataFormatException(matPath, $"condsForSim({(k / delays) + 1},{(k % delays) + 1}).{field} has {items[k].shape[0]} time steps, timesREmove has {steps}; every field must share the time axis.");
            }
        }

        var stacked = stack(items);
        var shape = new long[] { conditions, delays }.Concat(stacked.shape.Skip(1)).ToArray();
        return stacked.reshape(shape);
    }
}
