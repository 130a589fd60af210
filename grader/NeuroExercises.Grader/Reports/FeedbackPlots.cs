using System.Globalization;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Judge;
using ScottPlot;

namespace NeuroExercises.Grader.Reports;

/// <summary>
/// Draws a check's <see cref="FeedbackPlotAttribute"/> declarations as PNG (ScottPlot, headless): the student's array
/// against the reference, as a trace, an error over the first axis on a log scale, or a scatter of yours against expected.
/// Non-finite values of the student's are left out of the lines and counted in the caption.
/// </summary>
internal static class FeedbackPlots
{
    /// <summary>Width of every plot in pixels.</summary>
    public const int Width = 760;

    /// <summary>Height of every plot in pixels.</summary>
    public const int Height = 340;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // SkiaSharp's Linux build does not ask fontconfig; ask for a sans family by name (Debian's fonts-dejavu-core), as PlotPng does.
    private static readonly Lazy<string?> SansFamily = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" }.FirstOrDefault(installed.Contains);
    });

    /// <summary>
    /// The figures of every declaration that can be drawn: both arrays present with the same shape, and the selection
    /// fitting that shape (a declaration that does not fit is a course-staff error, caught by the week's tests).
    /// </summary>
    public static IReadOnlyList<FeedbackFigure> Draw(CheckFeedback feedback)
    {
        var figures = new List<FeedbackFigure>();
        foreach (var declared in feedback.Plots)
        {
            if (!feedback.Expected.TryGetValue(declared.Output, out var expected)
                || !feedback.Received.TryGetValue(declared.Output, out var received)
                || !expected.Shape.SequenceEqual(received.Shape))
            {
                continue;
            }

            var tolerance = feedback.Comparisons.FirstOrDefault(c => string.Equals(c.Output, declared.Output, StringComparison.Ordinal))?.Tolerance;
            if (Draw(declared, expected, received, tolerance) is { } figure)
            {
                figures.Add(figure);
            }
        }

        return figures;
    }

    /// <summary>One figure, or null when the selection or the remaining shape does not suit the plot's kind.</summary>
    internal static FeedbackFigure? Draw(FeedbackPlotAttribute declared, NpyArray expected, NpyArray received, OutputTolerance? tolerance)
    {
        var e = Select(expected, declared.Select);
        var a = Select(received, declared.Select);
        if (e is null || a is null)
        {
            return null;
        }

        var (rows, columns) = e.Value.Shape switch
        {
            [var t] => (t, 1L),
            [var t, var f] => (t, f),
            _ => (-1L, -1L),
        };
        if (declared.Kind != FeedbackPlotKind.Scatter && (rows < 1 || columns < 1))
        {
            return null;
        }

        var title = declared.Title.Length > 0 ? declared.Title : DefaultTitle(declared, expected.Shape.Length);
        var plot = NewPlot(
            title,
            declared.Kind == FeedbackPlotKind.Scatter ? "expected (reference)" : declared.XLabel.Length > 0 ? declared.XLabel : "index",
            declared.Kind switch
            {
                FeedbackPlotKind.Scatter => "yours",
                FeedbackPlotKind.Error => "|yours − expected|",
                _ => declared.YLabel.Length > 0 ? declared.YLabel : declared.Output,
            });
        var caption = declared.Kind switch
        {
            FeedbackPlotKind.Scatter => DrawScatter(plot, e.Value.Values, a.Value.Values),
            FeedbackPlotKind.Error => DrawError(plot, declared, e.Value.Values, a.Value.Values, (int)rows, (int)columns, tolerance),
            _ => DrawTrace(plot, declared, e.Value.Values, a.Value.Values, (int)rows, (int)columns),
        };
        return new FeedbackFigure(title, caption, plot.GetImageBytes(Width, Height, ImageFormat.Png), Width, Height);
    }

    /// <summary>
    /// The part of <paramref name="array"/> left after fixing its leading axes to <paramref name="select"/>, with its
    /// shape; null when the selection has more indices than axes or an index is out of range.
    /// </summary>
    internal static (double[] Values, long[] Shape)? Select(NpyArray array, int[] select)
    {
        var shape = array.Shape;
        if (select.Length > shape.Length)
        {
            return null;
        }

        var rest = shape[select.Length..];
        var size = rest.Aggregate(1L, (p, d) => p * d);
        var offset = 0L;
        for (var k = 0; k < select.Length; k++)
        {
            if (select[k] < 0 || select[k] >= shape[k])
            {
                return null;
            }

            offset = (offset * shape[k]) + select[k];
        }

        var all = ArrayComparer.ToDoubles(array.Data);
        return (all.AsSpan((int)(offset * size), (int)size).ToArray(), rest);
    }

    private static string DrawTrace(Plot plot, FeedbackPlotAttribute declared, double[] e, double[] a, int rows, int columns)
    {
        var xs = Xs(declared, rows);
        var shown = Math.Min(columns, declared.MaxLines);
        var palette = new ScottPlot.Palettes.Category10();
        var (lo, hi) = Range(e);
        var dropped = 0;
        double yLo = lo, yHi = hi;
        for (var f = 0; f < shown; f++)
        {
            var color = palette.GetColor(f);
            var name = columns == 1 ? "" : string.Create(Inv, $" [{f}]");
            // The reference wide and pale, yours thin on top: where they agree, yours runs inside the reference.
            var reference = plot.Add.ScatterLine(xs, Column(e, f, columns), color.WithAlpha(0.35));
            reference.LineWidth = 7;
            reference.LegendText = "expected" + name;

            var (fx, fy) = Finite(xs, Column(a, f, columns));
            dropped += rows - fx.Length;
            if (fx.Length > 0)
            {
                var yours = plot.Add.ScatterLine(fx, fy, color);
                yours.LineWidth = 1.6f;
                yours.LinePattern = LinePattern.Dashed;
                yours.LegendText = "yours" + name;
                var (l, h) = Range(fy);
                yLo = Math.Min(yLo, l);
                yHi = Math.Max(yHi, h);
            }
        }

        // A diverging submission (1e30) would flatten the reference: show at most two reference spans beyond it.
        var span = Math.Max(hi - lo, 1e-9);
        plot.Axes.SetLimitsY(Math.Max(yLo, lo - (2 * span)) - (0.05 * span), Math.Min(yHi, hi + (2 * span)) + (0.05 * span));
        plot.ShowLegend(Edge.Right);
        var caption = "Wide pale line: the reference; thin dashed line: yours, in the same colour"
            + (columns == 1 ? "." : string.Create(Inv, $" for each column of the last axis ({shown} of {columns} shown)."))
            + " Where the dashed line leaves the pale one, your values differ.";
        return caption + Dropped(dropped);
    }

    private static string DrawError(Plot plot, FeedbackPlotAttribute declared, double[] e, double[] a, int rows, int columns, OutputTolerance? tolerance)
    {
        var xs = Xs(declared, rows);
        var error = new double[rows];
        var allowed = new double[rows];
        var nonFinite = 0;
        for (var t = 0; t < rows; t++)
        {
            error[t] = -1;
            for (var f = 0; f < columns; f++)
            {
                var ev = e[(t * columns) + f];
                var av = a[(t * columns) + f];
                var d = double.IsFinite(ev) && double.IsFinite(av) ? Math.Abs(av - ev) : ev.Equals(av) ? 0 : double.PositiveInfinity;
                if (d > error[t])
                {
                    error[t] = d;
                    allowed[t] = tolerance is null ? double.NaN : tolerance.Atol + (tolerance.Rtol * Math.Abs(ev));
                }
            }

            nonFinite += double.IsPositiveInfinity(error[t]) ? 1 : 0;
        }

        // log10 on whole decades: exact zeros on a bottom line labelled 0 (two decades below the smallest positive value),
        // NaN/∞ errors on a top line labelled "NaN/∞".
        var positive = error.Concat(allowed).Where(v => v > 0 && double.IsFinite(v)).DefaultIfEmpty(1e-7).ToArray();
        var lowest = Math.Floor(Math.Log10(positive.Min()));
        var highest = Math.Ceiling(Math.Log10(positive.Max()));
        var floor = lowest - 1.5;
        var top = highest + 1;
        double Log(double v) => double.IsPositiveInfinity(v) ? top : v > 0 ? Math.Log10(v) : floor;

        var red = new Color(214, 39, 40);
        var errorLine = plot.Add.ScatterLine(xs, [.. error.Select(Log)], red);
        errorLine.LineWidth = 2;
        errorLine.LegendText = columns == 1 ? "|yours − expected|" : "largest |yours − expected|";
        if (tolerance is not null)
        {
            var allowedLine = plot.Add.ScatterLine(xs, [.. allowed.Select(Log)], Colors.Gray);
            allowedLine.LineWidth = 2;
            allowedLine.LinePattern = LinePattern.Dashed;
            allowedLine.LegendText = "allowed (atol + rtol·|expected|)";
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var step = highest - lowest > 8 ? 2 : 1;
        for (var d = lowest; d <= highest; d += step)
        {
            ticks.AddMajor(d, string.Create(Inv, $"1e{d:0}"));
        }

        ticks.AddMajor(floor, "0");
        if (nonFinite > 0)
        {
            ticks.AddMajor(top, "NaN/∞");
        }

        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimitsY(floor - 0.3, (nonFinite > 0 ? top : highest) + 0.3);
        plot.ShowLegend(Edge.Right);
        var caption = (columns == 1 ? "Log scale. Red: |yours − expected| at each point" : string.Create(Inv, $"Log scale. Red: the largest |yours − expected| over the {columns} columns at each point"))
            + (tolerance is null ? "." : "; grey: the error allowed for that element. Red above grey is out of tolerance.")
            + (error.All(v => v == 0) ? " Your values equal the reference exactly: the red line lies on 0." : " An error of exactly 0 is drawn on the line labelled 0.");
        return caption + (nonFinite > 0 ? string.Create(Inv, $" {nonFinite} point(s) on the top line are NaN or ∞ in yours where the reference is finite, or the reverse.") : "");
    }

    private static string DrawScatter(Plot plot, double[] e, double[] a)
    {
        var (xs, ys) = Finite(e, a);
        var dropped = e.Length - xs.Length;
        if (xs.Length > 0)
        {
            var dots = plot.Add.ScatterPoints(xs, ys, new Color(31, 119, 180));
            dots.MarkerSize = 7;
            dots.LegendText = "one element";
            var (lo, hi) = Range([.. xs, .. ys]);
            var identity = plot.Add.Line(lo, lo, hi, hi);
            identity.Color = Colors.Gray;
            identity.LinePattern = LinePattern.Dashed;
            identity.LegendText = "yours = expected";
            plot.ShowLegend(Edge.Right);
        }

        return "Each dot is one element: the reference's value across, yours up. On the grey line they agree; dots off it are your misses."
            + Dropped(dropped);
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (SansFamily.Value is { } family)
        {
            plot.Font.Set(family);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    private static string DefaultTitle(FeedbackPlotAttribute declared, int rank)
    {
        var axes = declared.Select.Select(i => i.ToString(Inv)).Concat(Enumerable.Repeat(":", rank - declared.Select.Length));
        return declared.Output + (rank == 0 ? "" : "[" + string.Join(", ", axes) + "]");
    }

    private static double[] Xs(FeedbackPlotAttribute declared, int rows) =>
        [.. Enumerable.Range(0, rows).Select(k => declared.XStart + (k * declared.XStep))];

    private static double[] Column(double[] values, int column, int columns) =>
        [.. Enumerable.Range(0, values.Length / columns).Select(t => values[(t * columns) + column])];

    private static (double[] X, double[] Y) Finite(double[] xs, double[] ys)
    {
        var keep = Enumerable.Range(0, xs.Length).Where(i => double.IsFinite(xs[i]) && double.IsFinite(ys[i])).ToArray();
        return ([.. keep.Select(i => xs[i])], [.. keep.Select(i => ys[i])]);
    }

    private static (double Lo, double Hi) Range(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? (0, 1) : (finite.Min(), finite.Max());
    }

    private static string Dropped(int n) =>
        n == 0 ? "" : string.Create(Inv, $" {n} of your values are NaN or ∞ and are not drawn.");
}
