using NeuroExercises.Core;
using NeuroExercises.Core.Pth;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>
/// The course's pretrained networks (regularized_model_final.pth, unregularized_model_final.pth): PyTorch state
/// dicts with the keys <c>J</c>, <c>B</c>, <c>bx</c>, <c>output_linear.weight</c>, <c>output_linear.bias</c>.
/// Provided code, not graded.
/// </summary>
public static class Pretrained
{
    /// <summary>The state-dict keys of a <see cref="RateRnn"/>, in <see cref="RnnWeights"/> order.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["J", "B", "bx", "output_linear.weight", "output_linear.bias"];

    /// <summary>Reads the five weight tensors of a state dict (float32, CPU) and checks that their shapes fit together.</summary>
    /// <param name="pthPath">A .pth written by <c>torch.save(model.state_dict(), path)</c>.</param>
    /// <returns>The weights; the caller owns them.</returns>
    /// <exception cref="DataFormatException">A key is missing or a shape does not fit; the message names the key and the shapes.</exception>
    public static RnnWeights ReadWeights(string pthPath)
    {
        var dict = StateDict.Read(pthPath);
        var missing = Keys.Where(k => !dict.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFormatException(pthPath, $"state dict has no {string.Join(", ", missing)} (keys present: {string.Join(", ", dict.Keys)}); save the course's RNN with torch.save(model.state_dict(), path).");
        }

        var t = Keys.Select(k => dict[k].to(float32)).ToArray();
        var h = t[0].shape[0];
        Expect(pthPath, "J", t[0], [h, h]);
        if (t[1].dim() != 2)
        {
            throw new DataFormatException(pthPath, $"key B has shape {Shape(t[1])}; expected [H, inputs].");
        }

        Expect(pthPath, "B", t[1], [h, t[1].shape[1]]);
        Expect(pthPath, "bx", t[2], [h]);
        if (t[3].dim() != 2)
        {
            throw new DataFormatException(pthPath, $"key output_linear.weight has shape {Shape(t[3])}; expected [outputs, {h}].");
        }

        Expect(pthPath, "output_linear.weight", t[3], [t[3].shape[0], h]);
        Expect(pthPath, "output_linear.bias", t[4], [t[3].shape[0]]);
        return new RnnWeights(t[0], t[1], t[2], t[3], t[4]);
    }

    /// <summary>Copies a state dict's weights into an existing network of the same sizes.</summary>
    /// <param name="model">The network to overwrite.</param>
    /// <param name="pthPath">The state dict.</param>
    /// <exception cref="DataFormatException">A key is missing or its shape differs from the model's; the message names the key and both shapes.</exception>
    public static void LoadInto(RateRnn model, string pthPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = NewDisposeScope();
        var loaded = ReadWeights(pthPath);
        var target = model.Weights;
        Tensor[] from = [loaded.J, loaded.B, loaded.Bx, loaded.W, loaded.C];
        Tensor[] to = [target.J, target.B, target.Bx, target.W, target.C];
        for (var i = 0; i < from.Length; i++)
        {
            Expect(pthPath, Keys[i], from[i], to[i].shape, "the model's");
        }

        using var noGrad = no_grad();
        for (var i = 0; i < from.Length; i++)
        {
            to[i].copy_(from[i]);
        }
    }

    /// <summary>Loads unregularized_model_final.pth (or any state dict of the layout) as an <see cref="UnregularizedRNN"/>.</summary>
    /// <param name="pthPath">The state dict.</param>
    /// <param name="tauOverDt">τ/dt (5 in the course).</param>
    /// <returns>The network, sized from the file.</returns>
    public static UnregularizedRNN LoadUnregularized(string pthPath, double tauOverDt = 5)
        => Load(pthPath, w => new UnregularizedRNN(w, tauOverDt));

    /// <summary>Loads regularized_model_final.pth (or any state dict of the layout) as a <see cref="RegularizedRNN"/>.</summary>
    /// <param name="pthPath">The state dict.</param>
    /// <param name="tauOverDt">τ/dt (5 in the course).</param>
    /// <returns>The network, sized from the file.</returns>
    public static RegularizedRNN LoadRegularized(string pthPath, double tauOverDt = 5)
        => Load(pthPath, w => new RegularizedRNN(w, tauOverDt));

    /// <summary>Reads the weights, builds the network from copies of them, frees the read tensors.</summary>
    private static T Load<T>(string pthPath, Func<RnnWeights, T> create)
    {
        var weights = ReadWeights(pthPath);
        try
        {
            return create(weights);
        }
        finally
        {
            Dispose(weights);
        }
    }

    private static void Dispose(RnnWeights w)
    {
        w.J.Dispose();
        w.B.Dispose();
        w.Bx.Dispose();
        w.W.Dispose();
        w.C.Dispose();
    }

    private static void Expect(string path, string key, Tensor t, long[] shape, string whose = "the expected")
    {
        if (!t.shape.SequenceEqual(shape))
        {
            throw new DataFormatException(path, $"key {key} has shape {Shape(t)} but {whose} shape is [{string.Join(", ", shape)}]; load a state dict saved from a network of the same sizes.");
        }
    }

    private static string Shape(Tensor t) => $"[{string.Join(", ", t.shape)}]";
}
