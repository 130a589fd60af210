using System.Reflection;
using NeuroExercises.Week01.TaskDrivenRnn;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>Runs the cases through the week's solution code (TrajectoryGenerator.Generate, RateRnn.forward, Losses.Loss).</summary>
internal static class TorchSharpSide
{
    /// <summary>λ_w and λ_r of the regularised case (the course's values).</summary>
    public const double Penalty = 1e-4;

    /// <summary>Measures every case; also returns the first trajectory for comparison with PyTorch's.</summary>
    public static (Dictionary<string, SideOutcome> Cases, Trajectory? Trajectory) Run(BenchData data, BenchOptions options)
    {
        set_num_threads(options.Threads);
        var cases = new Dictionary<string, SideOutcome>();
        Trajectory? trajectory = null;

        cases[CaseNames.Trajectory] = Guard(() =>
        {
            var model = new UnregularizedRNN(data.Weights);
            model.eval();
            using (var scope = NewDisposeScope())
            {
                var first = TrajectoryGenerator.Generate(model, data.Inputs);
                trajectory = new Trajectory(first.Outputs.detach().clone().MoveToOuterDisposeScope(), first.Hidden.detach().clone().MoveToOuterDisposeScope());
            }

            var timing = Timing.Measure(
                () =>
                {
                    using var scope = NewDisposeScope();
                    _ = TrajectoryGenerator.Generate(model, data.Inputs);
                },
                options.Warmup,
                options.Repeats);
            return new SideOutcome(timing, null, null);
        });

        cases[CaseNames.TrainUnregularized] = Guard(() => Train(new UnregularizedRNN(data.Weights), data, options, 0, perStep: false));
        cases[CaseNames.TrainRegularized] = Guard(() => Train(new RegularizedRNN(data.Weights), data, options, Penalty, perStep: false));
        cases[CaseNames.TrainUnregularizedPerStep] = Guard(() => Train(new UnregularizedRNN(data.Weights), data, options, 0, perStep: true));
        cases[CaseNames.TrainRegularizedPerStep] = Guard(() => Train(new RegularizedRNN(data.Weights), data, options, Penalty, perStep: true));
        return (cases, trajectory);
    }

    /// <summary>
    /// The solution trainer's differentiable unroll (Trainer.Unroll, internal): what Trainer.Train runs per batch.
    /// Bound by reflection so the bench needs no InternalsVisibleTo in the solutions project.
    /// </summary>
    private static Func<RateRnn, Tensor, (Tensor Outputs, Tensor RateSum)> SolutionUnroll()
    {
        var method = typeof(Trainer).GetMethod("Unroll", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static, [typeof(RateRnn), typeof(Tensor)])
            ?? throw new NotImplementedException("Trainer.Unroll(RateRnn, Tensor) → (Outputs, RateSum) was not found in the solutions; the bench times Trainer.Train's per-batch unroll through it.");
        return method.CreateDelegate<Func<RateRnn, Tensor, (Tensor Outputs, Tensor RateSum)>>();
    }

    /// <summary>The course's loop shape on TorchSharp: one RateRnn.forward per step, outputs stacked, rate penalties summed.</summary>
    private static (Tensor Outputs, Tensor RateSum) PerStepUnroll(RateRnn model, Tensor inputs)
    {
        var batch = inputs.shape[0];
        var hidden = model.InitHidden(batch);
        var outputs = new Tensor[inputs.shape[1]];
        Tensor? rateSum = null;
        for (var t = 0; t < outputs.Length; t++)
        {
            var step = model.forward(inputs.select(1, t), hidden);
            outputs[t] = step.Output;
            hidden = step.Hidden;
            rateSum = rateSum is null ? step.RatePenalty : rateSum + step.RatePenalty;
        }

        return (stack(outputs, 1), rateSum!);
    }

    /// <summary>Times one step of the course's training loop: zero grad, run all steps from x = 0, loss, backward, clip 1.0, Adam.</summary>
    private static SideOutcome Train(RateRnn model, BenchData data, BenchOptions options, double penalty, bool perStep)
    {
        var unroll = perStep ? PerStepUnroll : SolutionUnroll();
        model.train();
        var optimizer = optim.Adam(model.parameters(), lr: 1e-3);
        var inputs = data.Inputs.narrow(0, 0, options.Batch);
        var targets = data.Targets.narrow(0, 0, options.Batch);

        double Step()
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var (outputs, rateSum) = unroll(model, inputs);
            var loss = Losses.Loss(model, outputs, targets, rateSum, penalty, penalty);
            loss.backward();
            nn.utils.clip_grad_norm_(model.parameters(), 1.0);
            optimizer.step();
            return loss.item<float>();
        }

        var firstLoss = Step();
        var timing = Timing.Measure(() => Step(), Math.Max(options.Warmup - 1, 0), options.Repeats);
        return new SideOutcome(timing, firstLoss, null);
    }

    private static SideOutcome Guard(Func<SideOutcome> run)
    {
        try
        {
            return run();
        }
        catch (NotImplementedException e)
        {
            return new SideOutcome(null, null, $"the solution is not written yet: {e.Message}");
        }
    }
}
