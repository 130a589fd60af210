using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// The bonus tutorial's softmax decoder of orientation classes: log p = log_softmax(W_out ReLU(W_in r + b_in) + b_out)
/// over the classes (axis 1), trained on the NLL with optional L2 and L1 penalties on the input weights. Weights use
/// nn.Linear's [out, in] layout (in_layer.weight = <see cref="InWeight"/>, …) and are leaves that require gradients.
/// </summary>
public sealed class OrientationClassifier : IDisposable
{
    /// <summary>A classifier holding copies of the given weights.</summary>
    /// <param name="inWeight">W_in [M, N].</param>
    /// <param name="inBias">b_in [M].</param>
    /// <param name="outWeight">W_out [K, M] (K classes).</param>
    /// <param name="outBias">b_out [K].</param>
    public OrientationClassifier(Tensor inWeight, Tensor inBias, Tensor outWeight, Tensor outBias)
    {
        ArgumentNullException.ThrowIfNull(inWeight);
        ArgumentNullException.ThrowIfNull(inBias);
        ArgumentNullException.ThrowIfNull(outWeight);
        ArgumentNullException.ThrowIfNull(outBias);
        InWeight = Leaf(inWeight);
        InBias = Leaf(inBias);
        OutWeight = Leaf(outWeight);
        OutBias = Leaf(outBias);
    }

    /// <summary>W_in [M, N] (in_layer.weight).</summary>
    public Tensor InWeight { get; }

    /// <summary>b_in [M].</summary>
    public Tensor InBias { get; }

    /// <summary>W_out [K, M] (out_layer.weight).</summary>
    public Tensor OutWeight { get; }

    /// <summary>b_out [K].</summary>
    public Tensor OutBias { get; }

    /// <summary>The weights in the order W_in, b_in, W_out, b_out.</summary>
    public IReadOnlyList<Tensor> Parameters => [InWeight, InBias, OutWeight, OutBias];

    /// <summary>The log-probabilities log p = log_softmax(W_out ReLU(W_in r + b_in) + b_out) over the classes (axis 1).</summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/OrientationClassifierChecks.Forward</c> (decoding_bonus.npz: logp_test0, 1e-6 of max
    /// |golden|). Use a stable log-softmax (z − max − log Σ exp(z − max)), not log of softmax.
    /// </remarks>
    /// <param name="r">r [B, N] (float32).</param>
    /// <returns>log p [B, K].</returns>
    public Tensor Forward(Tensor r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var scope = NewDisposeScope();
        var h = (r.matmul(InWeight.t()) + InBias).relu();
        return (h.matmul(OutWeight.t()) + OutBias).log_softmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>The negative log-likelihood NLL = −mean_n log p[n, y_n] (nn.NLLLoss, reduction 'mean').</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/OrientationClassifierChecks.Forward</c> (nll_train0; 1e-6 relative).</remarks>
    /// <param name="logProbabilities">log p [B, K].</param>
    /// <param name="labels">y [B] (int64 classes).</param>
    /// <returns>NLL, a 0-d tensor (differentiable).</returns>
    public static Tensor Nll(Tensor logProbabilities, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(logProbabilities);
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        return (-logProbabilities.gather(1, labels.to(int64).reshape(-1, 1)).mean()).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The penalties on the input weights only (in_layer.weight, never the output layer or the biases), as sums, not
    /// means: L2 term = λ₂ · Σ W_in², L1 term = λ₁ · Σ |W_in| (d|w|/dw = sign(w), 0 at 0).
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/OrientationClassifierChecks.Penalties</c> (decoding_bonus.npz: reg_l2_term0,
    /// reg_l1_term0, reg_loss_train0 with λ₂ = 1e-2, λ₁ = 5e-4; 1e-6 relative).
    /// </remarks>
    /// <param name="l2">λ₂.</param>
    /// <param name="l1">λ₁.</param>
    /// <returns>The two terms, 0-d tensors (differentiable).</returns>
    public (Tensor L2Term, Tensor L1Term) Penalties(double l2, double l1)
    {
        using var scope = NewDisposeScope();
        var l2Term = InWeight.square().sum() * l2;
        var l1Term = InWeight.abs().sum() * l1;
        return (l2Term.MoveToOuterDisposeScope(), l1Term.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Full-batch SGD without momentum on the NLL plus the penalties (when λ₂ or λ₁ is non-zero): per iteration i the
    /// training loss L = <see cref="Nll"/>(Forward(r_train), y_train) + λ₂ Σ W_in² + λ₁ Σ |W_in| is recorded as
    /// TrainLoss[i], every weight moves θ ← θ − lr · ∂L/∂θ, and then the same loss on the test set is recorded as
    /// TestLoss[i]. The weights change in place.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/OrientationClassifierChecks.TrainThreeSteps</c> (after3_*, unregularised;
    /// 1e-6 of max |golden|; the first three of sm_train_loss, sm_test_loss) and
    /// <c>deep-learning-neuro/OrientationClassifierChecks.RegularisedSteps</c> (2 regularised steps: the first two of reg_train_loss,
    /// reg_test_loss; 5e-6 relative). The course: lr 0.1, 1000 iterations.
    /// </remarks>
    /// <param name="rTrain">r [B, N] of the training stimuli.</param>
    /// <param name="yTrain">Their classes [B] (int64).</param>
    /// <param name="rTest">r of the test stimuli.</param>
    /// <param name="yTest">Their classes.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="iterations">Number of steps.</param>
    /// <param name="l2">λ₂ (0: no L2 penalty).</param>
    /// <param name="l1">λ₁ (0: no L1 penalty).</param>
    /// <returns>The two loss curves.</returns>
    public ClassifierHistory Train(Tensor rTrain, Tensor yTrain, Tensor rTest, Tensor yTest, double learningRate, int iterations, double l2 = 0, double l1 = 0)
    {
        ArgumentNullException.ThrowIfNull(rTrain);
        ArgumentNullException.ThrowIfNull(yTrain);
        ArgumentNullException.ThrowIfNull(rTest);
        ArgumentNullException.ThrowIfNull(yTest);
        var train = new float[iterations];
        var test = new float[iterations];
        for (var i = 0; i < iterations; i++)
        {
            using var scope = NewDisposeScope();
            foreach (var p in Parameters)
            {
                p.grad?.zero_();
            }

            var loss = Loss(rTrain, yTrain, l2, l1);
            train[i] = loss.item<float>();
            loss.backward();
            using var noGrad = no_grad();
            foreach (var p in Parameters)
            {
                p.sub_(p.grad! * learningRate);
            }

            test[i] = Loss(rTest, yTest, l2, l1).item<float>();
        }

        return new ClassifierHistory(tensor(train), tensor(test));
    }

    /// <summary>The predicted class of each stimulus, argmax of log p over the classes.</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/OrientationClassifierChecks.RegularisedSteps</c> (the test predictions after two regularised steps, exactly).</remarks>
    /// <param name="r">r [B, N].</param>
    /// <returns>[B] (int64).</returns>
    public Tensor Predict(Tensor r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return Forward(r).argmax(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var p in Parameters)
        {
            p.Dispose();
        }
    }

    private Tensor Loss(Tensor r, Tensor y, double l2, double l1)
    {
        var loss = Nll(Forward(r), y);
        if (l2 != 0 || l1 != 0)
        {
            var (l2Term, l1Term) = Penalties(l2, l1);
            loss = loss + l2Term + l1Term;
        }

        return loss;
    }

    private static Tensor Leaf(Tensor t) => t.detach().clone().to(float32).requires_grad_(true).DetachFromDisposeScope();
}
