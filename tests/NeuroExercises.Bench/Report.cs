using System.Globalization;
using Spectre.Console;

namespace NeuroExercises.Bench;

/// <summary>Prints a <see cref="BenchResult"/> as a table and a verdict.</summary>
internal static class Report
{
    /// <summary>Writes to the console.</summary>
    public static void Print(BenchResult result)
    {
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected || console.Profile.Width < 120)
        {
            console.Profile.Width = 120;
        }

        var table = new Table().Title("Week 1, 27 conditions × 250 steps, H = 150 (median ms)");
        table.AddColumn("case");
        table.AddColumn(new TableColumn("threads").RightAligned());
        table.AddColumn(new TableColumn("TorchSharp ms").RightAligned());
        table.AddColumn(new TableColumn("PyTorch ms").RightAligned());
        table.AddColumn(new TableColumn("ratio").RightAligned());
        table.AddColumn($"≤ {Fmt(result.TargetRatio, "0.0#")}?");
        foreach (var row in result.Cases)
        {
            table.AddRow(
                Markup.Escape(Label(row.Case, result.Batch)),
                $"{row.Threads}",
                row.TorchSharpMs is { } ts ? $"{Fmt(ts, "0.0")} (min {Fmt(row.TorchSharpMinMs!.Value, "0.0")})" : "[red]not run[/]",
                row.PyTorchMs is { } py ? $"{Fmt(py, "0.0")} (min {Fmt(row.PyTorchMinMs!.Value, "0.0")})" : "—",
                row.Ratio is { } r ? Fmt(r, "0.00") : "—",
                row.MeetsTarget switch { true => "[green]yes[/]", false => "[red]no[/]", null => "—" });
        }

        console.Write(table);
        console.WriteLine($"TorchSharp {result.TorchSharp}; PyTorch {result.PyTorch ?? "not run"}, BLAS {result.Blas ?? "?"}"
            + (result.MatmulProbeUs is { } us ? $" (27×150·150×150 matmul {Fmt(us, "0.0")} µs; OpenBLAS ≈ 11 without OPENBLAS_CORETYPE/L2_SIZE, 18–23 with them, reference BLAS ≈ 190)" : string.Empty)
            + $"; {result.ProcessorCount} cores, load average {result.LoadAverage ?? "?"}; {result.Machine}.");

        foreach (var row in result.Cases.Where(r => r.TorchSharpError is not null))
        {
            console.MarkupLineInterpolated($"[red]TorchSharp {row.Case}:[/] {row.TorchSharpError}");
        }

        if (result.PythonError is not null)
        {
            console.MarkupLineInterpolated($"[red]PyTorch side did not run:[/] {result.PythonError}");
            console.MarkupLineInterpolated($"Fix: {result.PythonFix}");
        }
        else if (result.Blas is { } blas && !blas.StartsWith("openblas", StringComparison.Ordinal))
        {
            console.MarkupLineInterpolated($"[yellow]PyTorch uses BLAS '{blas}', not OpenBLAS: its times are 3–10× too slow for a fair baseline. Install libopenblas0-openmp.[/]");
        }

        if (result.Trajectory is { } t)
        {
            var verdict = t.Agrees ? "[green]same trajectory[/]" : "[red]DIFFERENT trajectories: the timings compare different work[/]";
            console.MarkupLine($"Trajectory, TorchSharp vs PyTorch: max |Δz| = {Fmt(t.OutputsMaxAbs, "0.0e0")} (tol {Fmt(TrajectoryAgreement.OutputsTolerance, "0e0")}), "
                + $"max |Δx| = {Fmt(t.HiddenMaxAbs, "0.0e0")} (tol {Fmt(TrajectoryAgreement.HiddenTolerance, "0e0")}): {verdict}");
        }

        foreach (var row in result.Cases.Where(r => r.TorchSharpFirstLoss is not null && r.PyTorchFirstLoss is not null))
        {
            var flag = BenchRun.LossesDiffer(row) ? " [red]DIFFER[/]" : string.Empty;
            console.MarkupLine($"First-step loss, {Markup.Escape(row.Case)}: TorchSharp {Fmt(row.TorchSharpFirstLoss!.Value, "0.000000")}, PyTorch {Fmt(row.PyTorchFirstLoss!.Value, "0.000000")}{flag}");
        }

        var rated = result.Cases.Where(r => r.MeetsTarget is not null && CaseNames.IsTarget(r.Case)).ToList();
        if (rated.Count == 0)
        {
            console.MarkupLine("[yellow]Verdict: no ratio (a side did not run).[/]");
        }
        else
        {
            var missed = rated.Where(r => r.MeetsTarget == false).Select(r => r.Case).ToList();
            console.MarkupLine(missed.Count == 0
                ? $"[green]Verdict: trajectory and training step meet the target ratio ≤ {Fmt(result.TargetRatio, "0.0#")} (TorchSharp / PyTorch).[/]"
                : $"[red]Verdict: misses the target ratio ≤ {Fmt(result.TargetRatio, "0.0#")} in {Markup.Escape(string.Join(", ", missed))}.[/]");
        }
    }

    private static string Label(string name, int batch) => name switch
    {
        CaseNames.Trajectory => "trajectory (27 cond., no grad)",
        CaseNames.TrainUnregularized => $"train step, MSE (batch {batch}), Trainer's unroll",
        CaseNames.TrainRegularized => $"train step, MSE + penalties (batch {batch}), Trainer's unroll",
        CaseNames.TrainUnregularizedPerStep => $"train step, MSE (batch {batch}), forward per step (reference)",
        CaseNames.TrainRegularizedPerStep => $"train step, MSE + penalties (batch {batch}), forward per step (reference)",
        _ => name,
    };

    private static string Fmt(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
