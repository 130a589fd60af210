namespace NeuroExercises.Grader.Checks;

/// <summary>A tolerance for one named output of a check, overriding the check's default.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ToleranceAttribute : Attribute
{
    /// <summary>Declares the CPU tolerance of output <paramref name="output"/>.</summary>
    /// <param name="output">Output name as returned by the check.</param>
    /// <param name="atol">Absolute tolerance.</param>
    /// <param name="rtol">Relative tolerance.</param>
    public ToleranceAttribute(string output, double atol, double rtol = 0)
    {
        Output = output;
        Atol = atol;
        Rtol = rtol;
    }

    /// <summary>The output this applies to.</summary>
    public string Output { get; }

    /// <summary>Absolute tolerance on CPU.</summary>
    public double Atol { get; }

    /// <summary>Relative tolerance on CPU.</summary>
    public double Rtol { get; }

    /// <summary>Absolute tolerance on CUDA; NaN means 10 × <see cref="Atol"/>.</summary>
    public double CudaAtol { get; set; } = double.NaN;

    /// <summary>Relative tolerance on CUDA; NaN means 10 × <see cref="Rtol"/>.</summary>
    public double CudaRtol { get; set; } = double.NaN;
}
