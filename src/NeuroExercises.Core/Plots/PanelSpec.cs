namespace NeuroExercises.Core.Plots;

/// <summary>One set of axes: a title, axis labels, shared x values and named line series.</summary>
/// <param name="Title">Shown above the axes.</param>
/// <param name="XLabel">The x axis label, with units, e.g. "time (s)".</param>
/// <param name="YLabel">The y axis label.</param>
/// <param name="X">The x values every series uses unless it has its own.</param>
/// <param name="Series">The lines; a legend is shown when any has a name.</param>
/// <param name="LegendAt">Where the legend sits inside the axes (lower right by default): move it off lines it would hide.</param>
public sealed record PanelSpec(
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<double> X,
    IReadOnlyList<PlotSeries> Series,
    LegendPlace LegendAt = LegendPlace.LowerRight);
