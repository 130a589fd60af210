using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>
/// An ensemble-level network of pyramidal populations, n₋₁ → n₀ → … → n_L (hidden layers l = 0 … L−1, output l = L),
/// with the feed-forward weights and biases of every layer and the top-down weights of every hidden layer:
/// <list type="bullet">
/// <item><c>W[l]</c> [n_l, n_{l−1}] and <c>Bias[l]</c> [n_l] (E_l = σ(E_{l−1} W_lᵀ + b_l));</item>
/// <item><c>Y[h]</c> [n_{h+1}, n_h]: feedback into hidden layer h from layer h+1, acting as B_{h+1} Y_h
/// (symmetric feedback is Y_h = W_{h+1});</item>
/// <item><c>Q[h]</c> [n_{h+1}, n_h] (BurstCCN only): the event-driven inhibitory feedback, acting as E_{h+1} Q_h;</item>
/// <item><c>R[h]</c> [n_h, n_h] (Burstprop only): recurrent inhibition of the apical potential, acting as B^pre_h R_hᵀ.</item>
/// </list>
/// Names and shapes are those of the course's reference arrays (W0, bias0, Y0, Q0, R0, …). The network owns its tensors
/// (the constructor copies its arguments) and disposes them in <see cref="Dispose"/>. Provided (not graded).
/// </summary>
public sealed class BurstNetwork : IDisposable
{
    private readonly Tensor[] w;
    private readonly Tensor[] bias;
    private readonly Tensor[] y;
    private readonly Tensor[] q;
    private readonly Tensor[] r;

    /// <summary>Copies the given tensors (float32) into a new network; the arguments stay the caller's.</summary>
    /// <param name="w">W_l [n_l, n_{l−1}] for l = 0 … L.</param>
    /// <param name="bias">b_l [n_l] for l = 0 … L.</param>
    /// <param name="y">Y_h [n_{h+1}, n_h] for h = 0 … L−1.</param>
    /// <param name="q">Q_h [n_{h+1}, n_h] (BurstCCN) or null/empty.</param>
    /// <param name="r">R_h [n_h, n_h] (Burstprop) or null/empty.</param>
    /// <exception cref="ArgumentException">Counts or shapes do not fit together.</exception>
    public BurstNetwork(IReadOnlyList<Tensor> w, IReadOnlyList<Tensor> bias, IReadOnlyList<Tensor> y, IReadOnlyList<Tensor>? q = null, IReadOnlyList<Tensor>? r = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(y);
        q ??= [];
        r ??= [];
        if (w.Count < 1 || bias.Count != w.Count || y.Count != w.Count - 1 || (q.Count != 0 && q.Count != y.Count) || (r.Count != 0 && r.Count != y.Count))
        {
            throw new ArgumentException(
                $"BurstNetwork: {w.Count} W, {bias.Count} biases, {y.Count} Y, {q.Count} Q, {r.Count} R; give one W and one bias per layer, "
                + "one Y per hidden layer (layers − 1), and Q or R either empty or one per hidden layer.");
        }

        for (var l = 0; l < w.Count; l++)
        {
            var rows = w[l].shape[0];
            if (w[l].dim() != 2 || bias[l].dim() != 1 || bias[l].shape[0] != rows || (l > 0 && w[l].shape[1] != w[l - 1].shape[0]))
            {
                throw new ArgumentException($"BurstNetwork: W{l} is [{string.Join(", ", w[l].shape)}] and bias{l} [{string.Join(", ", bias[l].shape)}]; W_l must be [n_l, n_(l-1)] and b_l [n_l].");
            }
        }

        for (var h = 0; h < y.Count; h++)
        {
            long[] feedback = [w[h + 1].shape[0], w[h].shape[0]];
            Check(y[h], feedback, $"Y{h}");
            if (q.Count != 0)
            {
                Check(q[h], feedback, $"Q{h}");
            }

            if (r.Count != 0)
            {
                Check(r[h], [w[h].shape[0], w[h].shape[0]], $"R{h}");
            }
        }

        this.w = Copy(w);
        this.bias = Copy(bias);
        this.y = Copy(y);
        this.q = Copy(q);
        this.r = Copy(r);
    }

    /// <summary>W_l [n_l, n_{l−1}], l = 0 … L.</summary>
    public IReadOnlyList<Tensor> W => w;

    /// <summary>b_l [n_l], l = 0 … L.</summary>
    public IReadOnlyList<Tensor> Bias => bias;

    /// <summary>Y_h [n_{h+1}, n_h], h = 0 … L−1: feedback into hidden layer h, acting as B_{h+1} Y_h.</summary>
    public IReadOnlyList<Tensor> Y => y;

    /// <summary>Q_h [n_{h+1}, n_h] (BurstCCN; empty otherwise): inhibitory feedback acting as E_{h+1} Q_h.</summary>
    public IReadOnlyList<Tensor> Q => q;

    /// <summary>R_h [n_h, n_h] (Burstprop; empty otherwise): recurrent inhibition acting as B^pre_h R_hᵀ.</summary>
    public IReadOnlyList<Tensor> R => r;

    /// <summary>Number of feed-forward layers L + 1 (hidden layers and the output layer).</summary>
    public int Layers => w.Length;

    /// <summary>Layer sizes [n₋₁, n₀, …, n_L] (input first).</summary>
    public IReadOnlyList<long> Sizes => [w[0].shape[1], .. w.Select(m => m.shape[0])];

    /// <summary>
    /// A freshly drawn network (from torch's default generator; seed it first for reproducible draws):
    /// W_l Xavier normal with <see cref="NetworkInit.WeightGain"/>, b_l ~ N(0, <see cref="NetworkInit.BiasStd"/>²),
    /// Y_h ~ N(0, <see cref="NetworkInit.FeedbackStd"/>²) (or Xavier normal with gain 1 when it is null),
    /// Q_h = p̄ Y_h when <paramref name="kind"/> is <see cref="FeedbackKind.BurstCcn"/>,
    /// R_h ~ U(−<see cref="NetworkInit.RecurrentRange"/>, +…) when it is <see cref="FeedbackKind.Burstprop"/>.
    /// Draw order: W_l, b_l layer by layer, then Y_h, then Q_h / R_h.
    /// </summary>
    /// <param name="sizes">[n₋₁, n₀, …, n_L], at least two entries.</param>
    /// <param name="init">Scales of the draws.</param>
    /// <param name="kind">Which extra top-down weights the network carries.</param>
    /// <param name="pBaseline">p̄ for Q = p̄ Y (BurstCCN).</param>
    /// <returns>A new network (the caller disposes it).</returns>
    public static BurstNetwork Create(IReadOnlyList<int> sizes, NetworkInit init, FeedbackKind kind, double pBaseline = 0.5)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        ArgumentNullException.ThrowIfNull(init);
        if (sizes.Count < 2 || sizes.Any(s => s < 1))
        {
            throw new ArgumentException($"BurstNetwork.Create: sizes [{string.Join(", ", sizes)}]; give at least the input and output sizes, all ≥ 1.", nameof(sizes));
        }

        using var scope = NewDisposeScope();
        var layers = sizes.Count - 1;
        var ws = new Tensor[layers];
        var bs = new Tensor[layers];
        for (var l = 0; l < layers; l++)
        {
            ws[l] = Xavier(sizes[l + 1], sizes[l], init.WeightGain);
            bs[l] = randn(sizes[l + 1]) * init.BiasStd;
        }

        var ys = new Tensor[layers - 1];
        for (var h = 0; h < layers - 1; h++)
        {
            ys[h] = init.FeedbackStd is { } std ? randn(sizes[h + 2], sizes[h + 1]) * std : Xavier(sizes[h + 2], sizes[h + 1], 1.0);
        }

        var qs = kind == FeedbackKind.BurstCcn ? ys.Select(m => m * pBaseline).ToArray() : [];
        var rs = kind == FeedbackKind.Burstprop
            ? Enumerable.Range(0, layers - 1).Select(h => (rand(sizes[h + 1], sizes[h + 1]) * 2 - 1) * init.RecurrentRange).ToArray()
            : [];
        return new BurstNetwork(ws, bs, ys, qs, rs);
    }

    /// <summary>A deep copy (new tensors).</summary>
    /// <returns>The copy (the caller disposes it).</returns>
    public BurstNetwork Clone() => new(w, bias, y, q, r);

    /// <summary>
    /// The same network with symmetric feedback: Y_h = W_{h+1}, Q_h = p̄ W_{h+1} when it has Q (so A = 0 without
    /// teaching stays true), R unchanged.
    /// </summary>
    /// <param name="pBaseline">p̄ for Q = p̄ Y.</param>
    /// <returns>A new network (the caller disposes it).</returns>
    public BurstNetwork WithSymmetricFeedback(double pBaseline)
    {
        using var scope = NewDisposeScope();
        var ys = w.Skip(1).ToArray();
        var qs = q.Length == 0 ? [] : ys.Select(m => m * pBaseline).ToArray();
        return new BurstNetwork(w, bias, ys, qs, r);
    }

    /// <summary>
    /// Adds an update in place: W += ΔW, b += Δb, and Y, Q, R likewise where the update has them (an empty list
    /// leaves those weights unchanged).
    /// </summary>
    /// <param name="update">The update (same shapes as the weights).</param>
    public void Apply(NetworkUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var noGrad = no_grad();
        Add(w, update.W, "W");
        Add(bias, update.Bias, "Bias");
        Add(y, update.Y, "Y");
        Add(q, update.Q, "Q");
        Add(r, update.R, "R");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in w.Concat(bias).Concat(y).Concat(q).Concat(r))
        {
            t.Dispose();
        }
    }

    private static void Add(Tensor[] target, IReadOnlyList<Tensor> delta, string name)
    {
        if (delta.Count == 0)
        {
            return;
        }

        if (delta.Count != target.Length)
        {
            throw new ArgumentException($"BurstNetwork.Apply: {delta.Count} Δ{name} for {target.Length} {name}; give one per weight or none.");
        }

        for (var i = 0; i < target.Length; i++)
        {
            target[i].add_(delta[i]);
        }
    }

    private static Tensor Xavier(long fanOut, long fanIn, double gain) =>
        randn(fanOut, fanIn) * (gain * Math.Sqrt(2.0 / (fanIn + fanOut)));

    private static Tensor[] Copy(IReadOnlyList<Tensor> tensors)
    {
        // Intermediates die with this scope; the copies leave every scope (the network owns and disposes them).
        using var scope = NewDisposeScope();
        return [.. tensors.Select(t => t.detach().to(float32).clone().DetachFromDisposeScope())];
    }

    private static void Check(Tensor t, long[] shape, string name)
    {
        if (!t.shape.SequenceEqual(shape))
        {
            throw new ArgumentException($"BurstNetwork: {name} is [{string.Join(", ", t.shape)}], expected [{string.Join(", ", shape)}] ([n_(h+1), n_h] for Y and Q, [n_h, n_h] for R).");
        }
    }
}
