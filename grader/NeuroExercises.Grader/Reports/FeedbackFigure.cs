namespace NeuroExercises.Grader.Reports;

/// <summary>One drawn plot of a check's output.</summary>
/// <param name="Title">What it shows (also the image's alt text).</param>
/// <param name="Caption">How to read it.</param>
/// <param name="Png">The PNG bytes.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
internal sealed record FeedbackFigure(string Title, string Caption, byte[] Png, int Width, int Height);
