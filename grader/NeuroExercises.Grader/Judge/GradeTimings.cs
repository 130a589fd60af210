namespace NeuroExercises.Grader.Judge;

/// <summary>Where a grade's wall time went (seconds), printed on the console and kept in the results' extra data.</summary>
/// <param name="Compile">Compiling the submission (0 when the compile cache had it).</param>
/// <param name="ChildStart">Process start to handshake of the runner children, summed over the children started.</param>
/// <param name="Checks">The checks' own run times, summed (the slots run side by side).</param>
/// <param name="Run">The whole run step (children, checks, waits), wall.</param>
/// <param name="Judge">Derive and judge: the trusted parent's verdicts.</param>
/// <param name="Children">Runner children started.</param>
internal sealed record GradeTimings(double Compile, double ChildStart, double Checks, double Run, double Judge, int Children)
{
    /// <summary>Of <see cref="Compile"/>, the time inside the compiler (the compile child's own measure; 0 when not compiled in a child).</summary>
    public double Compiler { get; init; }

    /// <summary>One line for the console.</summary>
    public override string ToString() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"compile {Compile:0.00} s{(Compiler > 0 ? $" (compiler {Compiler:0.00} s)" : "")}, run {Run:0.00} s ({Children} child{(Children == 1 ? "" : "ren")}, start+load {ChildStart:0.00} s, checks {Checks:0.00} s), judge {Judge:0.00} s");
}
