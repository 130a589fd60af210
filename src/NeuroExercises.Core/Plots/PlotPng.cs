using ScottPlot;

namespace NeuroExercises.Core.Plots;

/// <summary>
/// Headless line plots written as PNG files (ScottPlot 5 on SkiaSharp; no display needed). Text needs a TrueType font
/// that fontconfig can find (on Debian: fonts-dejavu-core).
/// </summary>
public static class PlotPng
{
    // SkiaSharp's Linux "NoDependencies" build does not ask fontconfig, and its default face here is a serif one;
    // ask for a sans family by name (Debian's fonts-dejavu-core provides DejaVu Sans).
    private static readonly Lazy<string?> SansFamily = new(() =>
    {
        var installed = SkiaSharp.SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" }.FirstOrDefault(installed.Contains);
    });

    /// <summary>Writes one panel as a PNG of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="panel">What to draw.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <exception cref="ArgumentException">A series' length differs from its x values, or a size is not positive.</exception>
    public static void Lines(string path, PanelSpec panel, int width = 800, int height = 600)
    {
        ArgumentNullException.ThrowIfNull(panel);
        CheckSize(width, height, nameof(width));
        var plot = Build(panel);
        PrepareFolder(path);
        plot.SavePng(path, width, height);
    }

    /// <summary>
    /// Writes several panels in a grid, row by row, <paramref name="columns"/> to a row, as one PNG of
    /// (columns · <paramref name="panelWidth"/>) × (rows · <paramref name="panelHeight"/>) pixels.
    /// </summary>
    /// <param name="path">The PNG to write; its folder is created.</param>
    /// <param name="panels">The panels, at least one.</param>
    /// <param name="columns">Panels per row (≥ 1).</param>
    /// <param name="panelWidth">Width of each panel in pixels.</param>
    /// <param name="panelHeight">Height of each panel in pixels.</param>
    /// <exception cref="ArgumentException">No panels, columns &lt; 1, a size is not positive or a series is malformed.</exception>
    public static void Grid(string path, IReadOnlyList<PanelSpec> panels, int columns, int panelWidth = 400, int panelHeight = 300)
    {
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
        {
            throw new ArgumentException($"PlotPng.Grid({path}): no panels were given; pass at least one.", nameof(panels));
        }

        if (columns < 1)
        {
            throw new ArgumentException($"PlotPng.Grid({path}): columns is {columns}; it must be at least 1.", nameof(columns));
        }

        CheckSize(panelWidth, panelHeight, nameof(panelWidth));
        var rows = (panels.Count + columns - 1) / columns;
        var plots = panels.Select(Build).ToList();
        var multiplot = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1))
        {
            multiplot.Subplots.Add(plot);
        }

        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
        PrepareFolder(path);
        multiplot.SavePng(path, columns * panelWidth, rows * panelHeight);
    }

    /// <summary>Turns a panel into a ScottPlot plot.</summary>
    internal static Plot Build(PanelSpec panel)
    {
        var plot = new Plot();
        if (SansFamily.Value is { } family)
        {
            plot.Font.Set(family);
        }

        plot.Title(panel.Title);
        plot.XLabel(panel.XLabel);
        plot.YLabel(panel.YLabel);
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < panel.Series.Count; i++)
        {
            var series = panel.Series[i];
            var xs = (series.X ?? panel.X).ToArray();
            var ys = series.Y.ToArray();
            Check(panel, series, xs.Length, ys.Length, "values");
            var color = palette.GetColor(i);
            if (series.Error is { } error)
            {
                Check(panel, series, xs.Length, error.Count, "error values");
                if (series.Style == ErrorStyle.Band)
                {
                    var lower = ys.Select((y, k) => y - error[k]).ToArray();
                    var upper = ys.Select((y, k) => y + error[k]).ToArray();
                    var band = plot.Add.FillY(xs, lower, upper);
                    band.FillStyle.Color = color.WithAlpha(0.25);
                    band.LineStyle.Width = 0;
                }
                else
                {
                    var bars = plot.Add.ErrorBar(xs, ys, error.ToArray());
                    bars.Color = color;
                }
            }

            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = 2;
            if (!string.IsNullOrEmpty(series.Name))
            {
                line.LegendText = series.Name;
            }
        }

        if (panel.Series.Any(s => !string.IsNullOrEmpty(s.Name)))
        {
            plot.ShowLegend(panel.LegendAt switch
            {
                LegendPlace.LowerLeft => Alignment.LowerLeft,
                LegendPlace.UpperRight => Alignment.UpperRight,
                LegendPlace.UpperLeft => Alignment.UpperLeft,
                LegendPlace.MiddleRight => Alignment.MiddleRight,
                LegendPlace.MiddleLeft => Alignment.MiddleLeft,
                _ => Alignment.LowerRight,
            });
        }

        return plot;
    }

    private static void Check(PanelSpec panel, PlotSeries series, int xCount, int count, string what)
    {
        if (count != xCount)
        {
            throw new ArgumentException(
                $"Plot panel '{panel.Title}', series '{series.Name}': {count} {what} for {xCount} x values; give one per x.");
        }
    }

    private static void CheckSize(int width, int height, string parameter)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"Plot size {width}×{height} pixels: both must be positive.", parameter);
        }
    }

    private static void PrepareFolder(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
