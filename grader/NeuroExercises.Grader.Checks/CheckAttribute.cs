namespace NeuroExercises.Grader.Checks;

/// <summary>
/// Declares a graded check: a public static method <c>IReadOnlyDictionary&lt;string, Tensor&gt; M(CheckContext ctx)</c>
/// in a class marked <see cref="WeekChecksAttribute"/>. Its id is <c>week/Class.Method</c>, used unchanged in
/// snapshot file names, results.json, JUnit and every message. All facts of a check live here.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CheckAttribute : Attribute
{
    /// <summary>Declares a check worth <paramref name="points"/> (explicit and &gt; 0).</summary>
    /// <param name="points">Points for a pass.</param>
    public CheckAttribute(double points) => Points = points;

    /// <summary>Points for a pass.</summary>
    public double Points { get; }

    /// <summary>What the check grades, shown to the student.</summary>
    public string Description { get; set; } = "";

    /// <summary>When the student sees the result.</summary>
    public Visibility Visibility { get; set; } = Visibility.Visible;

    /// <summary>Absolute tolerance on CPU for every output without its own <see cref="ToleranceAttribute"/>.</summary>
    public double Atol { get; set; } = 1e-6;

    /// <summary>Relative tolerance on CPU (|a − e| ≤ atol + rtol·|e|).</summary>
    public double Rtol { get; set; }

    /// <summary>Absolute tolerance on CUDA; NaN means 10 × <see cref="Atol"/> (TF32 and reduction order).</summary>
    public double CudaAtol { get; set; } = double.NaN;

    /// <summary>Relative tolerance on CUDA; NaN means 10 × <see cref="Rtol"/>.</summary>
    public double CudaRtol { get; set; } = double.NaN;

    /// <summary>Wall-clock limit for the check in the runner child, seconds.</summary>
    public double TimeLimitSeconds { get; set; } = 60;

    /// <summary>
    /// Optional trusted derive step: the name of a public static method in the same class,
    /// <c>IReadOnlyDictionary&lt;string, Tensor&gt; M(CheckContext ctx, IReadOnlyDictionary&lt;string, Tensor&gt; raw)</c>.
    /// The check then returns RAW data only (weights, histories) from the untrusted runner child; the grader calls the
    /// derive method in its own trusted process with those arrays and compares what it returns with the snapshot
    /// (snapshots hold derived values). Use it for invariant checks whose verdict is a flag: a flag computed in the child
    /// could be overwritten by submitted code that keeps running after the check returns. The derive method must use only
    /// TorchSharp, the raw arrays and <see cref="CheckContext.LoadInputs"/> (never a week's API type: the student's code is
    /// not loaded there), and should throw with a clear message on malformed raw data (missing key, wrong shape): the
    /// check then scores 0 with that message. Null (the default): the check's outputs are compared as returned.
    /// </summary>
    public string? Derive { get; set; }

    /// <summary>
    /// What to look at when this check misses, for the student's feedback page: the usual mistake and where to fix it
    /// (e.g. "divide by n − 1: torch.std's default is unbiased"). Shown only for visible checks, never for hidden ones.
    /// Presentation only: not part of the manifest hash. Empty: no hint.
    /// </summary>
    public string Hint { get; set; } = "";
}
