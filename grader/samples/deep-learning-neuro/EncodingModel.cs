using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// The bonus convolutional encoding model (stimulus → responses): y = W_out · flatten(conv(s)) + b_out, conv =
/// Conv2d(1, 6, 7, padding 3) (no non-linearity), flatten in (C, H, W) order (6·12·16 = 1152 features for 12 × 16
/// images). Weights use PyTorch's names (conv.weight = <see cref="ConvWeight"/>, out_layer.weight = <see cref="OutWeight"/>)
/// and are leaves that require gradients; the conv weights train too.
/// </summary>
public sealed class EncodingModel : IDisposable
{
    /// <summary>A model holding copies of the given weights.</summary>
    /// <param name="convWeight">[6, 1, 7, 7] (the course: the zero-mean filters).</param>
    /// <param name="convBias">[6].</param>
    /// <param name="outWeight">W_out [neurons, 1152].</param>
    /// <param name="outBias">b_out [neurons].</param>
    public EncodingModel(Tensor convWeight, Tensor convBias, Tensor outWeight, Tensor outBias)
    {
        ArgumentNullException.ThrowIfNull(convWeight);
        ArgumentNullException.ThrowIfNull(convBias);
        ArgumentNullException.ThrowIfNull(outWeight);
        ArgumentNullException.ThrowIfNull(outBias);
        ConvWeight = Leaf(convWeight);
        ConvBias = Leaf(convBias);
        OutWeight = Leaf(outWeight);
        OutBias = Leaf(outBias);
    }

    /// <summary>conv.weight [6, 1, 7, 7].</summary>
    public Tensor ConvWeight { get; }

    /// <summary>conv.bias [6].</summary>
    public Tensor ConvBias { get; }

    /// <summary>out_layer.weight [neurons, 1152].</summary>
    public Tensor OutWeight { get; }

    /// <summary>out_layer.bias [neurons].</summary>
    public Tensor OutBias { get; }

    /// <summary>The weights in the order conv.weight, conv.bias, out_layer.weight, out_layer.bias.</summary>
    public IReadOnlyList<Tensor> Parameters => [ConvWeight, ConvBias, OutWeight, OutBias];

    /// <summary>The convolution's output conv(s) (padding 3, with its bias).</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/EncodingModelChecks.Forward</c> (encoding.npz: conv_act0; 1e-6 of max |golden|).</remarks>
    /// <param name="stimuli">s [B, 1, H, W].</param>
    /// <returns>[B, 6, H, W].</returns>
    public Tensor ConvOutput(Tensor stimuli)
    {
        ArgumentNullException.ThrowIfNull(stimuli);
        return nn.functional.conv2d(stimuli, ConvWeight, ConvBias, padding: [3, 3]);
    }

    /// <summary>The predicted responses y = flatten(conv(s)) W_outᵀ + b_out.</summary>
    /// <remarks>Graded by <c>deep-learning-neuro/EncodingModelChecks.Forward</c> (y_pred0; 1e-5 of max |golden|).</remarks>
    /// <param name="stimuli">s [B, 1, H, W].</param>
    /// <returns>ŷ [B, neurons].</returns>
    public Tensor Forward(Tensor stimuli)
    {
        ArgumentNullException.ThrowIfNull(stimuli);
        using var scope = NewDisposeScope();
        return (ConvOutput(stimuli).flatten(1).matmul(OutWeight.t()) + OutBias).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The regularised loss: MSE = mean over all stimuli and neurons of (ŷ − y)², plus λ₂ Σ W_out² + λ₁ Σ |W_out| on the
    /// output layer's weight only (sums, not means; not the conv weights, not the biases).
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/EncodingModelChecks.Forward</c> (loss0_mse, loss0_l2, loss0_l1, loss0_reg with
    /// λ₂ = 5e-4, λ₁ = 1e-6; 1e-5 relative).
    /// </remarks>
    /// <param name="stimuli">s [B, 1, H, W].</param>
    /// <param name="target">y [B, neurons].</param>
    /// <param name="l2">λ₂.</param>
    /// <param name="l1">λ₁.</param>
    /// <returns>The loss and its parts.</returns>
    public EncodingLoss Loss(Tensor stimuli, Tensor target, double l2, double l1)
    {
        ArgumentNullException.ThrowIfNull(stimuli);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var mse = (Forward(stimuli) - target).square().mean();
        var l2Term = OutWeight.square().sum() * l2;
        var l1Term = OutWeight.abs().sum() * l1;
        var total = mse + l2Term + l1Term;
        return new EncodingLoss(total.MoveToOuterDisposeScope(), mse.MoveToOuterDisposeScope(), l2Term.MoveToOuterDisposeScope(), l1Term.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Full-batch training with <see cref="MomentumSgd"/> (lr, μ) on <see cref="Loss"/>: per step i the training loss is
    /// recorded as TrainLoss[i], all four weights step, and at i = 0 and every i with (i + 1) % testEvery = 0 the same loss
    /// on the test responses is recorded as TestLoss[i] (NaN elsewhere). The weights change in place.
    /// </summary>
    /// <remarks>
    /// Graded by <c>deep-learning-neuro/EncodingModelChecks.TrainThreeSteps</c> (encoding.npz: after3_*, the first three
    /// of train_loss and test_loss[0]; 1e-5 of max |golden|). The course (scaled to 8 neurons): lr 0.016, μ 0.9, 200 steps,
    /// λ₂ = 5e-4, λ₁ = 1e-6, test every 20.
    /// </remarks>
    /// <param name="stimuli">s [B, 1, H, W].</param>
    /// <param name="respTrain">Training responses [B, neurons].</param>
    /// <param name="respTest">Test responses [B, neurons] (the other half of the trials).</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="momentum">μ.</param>
    /// <param name="steps">Number of steps.</param>
    /// <param name="l2">λ₂.</param>
    /// <param name="l1">λ₁.</param>
    /// <param name="testEvery">The test interval (20).</param>
    /// <returns>The loss curves.</returns>
    public EncodingHistory Train(Tensor stimuli, Tensor respTrain, Tensor respTest, double learningRate, double momentum, int steps, double l2, double l1, int testEvery = 20)
    {
        ArgumentNullException.ThrowIfNull(stimuli);
        ArgumentNullException.ThrowIfNull(respTrain);
        ArgumentNullException.ThrowIfNull(respTest);
        using var sgd = new MomentumSgd(Parameters, learningRate, momentum);
        var train = new float[steps];
        var test = Enumerable.Repeat(float.NaN, steps).ToArray();
        for (var i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            sgd.ZeroGrad();
            var loss = Loss(stimuli, respTrain, l2, l1).Total;
            train[i] = loss.item<float>();
            loss.backward();
            sgd.Step();
            if (i == 0 || (i + 1) % testEvery == 0)
            {
                using var noGrad = no_grad();
                test[i] = Loss(stimuli, respTest, l2, l1).Total.item<float>();
            }
        }

        return new EncodingHistory(tensor(train), tensor(test));
    }

    /// <summary>
    /// The explained variance of each neuron on held-out data: EV = 1 − Σ_s (ŷ_s − y_s)² / Σ_s (y_s − mean_s y)².
    /// </summary>
    /// <remarks>Graded by <c>deep-learning-neuro/EncodingModelChecks.ExplainedVariance</c> (encoding.npz: ev_test from y_pred_final; 5e-6 absolute).</remarks>
    /// <param name="prediction">ŷ [B, neurons].</param>
    /// <param name="target">y [B, neurons].</param>
    /// <returns>EV [neurons] (float32).</returns>
    public static Tensor ExplainedVariance(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var residual = (prediction - target).square().sum(dim: 0);
        var total = (target - target.mean([0], keepdim: true)).square().sum(dim: 0);
        return (1 - (residual / total)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var p in Parameters)
        {
            p.Dispose();
        }
    }

    private static Tensor Leaf(Tensor t) => t.detach().clone().to(float32).requires_grad_(true).DetachFromDisposeScope();
}
