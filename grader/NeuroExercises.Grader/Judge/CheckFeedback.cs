using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;

namespace NeuroExercises.Grader.Judge;

/// <summary>
/// What the judge knows about one check beyond its score, for the feedback page: the per-output comparisons, the hint,
/// the declared plots and, when plots are declared, both arrays of each plotted output. The report decides what a student
/// may see (hidden checks: nothing of this).
/// </summary>
/// <param name="Hint">The check's hint ("" when none).</param>
/// <param name="Plots">The check's plot declarations.</param>
/// <param name="Comparisons">One per compared output (empty when the check did not complete).</param>
/// <param name="Expected">Snapshot arrays of the plotted outputs (empty without plots).</param>
/// <param name="Received">The submission's arrays of the plotted outputs (empty without plots).</param>
/// <param name="ReceivedFile">The file name of the received arrays written beside the report on a miss, or null.</param>
internal sealed record CheckFeedback(
    string Hint,
    IReadOnlyList<FeedbackPlotAttribute> Plots,
    IReadOnlyList<Comparison> Comparisons,
    IReadOnlyDictionary<string, NpyArray> Expected,
    IReadOnlyDictionary<string, NpyArray> Received,
    string? ReceivedFile);
