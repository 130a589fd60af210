using System.Globalization;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Discovery;

namespace NeuroExercises.Grader.Judge;

/// <summary>
/// The one comparer: names, then dtype and shape, then |a − e| ≤ atol + rtol·|e| elementwise.
/// NaN is equal only where the expected value is NaN; ±∞ only to the same infinity.
/// </summary>
internal static class ArrayComparer
{
    /// <summary>Compares every expected output with the received one of the same name.</summary>
    /// <param name="expected">Snapshot arrays.</param>
    /// <param name="received">Arrays the submission produced.</param>
    /// <param name="tolerance">Tolerance per output name.</param>
    /// <returns>One comparison per expected output, then one per unexpected received output.</returns>
    public static IReadOnlyList<Comparison> CompareAll(
        IReadOnlyDictionary<string, NpyArray> expected,
        IReadOnlyDictionary<string, NpyArray> received,
        Func<string, OutputTolerance> tolerance)
    {
        var result = new List<Comparison>();
        foreach (var (name, e) in expected.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            result.Add(received.TryGetValue(name, out var a)
                ? Compare(name, e, a, tolerance(name))
                : Miss(name, $"output '{name}' is missing: the check returned [{string.Join(", ", received.Keys.Order(StringComparer.Ordinal))}]; return '{name}' as the check expects."));
        }

        foreach (var name in received.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            result.Add(Miss(name, $"output '{name}' was not expected (expected [{string.Join(", ", expected.Keys.Order(StringComparer.Ordinal))}]); return only the expected outputs."));
        }

        return result;
    }

    /// <summary>Compares one output.</summary>
    public static Comparison Compare(string name, NpyArray expected, NpyArray received, OutputTolerance tolerance)
    {
        if (expected.DType != received.DType)
        {
            return Miss(name, $"output '{name}': dtype {Npy.DescrOf(received.DType)} ({received.DType}), expected {Npy.DescrOf(expected.DType)} ({expected.DType}); convert the result (e.g. .to_type(ScalarType.Float32)).");
        }

        if (!expected.Shape.SequenceEqual(received.Shape))
        {
            var hint = received.Shape.Length == 0 && expected.Shape.Length > 0
                ? "a reduction over every dimension? In TorchSharp a literal 0 in sum(0), mean(0), … picks the ScalarType overload and reduces everything: write sum(dim: 0) or sum(0L)."
                : "check the dimensions and their order.";
            return Miss(name, $"output '{name}': shape {Shape(received.Shape)}, expected {Shape(expected.Shape)}; {hint}");
        }

        // Per dtype: integer and boolean outputs (indices, counts, flags) must match exactly, whatever the tolerance.
        var exact = expected.DType is NpyDType.Int32 or NpyDType.Int64 or NpyDType.UInt8 or NpyDType.Bool;
        if (exact)
        {
            tolerance = new OutputTolerance(0, 0);
        }

        var e = ToDoubles(expected.Data);
        var a = ToDoubles(received.Data);
        if (e.Length != a.Length)
        {
            return Miss(name, $"output '{name}': {a.Length} elements, expected {e.Length}.");
        }

        double maxAbs = 0, maxRel = 0;
        var firstBad = -1L;
        var worst = -1L;
        var worstError = -1.0;
        var badCount = 0L;
        for (var i = 0; i < e.Length; i++)
        {
            var ev = e[i];
            var av = a[i];
            bool ok;
            if (double.IsNaN(ev) || double.IsNaN(av))
            {
                ok = double.IsNaN(ev) && double.IsNaN(av);
            }
            else if (double.IsInfinity(ev) || double.IsInfinity(av))
            {
                ok = ev.Equals(av);
            }
            else
            {
                var diff = Math.Abs(av - ev);
                maxAbs = Math.Max(maxAbs, diff);
                if (ev != 0)
                {
                    maxRel = Math.Max(maxRel, diff / Math.Abs(ev));
                }

                ok = diff <= tolerance.Atol + (tolerance.Rtol * Math.Abs(ev));
            }

            if (!ok)
            {
                badCount++;
                firstBad = firstBad < 0 ? i : firstBad;
                var error = double.IsFinite(ev) && double.IsFinite(av) ? Math.Abs(av - ev) : double.PositiveInfinity;
                if (error > worstError)
                {
                    worst = i;
                    worstError = error;
                }
            }
        }

        if (firstBad < 0)
        {
            return new Comparison(name, true, "", maxAbs, maxRel, null) { Tolerance = tolerance, Count = e.Length };
        }

        var index = Unravel(firstBad, expected.Shape);
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"output '{name}': max abs error {maxAbs:G6}, max rel error {maxRel:G6} (allowed atol {tolerance.Atol:G3} + rtol {tolerance.Rtol:G3}·|expected|); first bad index {Shape(index)}: expected {e[firstBad]:G9}, got {a[firstBad]:G9}.");
        return new Comparison(name, false, message, maxAbs, maxRel, index)
        {
            Tolerance = tolerance,
            Worst = new ElementMiss(Unravel(worst, expected.Shape), e[worst], a[worst], worstError),
            BadCount = badCount,
            Count = e.Length,
        };
    }

    /// <summary>A C-order flat index as a multi-index.</summary>
    internal static long[] Unravel(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var k = shape.Length - 1; k >= 0; k--)
        {
            index[k] = shape[k] == 0 ? 0 : flat % shape[k];
            flat = shape[k] == 0 ? 0 : flat / shape[k];
        }

        return index;
    }

    private static string Shape(long[] s) => "(" + string.Join(", ", s.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (s.Length == 1 ? ",)" : ")");

    private static Comparison Miss(string name, string message) => new(name, false, message, double.NaN, double.NaN, null);

    /// <summary>The elements of an NPY array as doubles (C order).</summary>
    internal static double[] ToDoubles(Array data) => data switch
    {
        float[] f => Array.ConvertAll(f, v => (double)v),
        double[] d => d,
        int[] i => Array.ConvertAll(i, v => (double)v),
        long[] l => Array.ConvertAll(l, v => (double)v),
        byte[] b => Array.ConvertAll(b, v => (double)v),
        bool[] b => Array.ConvertAll(b, v => v ? 1.0 : 0.0),
        _ => throw new ArgumentException($"unsupported element type {data.GetType()}", nameof(data)),
    };
}
