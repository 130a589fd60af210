using NeuroExercises.Core.Plots;
using static TorchSharp.torch;

namespace NeuroExercises.Week01.TaskDrivenRnn;

/// <summary>PNG figures of the week: recorded PSTHs, network inputs, muscles (targets vs outputs) and robustness curves. Provided code, not graded.</summary>
public static class WeekPlots
{
    /// <summary>One panel per neuron with its PSTH in each of the first <paramref name="maxConditions"/> conditions.</summary>
    /// <param name="path">PNG to write.</param>
    /// <param name="psth">Aligned PSTHs (<see cref="Psth.Extract"/>).</param>
    /// <param name="neurons">Neuron indices to show.</param>
    /// <param name="maxConditions">Conditions per panel.</param>
    public static void Psths(string path, PsthData psth, IReadOnlyList<int> neurons, int maxConditions = 8)
    {
        ArgumentNullException.ThrowIfNull(psth);
        ArgumentNullException.ThrowIfNull(neurons);
        var x = Values(psth.Times);
        var conditions = (int)Math.Min(maxConditions, psth.Rates.shape[1]);
        var panels = neurons.Select(n => new PanelSpec(
            $"neuron {n}",
            "time from movement onset (s)",
            "rate (Hz)",
            x,
            Enumerable.Range(0, conditions).Select(c => new PlotSeries($"c{c}", Values(psth.Rates[n, c]))).ToList())).ToList();
        PlotPng.Grid(path, panels, Math.Min(3, panels.Count));
    }

    /// <summary>The 16 network inputs (15 plan features and the go envelope) of one sequence over time.</summary>
    /// <param name="path">PNG to write.</param>
    /// <param name="times">Step times (s), [T].</param>
    /// <param name="inputs">Inputs [C, T, F] (e.g. <see cref="PreparedDataset.Inputs"/>).</param>
    /// <param name="condition">Which sequence.</param>
    public static void Inputs(string path, Tensor times, Tensor inputs, int condition)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(inputs);
        var features = inputs.shape[2];
        var series = Enumerable.Range(0, (int)features)
            .Select(f => new PlotSeries(f == features - 1 ? "go" : f == 0 ? "plan" : "", Values(inputs[condition, .., f])))
            .ToList();
        PlotPng.Lines(path, new PanelSpec($"inputs, condition {condition}", "time (s)", "normalised input", Values(times), series));
    }

    /// <summary>One panel per condition: each muscle's target (recorded EMG) and the network's output.</summary>
    /// <param name="path">PNG to write.</param>
    /// <param name="times">Step times (s), [T].</param>
    /// <param name="targets">Targets [C, T, 2].</param>
    /// <param name="outputs">Network outputs [C, T, 2].</param>
    /// <param name="conditions">Conditions to show (indices into the first axis).</param>
    public static void Muscles(string path, Tensor times, Tensor targets, Tensor outputs, IReadOnlyList<int> conditions)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(conditions);
        var x = Values(times);
        var panels = conditions.Select(c => new PanelSpec(
            $"condition {c}",
            "time (s)",
            "muscle activity",
            x,
            Enumerable.Range(0, (int)targets.shape[2]).SelectMany(m => new[]
            {
                new PlotSeries($"target m{m}", Values(targets[c, .., m])),
                new PlotSeries($"output m{m}", Values(outputs[c, .., m])),
            }).ToList())).ToList();
        PlotPng.Grid(path, panels, Math.Min(3, panels.Count));
    }

    /// <summary>Normalised error (mean ± s.d. over repeats) against perturbation level, one line per network.</summary>
    /// <param name="path">PNG to write.</param>
    /// <param name="title">Panel title, e.g. "recurrent weight noise".</param>
    /// <param name="levelLabel">x axis label, e.g. "p (relative to mean |J|)".</param>
    /// <param name="results">Named results (e.g. "regularized", "unregularized").</param>
    public static void Robustness(string path, string title, string levelLabel, IReadOnlyList<(string Name, RobustnessResult Result)> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw new ArgumentException($"WeekPlots.Robustness({path}): no results; pass at least one.", nameof(results));
        }

        var series = results.Select(r => new PlotSeries(r.Name, r.Result.Mean, r.Result.StandardDeviation, ErrorStyle.Bars, r.Result.Levels)).ToList();
        PlotPng.Lines(path, new PanelSpec(title, levelLabel, "normalised error (%)", results[0].Result.Levels, series));
    }

    private static double[] Values(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().to(float64).contiguous().data<double>().ToArray();
    }
}
