using NeuroExercises.Week01.TaskDrivenRnn;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>Shared pieces of the week's checks: reading the weight archives, building models, returning results.</summary>
internal static class CheckKit
{
    /// <summary>The week id every check class of this folder declares.</summary>
    internal const string Week = "task-driven-rnn";

    /// <summary>The weights of an input archive (J, B, bx, W, c) as the model constructor takes them.</summary>
    internal static RnnWeights Weights(IReadOnlyDictionary<string, Tensor> archive) =>
        new(archive["J"], archive["B"], archive["bx"], archive["W"], archive["c"]);

    /// <summary>An unregularised network holding copies of an archive's weights, on the check's device; dispose the lease.</summary>
    internal static ModelLease Model(CheckContext ctx, IReadOnlyDictionary<string, Tensor> archive)
    {
        var model = new UnregularizedRNN(Weights(archive), archive["tau_over_dt"].item<float>());
        model.to(ctx.Device);
        return new ModelLease(model);
    }

    /// <summary>Smooth fixed targets [batch, steps, 2] (not data of the course: only the error computations need them).</summary>
    internal static Tensor SyntheticTargets(long batch, long steps, Device device)
    {
        var t = arange(steps, float32, device).reshape(1, steps, 1) / steps;
        var b = arange(1, batch + 1, float32, device).reshape(batch, 1, 1);
        var o = tensor(new float[] { 0f, 1.3f }, device: device).reshape(1, 1, 2);
        return 0.5f * sin(2 * Math.PI * t * b + o) + 0.1f * o;
    }

    /// <summary>A 0-d float32 tensor: 1 when <paramref name="value"/> holds, else 0 (the snapshot holds 1).</summary>
    internal static Tensor Flag(bool value) => tensor(value ? 1f : 0f);

    /// <summary>A 0-d float64 tensor.</summary>
    internal static Tensor Scalar(double value) => tensor(value, float64);

    /// <summary>True when the two tensors have the same shape and bit-equal values.</summary>
    internal static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>Detaches the named results and moves them out of the check's dispose scope.</summary>
    internal static IReadOnlyDictionary<string, Tensor> Results(params (string Name, Tensor Value)[] results)
    {
        var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, value) in results)
        {
            dict.Add(name, value.detach().MoveToOuterDisposeScope());
        }

        return dict;
    }

    /// <summary>Runs <paramref name="model"/> step by step from a zero state, keeping the graph (for loss checks).</summary>
    internal static (Tensor Outputs, Tensor RateSum) Unroll(RateRnn model, Tensor inputs)
    {
        var hidden = model.InitHidden(inputs.shape[0]);
        var outputs = new List<Tensor>();
        var rateSum = zeros(1, device: inputs.device).squeeze();
        foreach (var u in inputs.unbind(1))
        {
            var step = model.forward(u, hidden);
            outputs.Add(step.Output);
            hidden = step.Hidden;
            rateSum = rateSum + step.RatePenalty;
        }

        return (stack(outputs, 1), rateSum);
    }

    /// <summary>torch.manual_seed on the CPU generator (and CUDA's, where present).</summary>
    internal static void Seed(long seed) => NeuroExercises.Core.Devices.Seeding.Seed(seed);

    /// <summary>A fresh generator on the check's device with a fixed seed.</summary>
    internal static Generator NewGenerator(CheckContext ctx, ulong seed) => new(seed, ctx.Device);
}
