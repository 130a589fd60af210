using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>The course's sparse-AND query task: the label is the AND of a rule-chosen subset of the input bits.</summary>
public static class SparseAnd
{
    /// <summary>The most bit draws <see cref="Generate"/> makes before it returns the last one.</summary>
    public const int MaxTries = 100;

    /// <summary>
    /// Draws a batch with torch's default generator: first z = randint(0, 2, [m, 1]); then up to 100 tries of
    /// u = rand(m, bits), X = 1 where u &lt; p with the course's p = 0.5^{1/2} whatever |f₁| (with |f₁| = 4 only about a quarter of the labels can be 1, so every try fails), y = 1 where (z = 0 and every X[f₁] = 1) or
    /// (z = 1 and every X[f₂] = 1); a try is accepted when 0.45 ≤ mean(y) ≤ 0.55 with the mean and both bounds in float32 (0.45f, 0.55f: 90 of 200 is
    /// exactly 0.45f and accepted, though it is below the double 0.45), else the last try is returned.
    /// </summary>
    /// <remarks>
    /// Graded by <c>microcircuits/SparseAndChecks.Generate</c>: the dense set, which never reaches the rate (all 100 tries):
    /// <c>dense_X_train</c>, <c>dense_y_train</c>, <c>dense_tries_train</c> and the validation set's three (exact). The
    /// sparse set (after torch.manual_seed(51) with f₁ = [7, 13], f₂ = [9, 15]) is the training data other checks read from
    /// their inputs, so no check grades it; the tests reproduce it exactly.
    /// </remarks>
    /// <param name="count">m, the rows.</param>
    /// <param name="first">f₁, the relevant bits when z = 0.</param>
    /// <param name="second">f₂, the relevant bits when z = 1 (as many as f₁).</param>
    /// <param name="bits">The number of input bits (16).</param>
    /// <returns>[X | z], y and the number of tries.</returns>
    public static SparseAndBatch Generate(int count, IReadOnlyList<long> first, IReadOnlyList<long> second, int bits = 16)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var scope = NewDisposeScope();
        var p = Math.Sqrt(0.5);
        var z = randint(0, 2, [count, 1]);
        var f1 = tensor(first.ToArray());
        var f2 = tensor(second.ToArray());
        Tensor x = null!;
        Tensor y = null!;
        var tries = 0;
        while (tries < MaxTries)
        {
            tries++;
            x = (rand(count, bits) < p).to(ScalarType.Int64);
            var all1 = x.index_select(1, f1).eq(1).all(1, keepdim: true);
            var all2 = x.index_select(1, f2).eq(1).all(1, keepdim: true);
            y = (z.eq(0).logical_and(all1)).logical_or(z.eq(1).logical_and(all2)).to(ScalarType.Float32);
            var rate = y.mean().item<float>();
            if (rate >= 0.45f && rate <= 0.55f)
            {
                break;
            }
        }

        return new SparseAndBatch(cat([x, z], 1).MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope(), tries);
    }

    /// <summary>
    /// The course's first, query-free s-sparse AND (tutorial 3's demo; provided code, not graded): the label is the AND of
    /// the <paramref name="relevant"/> bits. With torch's default generator, up to 100 tries of u = rand(m, bits),
    /// X = 1 where u &lt; p, y = 1 where every relevant column of X is 1; a try is rejected when mean(y) (float32) is below
    /// 0.4 or above 0.6, or when some relevant column equals another column over the whole batch (the relevant bits must be
    /// identifiable), else accepted; after 100 rejected tries the last one is returned.
    /// </summary>
    /// <remarks>
    /// The goldens' demo (torch.manual_seed(41), m = 10, bits = 13, relevant = [5, 6], p = 0.5^{1/3}) is accepted at the 8th
    /// try with exactly 6 of 10 labels 1 (<c>and_demo_X</c>, <c>and_demo_y</c>, <c>and_demo_tries</c>; tested in the
    /// solutions' tests).
    /// </remarks>
    /// <param name="count">m, the rows.</param>
    /// <param name="relevant">The relevant bits (column indices).</param>
    /// <param name="bits">The number of input bits T.</param>
    /// <param name="probability">P(bit = 1); null for the course's 0.5^{1/3} (the demo's value for s = 2).</param>
    /// <returns>X [m, bits] (int64 0/1, no rule token), y [m, 1] (float32) and the number of tries.</returns>
    public static SparseAndBatch GenerateDemo(int count, IReadOnlyList<long> relevant, int bits = 13, double? probability = null)
    {
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (relevant.Count == 0 || relevant.Any(r => r < 0 || r >= bits))
        {
            throw new ArgumentException($"SparseAnd.GenerateDemo: relevant bits [{string.Join(", ", relevant)}] must be a non-empty set of columns in 0 … {bits - 1}.", nameof(relevant));
        }

        using var scope = NewDisposeScope();
        var p = probability ?? Math.Pow(0.5, 1.0 / 3);
        var columns = tensor(relevant.ToArray());
        Tensor x = null!;
        Tensor y = null!;
        var tries = 0;
        while (tries < MaxTries)
        {
            tries++;
            x = (rand(count, bits) < p).to(ScalarType.Int64);
            y = x.index_select(1, columns).eq(1).all(1, keepdim: true).to(ScalarType.Float32);
            var rate = y.mean().item<float>();
            if (rate >= 0.4f && rate <= 0.6f && !RelevantColumnRepeated(x, relevant))
            {
                break;
            }
        }

        return new SparseAndBatch(x.MoveToOuterDisposeScope(), y.MoveToOuterDisposeScope(), tries);
    }

    /// <summary>
    /// The course's choice of the query task's relevant bits (provided code, not graded): <c>random.seed(seed)</c>, then
    /// f₁ = sorted(sample(range(bits), s)) and f₂ = sorted(sample(the other bits in order, s)), with CPython's generator
    /// (<see cref="PythonRandom"/>). Seeds 51 (s = 2) and 52 (s = 4) give the goldens' sparse and dense sets.
    /// </summary>
    /// <param name="seed">Python's seed.</param>
    /// <param name="s">Relevant bits per rule.</param>
    /// <param name="bits">Input bits (16).</param>
    /// <returns>f₁ and f₂, each sorted.</returns>
    public static (long[] First, long[] Second) CourseRelevantBits(long seed, int s, int bits = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(s, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(s, bits / 2);
        var random = new PythonRandom(seed);
        var first = random.Sample(Enumerable.Range(0, bits).Select(i => (long)i).ToArray(), s).Order().ToArray();
        var others = Enumerable.Range(0, bits).Select(i => (long)i).Where(i => !first.Contains(i)).ToArray();
        return (first, random.Sample(others, s).Order().ToArray());
    }

    /// <summary>Whether some relevant column of X equals another column over all rows.</summary>
    private static bool RelevantColumnRepeated(Tensor x, IReadOnlyList<long> relevant)
    {
        using var scope = NewDisposeScope();
        foreach (var r in relevant)
        {
            // Columns equal to column r over every row: r itself and any repeat.
            var same = x.eq(x[TensorIndex.Colon, TensorIndex.Slice(r, r + 1)]).all(0).sum().item<long>();
            if (same > 1)
            {
                return true;
            }
        }

        return false;
    }
}
