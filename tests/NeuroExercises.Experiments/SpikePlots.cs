using ScottPlot;

namespace NeuroExercises.Experiments;

/// <summary>
/// The panels week 4 needs beyond Core's line plots (ScottPlot 5 directly): lines with a threshold, spike rasters (one dot per
/// spike, neuron against time step) and grey images, laid out in a grid and written as one PNG.
/// </summary>
internal static class SpikePlots
{
    private static readonly Lazy<string?> SansFamily = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }.FirstOrDefault(installed.Contains);
    });

    /// <summary>An empty panel with a title and axis labels.</summary>
    public static Plot Panel(string title, string xLabel, string yLabel)
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

    /// <summary>Adds a named line (legend shown when named).</summary>
    public static void Line(Plot plot, IReadOnlyList<double> x, IReadOnlyList<double> y, string name, int colorIndex)
    {
        var line = plot.Add.ScatterLine(x.ToArray(), y.ToArray(), new ScottPlot.Palettes.Category10().GetColor(colorIndex));
        line.LineWidth = 2;
        if (!string.IsNullOrEmpty(name))
        {
            line.LegendText = name;
            plot.ShowLegend();
        }
    }

    /// <summary>Adds a dashed horizontal line (e.g. the threshold θ).</summary>
    public static void HorizontalLine(Plot plot, double y, string name)
    {
        var line = plot.Add.HorizontalLine(y);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LineWidth = 1;
        if (!string.IsNullOrEmpty(name))
        {
            line.LegendText = name;
        }
    }

    /// <summary>Adds a dashed vertical line.</summary>
    public static void VerticalLine(Plot plot, double x, string name)
    {
        var line = plot.Add.VerticalLine(x);
        line.LinePattern = LinePattern.Dashed;
        line.Color = Colors.Gray;
        line.LineWidth = 1;
        if (!string.IsNullOrEmpty(name))
        {
            line.LegendText = name;
        }
    }

    /// <summary>
    /// A raster: a dot at (t, n) for every spike of <paramref name="spikes"/>[t, n] (time-major, 0/1), neuron 0 at the bottom.
    /// </summary>
    public static int Raster(Plot plot, float[,] spikes, int colorIndex, float size = 3)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var t = 0; t < spikes.GetLength(0); t++)
        {
            for (var n = 0; n < spikes.GetLength(1); n++)
            {
                if (spikes[t, n] > 0)
                {
                    xs.Add(t);
                    ys.Add(n);
                }
            }
        }

        if (xs.Count > 0)
        {
            var markers = plot.Add.Markers(xs.ToArray(), ys.ToArray(), MarkerShape.FilledSquare, size, new ScottPlot.Palettes.Category10().GetColor(colorIndex));
            markers.LegendText = string.Empty;
        }

        plot.Axes.SetLimits(-0.5, spikes.GetLength(0) - 0.5, -0.5, spikes.GetLength(1) - 0.5);
        return xs.Count;
    }

    /// <summary>A grey image (row 0 at the top), e.g. a 28 × 28 Fashion-MNIST picture.</summary>
    public static void Image(Plot plot, double[,] pixels)
    {
        var heatmap = plot.Add.Heatmap(pixels);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        plot.Axes.Frameless();
        plot.HideGrid();
    }

    /// <summary>Writes the panels row by row, <paramref name="columns"/> to a row, as one PNG.</summary>
    public static void Save(string path, IReadOnlyList<Plot> panels, int columns, int panelWidth, int panelHeight)
    {
        var rows = (panels.Count + columns - 1) / columns;
        var multiplot = new Multiplot(panels[0]);
        foreach (var p in panels.Skip(1))
        {
            multiplot.Subplots.Add(p);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        multiplot.SavePng(path, columns * panelWidth, rows * panelHeight);
    }
}
