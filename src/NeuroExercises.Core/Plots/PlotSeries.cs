namespace NeuroExercises.Core.Plots;

/// <summary>One named line of a panel.</summary>
/// <param name="Name">The legend entry ("" for none).</param>
/// <param name="Y">The values, one per x of the panel (or of <paramref name="X"/>).</param>
/// <param name="Error">Optional spread per point (mean ± s.d.: the s.d.), drawn as <paramref name="Style"/>.</param>
/// <param name="Style">Error bars or a shaded band.</param>
/// <param name="X">Optional x values of this series; null uses the panel's.</param>
public sealed record PlotSeries(
    string Name,
    IReadOnlyList<double> Y,
    IReadOnlyList<double>? Error = null,
    ErrorStyle Style = ErrorStyle.Bars,
    IReadOnlyList<double>? X = null);
