namespace NeuroExercises.Core.Plots;

/// <summary>Where a panel's legend sits inside its axes (Core's own type, so code that draws panels needs no ScottPlot reference).</summary>
public enum LegendPlace
{
    /// <summary>Lower right, ScottPlot's default.</summary>
    LowerRight,

    /// <summary>Lower left.</summary>
    LowerLeft,

    /// <summary>Upper right.</summary>
    UpperRight,

    /// <summary>Upper left.</summary>
    UpperLeft,

    /// <summary>Middle of the right edge.</summary>
    MiddleRight,

    /// <summary>Middle of the left edge.</summary>
    MiddleLeft,
}
