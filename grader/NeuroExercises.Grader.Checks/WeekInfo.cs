namespace NeuroExercises.Grader.Checks;

/// <summary>A gradable week.</summary>
/// <param name="Id">Week id used on the command line and in check ids, e.g. <c>task-driven-rnn</c>.</param>
/// <param name="Number">Week number in the course calendar.</param>
/// <param name="Title">Title shown to students.</param>
/// <param name="ExerciseFolder">The exercise project's folder relative to the repository root.</param>
/// <param name="SolutionFolder">The solution project's folder relative to the repository root.</param>
/// <param name="AssemblyName">The assembly name a submission is compiled to (the checks reference it).</param>
/// <param name="InputsFolder">The week's inputs folder name under checks-inputs.</param>
public sealed record WeekInfo(string Id, int Number, string Title, string ExerciseFolder, string SolutionFolder, string AssemblyName, string InputsFolder);
