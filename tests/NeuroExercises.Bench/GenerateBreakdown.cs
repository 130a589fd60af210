using NeuroExercises.Week01.TaskDrivenRnn;
using TorchSharp;
using static TorchSharp.torch;

namespace NeuroExercises.Bench;

/// <summary>
/// Times the parts of the solution's TrajectoryGenerator.Generate one by one, with the same ops on the same sizes
/// (27 × 250 × 150), so a slow trajectory can be traced to its part (--breakdown).
/// </summary>
internal static class GenerateBreakdown
{
    /// <summary>Prints median ms per part.</summary>
    public static void Print(BenchData data, BenchOptions options)
    {
        set_num_threads(options.Threads);
        var model = new UnregularizedRNN(data.Weights);
        var w = model.Weights;
        const long B = BenchData.Conditions, T = BenchData.Steps, H = BenchData.HiddenSize, I = BenchData.InputSize;
        using var mode = inference_mode();
        var jT = w.J.t();
        var drive = addmm(w.Bx, data.Inputs.transpose(0, 1).reshape(T * B, I), w.B.t(), beta: 1, alpha: 1).view(T, B, H);
        var hidden = empty(T, B, H);
        var rate = zeros(B, H);
        var x = randn(B, H);
        var driveSteps = drive.unbind(0);
        var hiddenSteps = hidden.unbind(0);
        using var zero = 0.0.ToScalar();
        using var decay = 0.8.ToScalar();
        using var gain = 0.2.ToScalar();

        var parts = new (string Name, Action Run)[]
        {
            ("whole Generate (solution)", () => { using var s = NewDisposeScope(); _ = TrajectoryGenerator.Generate(model, data.Inputs); }),
            ("input drive: transpose+reshape+addmm [6750×16·16×150]", () => { using var s = NewDisposeScope(); _ = addmm(w.Bx, data.Inputs.transpose(0, 1).reshape(T * B, I), w.B.t(), beta: 1, alpha: 1).view(T, B, H); }),
            ("250 × NewDisposeScope only", () => { for (var t = 0; t < T; t++) { using var s = NewDisposeScope(); } }),
            ("250 × rate.copy_(x).clamp_min_(0).tanh_()", () => { for (var t = 0; t < T; t++) { rate.copy_(x).clamp_min_(zero).tanh_(); } }),
            ("250 × d.addmm_(r, Jᵀ) [27×150·150×150]", () => { for (var t = 0; t < T; t++) { driveSteps[t].addmm_(rate, jT, beta: 1f, alpha: 1f); } }),
            ("250 × xNext.copy_(x).mul_(decay).add_(d, gain)", () => { for (var t = 0; t < T; t++) { hiddenSteps[t].copy_(x).mul_(decay).add_(driveSteps[t], gain); } }),
            ("250 × driveSteps[t], hiddenSteps[t] (array reads)", () => { for (var t = 0; t < T; t++) { _ = driveSteps[t]; _ = hiddenSteps[t]; } }),
            ("read-out: clamp_min+tanh_ [6750×150] + addmm", () => { using var s = NewDisposeScope(); var r = hidden.view(T * B, H).clamp_min(0).tanh_(); _ = addmm(w.C, r, w.W.t(), beta: 1, alpha: 1); }),
            ("batch-first copies: 2 × transpose(0,1).contiguous()", () => { using var s = NewDisposeScope(); _ = hidden.transpose(0, 1).contiguous(); _ = drive.narrow(2, 0, 2).transpose(0, 1).contiguous(); }),
        };

        Console.WriteLine($"Generate breakdown, {options.Threads} thread(s), median of {options.Repeats} (ms):");
        foreach (var (name, run) in parts)
        {
            var timing = Timing.Measure(run, options.Warmup, options.Repeats);
            Console.WriteLine($"  {timing.MedianMs,8:0.000}  (min {timing.MinMs,7:0.000})  {name}");
        }
    }
}
