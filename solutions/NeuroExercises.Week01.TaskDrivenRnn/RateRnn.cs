using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>
/// The continuous-time rate RNN of Sussillo et al. (2015) as the course writes it, integrated with Euler
/// steps of dt/τ = 1/<see cref="TauOverDt"/>. Fields are named like the course's state-dict keys
/// (<c>J</c>, <c>B</c>, <c>bx</c>, <c>output_linear</c>) so the pretrained <c>.pth</c> files load.
/// <see cref="UnregularizedRNN"/> and <see cref="RegularizedRNN"/> differ only in their gain and in how they are trained.
/// </summary>
public class RateRnn : nn.Module<Tensor, Tensor, RnnStep>
{
#pragma warning disable IDE1006 // names follow the PyTorch state-dict keys
    private readonly Parameter J;
    private readonly Parameter B;
    private readonly Parameter bx;
    private readonly Linear output_linear;
#pragma warning restore IDE1006

    /// <summary>Creates a network with the course's initialisation (see <see cref="InitialWeights"/>).</summary>
    /// <param name="name">Module name.</param>
    /// <param name="inputSize">Inputs per step (16 in the reaching task).</param>
    /// <param name="hiddenSize">Hidden units H.</param>
    /// <param name="outputSize">Outputs per step (2 muscles).</param>
    /// <param name="g">Gain of the recurrent weights.</param>
    /// <param name="h">Gain of the input weights.</param>
    /// <param name="tauOverDt">τ/dt, 5 in the course.</param>
    protected RateRnn(string name, int inputSize, int hiddenSize, int outputSize, double g, double h, double tauOverDt)
        : base(name)
    {
        HiddenSize = hiddenSize;
        TauOverDt = tauOverDt;
        // The course's __init__ creates nn.Linear first, then J and B: the order in which the generator is used.
        output_linear = nn.Linear(hiddenSize, outputSize);
        var (j, b, bias) = InitialWeights(inputSize, hiddenSize, g, h);
        J = new Parameter(j);
        B = new Parameter(b);
        bx = new Parameter(bias);
        RegisterComponents();
    }

    /// <summary>Creates a network holding copies of the given weights (no random draws).</summary>
    /// <param name="name">Module name.</param>
    /// <param name="weights">The weights to copy.</param>
    /// <param name="tauOverDt">τ/dt.</param>
    protected RateRnn(string name, RnnWeights weights, double tauOverDt) : base(name)
    {
        ArgumentNullException.ThrowIfNull(weights);
        HiddenSize = (int)weights.J.shape[0];
        TauOverDt = tauOverDt;
        output_linear = nn.Linear(weights.W.shape[1], weights.W.shape[0]);
        using (no_grad())
        {
            output_linear.weight!.copy_(weights.W);
            output_linear.bias!.copy_(weights.C);
        }
        J = new Parameter(weights.J.detach().clone());
        B = new Parameter(weights.B.detach().clone());
        bx = new Parameter(weights.Bx.detach().clone());
        RegisterComponents();
    }

    /// <summary>Hidden units H.</summary>
    public int HiddenSize { get; }

    /// <summary>τ/dt: each step moves x a fraction 1/TauOverDt of the way to its drive.</summary>
    public double TauOverDt { get; }

    /// <summary>The live parameters (views on the module's own tensors: changing them changes the network).</summary>
    public RnnWeights Weights => new(J, B, bx, output_linear.weight!, output_linear.bias!);

    /// <summary>
    /// The course's initialisation of the recurrent part, drawn from torch's default generator in this
    /// order: J = randn(H, H) · g/√H, then B = randn(H, I) · h/√I; bx = zeros(H).
    /// (The read-out is nn.Linear's default, drawn before these by the constructor.)
    /// Graded by <c>task-driven-rnn/RateRnnChecks.InitialWeights</c> after <c>torch.manual_seed</c>.
    /// </summary>
    /// <param name="inputSize">I.</param>
    /// <param name="hiddenSize">H.</param>
    /// <param name="g">Recurrent gain.</param>
    /// <param name="h">Input gain.</param>
    /// <returns>(J [H,H], B [H,I], bx [H]), float32.</returns>
    public static (Tensor J, Tensor B, Tensor Bx) InitialWeights(int inputSize, int hiddenSize, double g, double h)
    {
        // BEGIN SOLUTION
        // STUB: draw J = randn(H,H)·g/√H, then B = randn(H,I)·h/√I; bx = zeros(H).
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        using var scope = NewDisposeScope();
        // As the course: randn(H, H) * (g / torch.sqrt(torch.tensor(H, dtype=float))), all in float32.
        var j = randn(hiddenSize, hiddenSize) * (tensor((float)g) / sqrt(tensor((float)hiddenSize)));
        var b = randn(hiddenSize, inputSize) * (tensor((float)h) / sqrt(tensor((float)inputSize)));
        var bias = zeros(hiddenSize);
        return (j.MoveToOuterDisposeScope(), b.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
        // END SOLUTION
    }

    /// <summary>
    /// Runs the network with <paramref name="j"/> in place of its recurrent weights J until the returned handle is
    /// disposed, which puts the original J back (also when an exception leaves the <c>using</c> block). The copy is done
    /// under <c>no_grad</c> into the live parameter, so J stays the module's own tensor (same object, same device).
    /// For <see cref="RobustnessTest.Run"/>: <c>using (model.UseRecurrentWeights(perturbed)) { … }</c>.
    /// </summary>
    /// <param name="j">The weights to use, [H, H] (copied; not kept).</param>
    /// <returns>A handle whose <see cref="IDisposable.Dispose"/> restores the original J.</returns>
    public IDisposable UseRecurrentWeights(Tensor j)
    {
        ArgumentNullException.ThrowIfNull(j);
        if (!j.shape.SequenceEqual(J.shape))
        {
            throw new ArgumentException($"j is [{string.Join(", ", j.shape)}], J is [{string.Join(", ", J.shape)}]; pass weights of J's shape.", nameof(j));
        }

        Tensor original;
        using (no_grad())
        {
            original = J.clone();
            J.copy_(j);
        }

        return new RecurrentWeightsRestore(J, original);
    }

    /// <summary>A zero hidden state [batch, H] on the device of the parameters.</summary>
    /// <param name="batchSize">Sequences in the batch.</param>
    /// <returns>zeros(batch, H).</returns>
    public Tensor InitHidden(long batchSize) => zeros(batchSize, HiddenSize, device: J.device);

    /// <summary>
    /// One Euler step of the network. The course writes it for one column vector, x' = x + (1/τ)(−x + J r(x) + B u + bx);
    /// here the step is batch first (each row of x [batch, H] and u [batch, I] is one sequence), so in rows:
    /// x' = x + (−x + r(x) Jᵀ + u Bᵀ + bx) / τ, with r the rectified tanh (<see cref="RnnMath.RectifiedTanh"/>) and
    /// τ = <see cref="TauOverDt"/> — the course's τ/dt (time measured in steps), not τ in seconds.
    /// Then z = r(x') Wᵀ + c (output_linear, on the NEW state); rate penalty = Σ r(x')², a plain sum over batch and units
    /// (0-d, not a mean). The <paramref name="hidden"/> argument is not changed (no in-place operations on it).
    /// Graded by <c>task-driven-rnn/RateRnnChecks.SingleStep_H10</c>, <c>SingleStep_H150</c> and, through
    /// trajectories, most other checks.
    /// </summary>
    /// <param name="input">u, [batch, I].</param>
    /// <param name="hidden">x, [batch, H].</param>
    /// <returns>Output [batch, O], the new hidden state [batch, H], and the rate penalty (0-d).</returns>
    public override RnnStep forward(Tensor input, Tensor hidden)
    {
        // BEGIN SOLUTION
        // STUB: one Euler step x' = x + (1/τ)(−x + J r(x) + B u + bx), output W r(x') + c.
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(hidden);
        using var scope = NewDisposeScope();
        var rate = RnnMath.RectifiedTanh(hidden);
        // r Jᵀ and u Bᵀ are (J rᵀ)ᵀ and (B uᵀ)ᵀ of the course, batch first.
        var drive = -hidden + matmul(rate, J.t()) + matmul(input, B.t()) + bx;
        var next = hidden + (1.0 / TauOverDt) * drive;
        var nextRate = RnnMath.RectifiedTanh(next);
        var output = output_linear.forward(nextRate);
        var penalty = nextRate.square().sum();
        return new RnnStep(output.MoveToOuterDisposeScope(), next.MoveToOuterDisposeScope(), penalty.MoveToOuterDisposeScope());
        // END SOLUTION
    }

    /// <summary>Puts J's original values back once, then frees the copy.</summary>
    private sealed class RecurrentWeightsRestore(Parameter target, Tensor original) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            using (no_grad())
            {
                target.copy_(original);
            }

            original.Dispose();
        }
    }
}
