namespace NeuroExercises.Core.Plots;

/// <summary>How a series' ± spread (e.g. one standard deviation) is drawn.</summary>
public enum ErrorStyle
{
    /// <summary>A vertical error bar at each point.</summary>
    Bars,

    /// <summary>A translucent band between y − e and y + e.</summary>
    Band,
}
