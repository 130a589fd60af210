using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>Tutorial 2: divisive normalization, the (leaky) hard-tanh channel and its inverse.</summary>
public static class Normalization
{
    /// <summary>
    /// Divisive normalization of each row (sample) of x [n, d]: g·x / (σ + (Σ_j |x_j|^p)^{1/p}). σ is added outside the
    /// root (not σ^p inside it), the pool runs over the d dimensions of one sample, and the |·| matters for odd p.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/NormalizationChecks.Normalize</c> (<c>norm_test_out</c>, <c>norm_points_out</c>; 5e-6 of
    /// max |golden|), <c>microcircuits/NormalizationChecks.IlluminantInvariance</c> (<c>visible_norm_s0.1</c>,
    /// <c>visible_norm_s1</c>; 5e-6 of max |golden|) and <c>microcircuits/NormalizationChecks.ZeroPoolAndScale</c> (hidden: <c>norm_zero_out</c>, 0/0 = NaN with σ = 0 on
    /// a zero row, finite with σ &gt; 0; with σ = 0 the output is invariant to scaling x).
    /// </remarks>
    /// <param name="x">[n, d].</param>
    /// <param name="sigma">σ ≥ 0.</param>
    /// <param name="p">The exponent p &gt; 0.</param>
    /// <param name="gain">g.</param>
    /// <returns>[n, d], a new tensor.</returns>
    public static Tensor Normalize(Tensor x, double sigma, double p, double gain)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var scope = NewDisposeScope();
        long[] pool = [1]; // the d dimensions of each sample
        Tensor pooled;
        if (NeuroExercises.Core.Kernels.RowKernels.TrySumOfAbsPower(x, p, pool) is { } sums)
        {
            // Integer p up to 4 with no gradient to record (a CPU, contiguous batch): Σ_j |x_j|^p in one vectorised pass
            // over x, written in C# (0.06 ms on a 4096 × 256 batch, against 0.19 ms for |x|, ^p and Σ below and 0.11 ms
            // for vector_norm at p = 2).
            pooled = p == 1 ? sums : sums.pow_(1 / p);
        }
        else if (p == 2)
        {
            // (Σ_j x_j²)^{1/2} is the 2-norm of each row: one fused kernel, no [n, d] temporary. (Not for p = 1 or 3:
            // libtorch 2.10's vector_norm takes a scalar path there, 1.2 ms and 5.8 ms on a 4096 × 256 batch, against 0.2 ms
            // for |x|, ^p and Σ below.)
            pooled = linalg.vector_norm(x, p, pool, keepdim: true);
        }
        else
        {
            // |x|^p in place unless autograd must keep |x| for the backward pass (pow has fast paths for p = 3, 0.5, …).
            var magnitude = x.abs();
            var powered = x.requires_grad && is_grad_enabled() ? magnitude.pow(p) : magnitude.pow_(p);
            pooled = powered.sum(pool, keepdim: true).pow(1 / p);
        }

        // The gain divides the [n, 1] denominator (in place: a new tensor, nothing saved for autograd), not the [n, d] result.
        return x.div((pooled + sigma).div_(gain)).MoveToOuterDisposeScope();
    }

    /// <summary>The squared Pearson correlation r² between all entries of two tensors of the same shape (float64 inside).</summary>
    /// <remarks>
    /// Graded by <c>microcircuits/NormalizationChecks.IlluminantInvariance</c> (<c>r2_visible</c>,
    /// <c>r2_visible_norm_s0.1</c>, <c>r2_visible_norm_s1</c>; 5e-6).
    /// </remarks>
    /// <param name="a">Any shape.</param>
    /// <param name="b">The shape of <paramref name="a"/>.</param>
    /// <returns>r².</returns>
    public static double PearsonR2(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        using var scope = NewDisposeScope();
        var x = a.flatten().to(ScalarType.Float64);
        var y = b.flatten().to(ScalarType.Float64);
        x -= x.mean();
        y -= y.mean();
        var r = (x.dot(y) / (x.norm() * y.norm())).item<double>();
        return r * r;
    }

    /// <summary>The leaky hard-tanh: h(x) + ℓ·x with h(x) = clip(x, −1, 1) (ℓ = 0: the hard-tanh itself).</summary>
    /// <remarks>
    /// Graded by <c>microcircuits/NormalizationChecks.LeakyHardTanh</c>: <c>hardtanh</c>, <c>lht_leak0.03</c>,
    /// <c>lht_leak0.001</c> (5e-6 of max |golden|).
    /// </remarks>
    /// <param name="x">Any shape.</param>
    /// <param name="leak">ℓ ≥ 0.</param>
    /// <returns>The shape of <paramref name="x"/>.</returns>
    public static Tensor LeakyHardTanh(Tensor x, double leak)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.clamp(-1, 1) + (x * leak);
    }

    /// <summary>
    /// The inverse of the leaky hard-tanh: (y − sign y)/ℓ where |y| ≥ 1 + ℓ, else y/(1 + ℓ).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/NormalizationChecks.InverseLeakyHardTanh</c>: <c>ilht_leak{ℓ}</c> and the round trip
    /// <c>ilht_lht_leak{ℓ}</c> for ℓ = 0.03, 0.001 (5e-6; the ℓ = 0.001 round trip 1e-4).
    /// </remarks>
    /// <param name="y">Any shape.</param>
    /// <param name="leak">ℓ &gt; 0.</param>
    /// <returns>The shape of <paramref name="y"/>.</returns>
    public static Tensor InverseLeakyHardTanh(Tensor y, double leak)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(leak);
        using var scope = NewDisposeScope();
        var outer = (y - y.sign()) / leak;
        var inner = y / (1 + leak);
        return inner.where(y.abs() < 1 + leak, outer).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The thresholded-ReLU network approximating 1/x: ŷ = Σ_i w_i·ReLU(θ_i − x) + b (θ − x, not x − θ).
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/NormalizationChecks.ReluNetwork</c>: <c>relunet_val_pred_init</c> (5e-6 of max |golden|).
    /// </remarks>
    /// <param name="x">x [n] or [n, 1].</param>
    /// <param name="theta">θ [units].</param>
    /// <param name="weight">w [1, units].</param>
    /// <param name="bias">b [1].</param>
    /// <returns>ŷ [n, 1].</returns>
    public static Tensor ReluNetwork(Tensor x, Tensor theta, Tensor weight, Tensor bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        using var scope = NewDisposeScope();
        var hidden = (theta.unsqueeze(0) - x.reshape(-1, 1)).relu();
        return nn.functional.linear(hidden, weight, bias).MoveToOuterDisposeScope();
    }

    /// <summary>The course's nonlinearities by name: "ReLU" max(x, 0), "ReLU6" min(max(x, 0), 6), "SoftPlus" log(1 + eˣ) (x itself
    /// for x &gt; 20, PyTorch's threshold), "Sigmoid" 1/(1 + e⁻ˣ), "Tanh".</summary>
    /// <remarks>Given, not graded (library calls); tested against <c>nl_{ReLU,ReLU6,SoftPlus,Sigmoid,Tanh}</c> on <c>nl_grid</c>
    /// (−25 … 25; 5e-6 of max |golden|). <see cref="TrainReluNetwork"/> uses it for the one-unit nets.</remarks>
    /// <param name="x">Any shape.</param>
    /// <param name="name">ReLU, ReLU6, SoftPlus, Sigmoid or Tanh.</param>
    /// <returns>The shape of <paramref name="x"/>.</returns>
    public static Tensor Activation(Tensor x, string name)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            "ReLU" => x.relu(),
            "ReLU6" => nn.functional.relu6(x),
            "SoftPlus" => nn.functional.softplus(x, 1, 20),
            "Sigmoid" => x.sigmoid(),
            "Tanh" => x.tanh(),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "one of ReLU, ReLU6, SoftPlus, Sigmoid, Tanh"),
        };
    }

    /// <summary>
    /// Trains the thresholded-ReLU network (<see cref="ReluNetwork"/>) as the course does: full-batch SGD without momentum on
    /// the mean squared error L = mean((ŷ − y)²), θ, w and b all learned: p ← p − η·∂L/∂p, the loss and gradients taken
    /// before each update. The arguments are not changed.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/NormalizationChecks.ReluNetworkTraining</c>: <c>relunet_losses</c> [20],
    /// <c>relunet_grad_{theta,w,b}</c> (step 0) and <c>relunet_after_{theta,w,b}</c> (after 20 steps of η = 0.05 on the
    /// 3500 training points of x = U(0, 1) ∪ U(1, 10) + 0.01, y = 1/x; 5e-6 of max |golden|) and
    /// <c>microcircuits/NormalizationChecks.OneUnitNets</c> (hidden: the <paramref name="activation"/> argument, the course's
    /// one-unit nets for ReLU, ReLU6, SoftPlus, Sigmoid and Tanh, 5 steps of η = 5e-3 on the same points from given θ, w, b:
    /// <c>nonlin_{act}_losses</c> and <c>nonlin_{act}_after_{theta,w,b}</c>; 5e-6 of max |golden|).
    /// </remarks>
    /// <param name="x">x [n] or [n, 1].</param>
    /// <param name="y">y, n values ([n] or [n, 1]: reshape it to ŷ's [n, 1] before ŷ − y, or [n] − [n, 1] broadcasts
    /// silently to [n, n]).</param>
    /// <param name="theta">The initial θ [units].</param>
    /// <param name="weight">The initial w [1, units].</param>
    /// <param name="bias">The initial b [1].</param>
    /// <param name="learningRate">η.</param>
    /// <param name="steps">The number of SGD steps.</param>
    /// <param name="activation">The unit's nonlinearity (<see cref="Activation"/>): "ReLU" is <see cref="ReluNetwork"/>; the
    /// course's one-unit nets ŷ = w·act(θ − x) + b use "ReLU6", "SoftPlus", "Sigmoid" and "Tanh".</param>
    /// <returns>The losses, the first step's gradients and the final parameters, new tensors.</returns>
    public static ReluNetworkTraining TrainReluNetwork(Tensor x, Tensor y, Tensor theta, Tensor weight, Tensor bias, double learningRate, int steps, string activation = "ReLU")
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var scope = NewDisposeScope();
        Tensor[] parameters = [.. new[] { theta, weight, bias }.Select(p => p.detach().clone().requires_grad_())];
        var target = y.reshape(-1, 1);
        var losses = new double[steps];
        Tensor[] first = [];
        for (var step = 0; step < steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var prediction = activation == "ReLU"
                ? ReluNetwork(x, parameters[0], parameters[1], parameters[2])
                : nn.functional.linear(Activation(parameters[0].unsqueeze(0) - x.reshape(-1, 1), activation), parameters[1], parameters[2]);
            var loss = nn.functional.mse_loss(prediction, target);
            losses[step] = loss.item<float>();
            var gradients = autograd.grad([loss], parameters);
            if (step == 0)
            {
                first = [.. gradients.Select(g => g.detach().clone().MoveToOuterDisposeScope())];
            }

            using (no_grad())
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].add_(gradients[i], alpha: -learningRate);
                }
            }
        }

        Tensor[] final = [.. parameters.Select(p => p.detach().clone().MoveToOuterDisposeScope())];
        first = [.. first.Select(g => g.MoveToOuterDisposeScope())];
        return new ReluNetworkTraining(losses, first[0], first[1], first[2], final[0], final[1], final[2]);
    }
}
