using System.IO.Compression;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Tests.Shared;

namespace NeuroExercises.Grader.Tests.Weeks;

/// <summary>
/// Ties the microcircuits snapshots (made from our solutions by <c>snapshot update</c>) to the goldens in
/// ../shared/reference/microcircuits: every snapshot output named like a golden array must equal it within the README's
/// float32 port tolerance (max |Δ| ≤ factor × max |golden|; kurtosis and r² scaled by max(1, max |golden|)), so a wrong
/// solution cannot become the truth the judge grades against. The property checks' snapshots hold the values the
/// properties require. Also keeps the checks' inputs honest: byte copies of the goldens' input members only.
/// </summary>
public sealed class MicrocircuitsSnapshotTruthTests
{
    private const string Week = "microcircuits";

    private static readonly string[] GoldenFiles = ["sparsity", "normalization", "attention", "sparse_and", "models"];

    private static readonly string[] SatKeys = ["tokenizer.weight", "_positioner", "Wq.weight", "Wk.weight", "Wv.weight", "linear.weight"];

    /// <summary>Members a check input archive may hold (inputs, never results). Mirrors make_inputs.py.</summary>
    private static readonly string[] CifarNetKeys = [.. new[] { "conv1", "norm1", "conv2", "norm2", "fc1", "fc2" }.SelectMany(l => new[] { l + ".weight", l + ".bias" })];

    private static readonly string[] OneUnitActivations = ["ReLU", "ReLU6", "SoftPlus", "Sigmoid", "Tanh"];

    private static readonly Dictionary<string, string[]> AllowedInputMembers = new(StringComparer.Ordinal)
    {
        ["sparsity.npz"] = ["sig", "frame", "responses", "relu_thetas", "hard_theta", "taus", "diffbox_windows", "diffbox_spatial_windows", "omp_freqs", "omp_cardinalities"],
        ["normalization.npz"] = ["norm_test_x", "norm_test_params", "norm_points", "norm_points_params", "norm_zero_x", "reflectance", "illuminant", "lht_x", "val_x", "relunet_init_theta", "relunet_init_w", "relunet_init_b", "relu_data_x", "relu_split_perm", "cifar_x", "cifar_x_scaled", "cifar_y",
            .. CifarNetKeys.Select(k => "cifarnet_init_" + k), "cifarnet_rand_conv1.weight", "cifarnet_rand_conv2.weight",
            .. OneUnitActivations.SelectMany(a => new[] { "theta", "w", "b" }.Select(k => $"nonlin_{a}_init_{k}"))],
        ["attention.npz"] = ["att_x", "att_q1", "att_q2", "att_gains", "sm_scores", "sm_betas", "sdpa_x", "sdpa_Wq", "sdpa_Wk", "sdpa_Wv", "legacy_Q", "legacy_K", "legacy_V"],
        ["sparse_and.npz"] = ["sparse_X_train", "sparse_y_train", "sparse_X_valid", "sparse_y_valid", "dense_f_i_1", "dense_f_i_2"],
        ["models.npz"] = [.. SatKeys.Select(k => "sat_init" + (k[0] == '_' ? k : "_" + k)), .. SatKeys.Select(k => "sat_rand" + (k[0] == '_' ? k : "_" + k)),
            "mlp_rand_layers.0.weight", "mlp_rand_layers.0.bias", "mlp_rand_layers.3.weight", "mlp_rand_layers.3.bias",
            "mlp_init_layers.0.weight", "mlp_init_layers.0.bias", "mlp_init_layers.3.weight", "mlp_init_layers.3.bias"],
    };

    /// <summary>Checks whose outputs are all golden arrays, with how many outputs each must have that are.</summary>
    public static TheoryData<string, int> GoldenChecks() => new()
    {
        { "SparsityChecks.ThresholdedRelu", 1 }, { "SparsityChecks.Kurtosis", 5 }, { "SparsityChecks.LaggedDifferences", 11 },
        { "SparsityChecks.DiffBoxFilter", 2 }, { "SparsityChecks.DiffBoxTemporal", 1 }, { "SparsityChecks.DiffBoxSpatial", 4 },
        { "SparsityChecks.HardThreshold", 3 }, { "SparseCodingChecks.Omp", 4 }, { "SparseCodingChecks.Cardinality", 4 },
        { "NormalizationChecks.Normalize", 2 }, { "NormalizationChecks.ZeroPoolAndScale", 1 }, { "NormalizationChecks.IlluminantInvariance", 5 },
        { "NormalizationChecks.LeakyHardTanh", 3 }, { "NormalizationChecks.InverseLeakyHardTanh", 4 }, { "NormalizationChecks.ReluNetwork", 1 },
        { "NormalizationChecks.ReluNetworkTraining", 7 }, { "NormalizationChecks.OneUnitNets", 20 },
        { "CifarNetChecks.LayerNorm", 1 }, { "CifarNetChecks.Forward", 2 }, { "CifarNetChecks.ContrastAndInit", 6 }, { "CifarNetChecks.TrainingWithoutNorm", 13 }, { "CifarNetChecks.Training", 17 },
        { "AttentionChecks.SoftmaxWithGain", 1 }, { "AttentionChecks.GainedAttention", 2 }, { "AttentionChecks.PositionalEncoding", 4 },
        { "AttentionChecks.SelfAttention", 6 }, { "AttentionChecks.IdenticalKeys", 1 }, { "AttentionChecks.MultiHeadHelper", 2 }, { "BinaryMlpChecks.Forward", 2 },
        { "SelfAttentionModelChecks.Forward", 4 }, { "ModelsChecks.ParameterCounts", 2 }, { "ModelsChecks.Training", 14 },
        { "SparseAndChecks.Generate", 6 },
    };

    [Theory]
    [MemberData(nameof(GoldenChecks))]
    public void SnapshotOutputsEqualThePyTorchGoldens(string check, int goldenOutputs)
    {
        var snapshot = ReadSnapshot(check);
        var compared = 0;
        foreach (var (output, got) in snapshot)
        {
            var found = GoldenFiles.Select(f => (File: f, Members: Npz.Read(RepoPaths.Reference(Path.Combine("microcircuits", f + ".npz")))))
                .FirstOrDefault(g => g.Members.ContainsKey(output));
            if (found.Members is null)
            {
                continue;
            }

            compared++;
            var golden = found.Members[output];
            got.DType.Should().Be(golden.DType, $"{Week}/{check} output '{output}' vs {found.File}:{output}");
            got.Shape.Should().Equal(golden.Shape, $"{Week}/{check} output '{output}' vs {found.File}:{output}");
            var a = got.ToDoubles();
            var e = golden.ToDoubles();
            var (factor, atLeastOne) = Tolerance(found.File, output);
            var max = e.Where(v => !double.IsNaN(v)).Select(Math.Abs).DefaultIfEmpty(0).Max();
            var atol = factor * (atLeastOne ? Math.Max(1, max) : max);
            for (var i = 0; i < e.Length; i++)
            {
                double.IsNaN(a[i]).Should().Be(double.IsNaN(e[i]), $"{Week}/{check} '{output}'[{i}]: NaN only where the golden is NaN");
                if (!double.IsNaN(e[i]))
                {
                    Math.Abs(a[i] - e[i]).Should().BeLessThanOrEqualTo(atol,
                        $"{Week}/{check} '{output}'[{i}]: snapshot {a[i]:G9}, golden {e[i]:G9}, tolerance {atol:G3}; fix the solution, then run `snapshot update --week {Week}`");
                }
            }
        }

        compared.Should().Be(goldenOutputs, $"{Week}/{check} must hold {goldenOutputs} outputs named like golden arrays");
    }

    [Fact]
    public void PropertySnapshotsHoldWhatThePropertiesRequire()
    {
        var known = ReadSnapshot("SparsityChecks.KurtosisOfKnownDistributions");
        Math.Abs(known["gaussian"].ToDoubles()[0]).Should().BeLessThan(0.05, "excess kurtosis of 10⁵ Gaussian draws ≈ 0");
        known["laplace"].ToDoubles()[0].Should().BeApproximately(3, 0.2, "excess kurtosis of a Laplacian is 3");
        known["four_points"].ToDoubles()[0].Should().BeApproximately(-2.0 / 3, 1e-6);
        double.IsNaN(known["constant"].ToDoubles()[0]).Should().BeTrue("a constant has no kurtosis");

        var omp = ReadSnapshot("SparseCodingChecks.RecoversSparseCode");
        omp["order_sorted"].ToDoubles().Should().Equal(5, 23, 71);
        omp["intercept"].ToDoubles()[0].Should().BeApproximately(120, 1e-3);
        var coef = omp["coef"].ToDoubles();
        coef[5].Should().BeApproximately(40, 1e-3);
        coef[23].Should().BeApproximately(-25, 1e-3);
        coef[71].Should().BeApproximately(10, 1e-3);

        var softmax = ReadSnapshot("AttentionChecks.SoftmaxProperties");
        softmax["row_sums"].ToDoubles().Should().OnlyContain(v => Math.Abs(v - 1) < 1e-6);
        softmax["uniform"].ToDoubles().Should().OnlyContain(v => Math.Abs(v - (1.0 / 6)) < 1e-7);
        softmax["hard"].ToDoubles().Should().OnlyContain(v => v == 0 || v == 1).And.Contain(1);

        var scale = ReadSnapshot("NormalizationChecks.ZeroPoolAndScale");
        var unscaled = scale["unscaled"].ToDoubles();
        var scaled = scale["scaled"].ToDoubles();
        unscaled.Zip(scaled, (u, s) => Math.Abs(u - s)).Max().Should().BeLessThan(1e-5, "with σ = 0 normalisation ignores the input's scale");

        ReadSnapshot("ModelsChecks.ParameterCounts")["accuracy_ties"].ToDoubles()[0].Should().Be(1, "round half to even gets all 7 crafted outputs right");
        var pct = ReadSnapshot("SparsityChecks.HardThreshold")["pct_interpolated"].ToDoubles();
        pct.Should().Equal(117.5, 82.25, 168.199997f);
    }

    [Fact]
    public void InputArchivesHoldOnlyInputsCopiedFromTheGoldens()
    {
        foreach (var (file, allowed) in AllowedInputMembers)
        {
            using var input = ZipFile.OpenRead(Path.Combine(InputsRoot(), file));
            using var reference = ZipFile.OpenRead(RepoPaths.Reference(Path.Combine("microcircuits", file)));
            var names = input.Entries.Select(e => e.FullName[..^".npy".Length]).ToArray();
            names.Should().BeEquivalentTo(allowed, $"inputs/{file} must hold exactly the allow-listed input members (an expected array there would leak to submissions)");
            foreach (var entry in input.Entries)
            {
                ReadAll(entry).Should().Equal(ReadAll(reference.GetEntry(entry.FullName)!), $"inputs/{file}:{entry.FullName} must be a byte copy of the golden; rerun make_inputs.py");
            }
        }

        Directory.EnumerateFiles(InputsRoot(), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .Should().Equal([.. AllowedInputMembers.Keys.Append("README.md").Append("arguments.npz").Order(StringComparer.Ordinal)], "only what make_inputs.py writes belongs in inputs/");
    }

    /// <summary>
    /// inputs/arguments.npz holds byte copies of golden arrays the visible checks pass to the piece they grade, and the
    /// difference-of-boxes filters of the README's closed form (computed here independently, in double, then float32); no
    /// hidden check's snapshot holds any of them, so storing them where a submission can read them gives away no hidden
    /// expected value.
    /// </summary>
    [Fact]
    public void ArgumentsAreGoldenCopiesOrTheClosedFormFiltersAndNoHiddenCheckGradesThem()
    {
        var copied = new Dictionary<string, (string File, string Member)>(StringComparer.Ordinal)
        {
            ["relu_all"] = ("sparsity.npz", "relu_all"),
            ["temporal_diff"] = ("sparsity.npz", "temporal_diff"),
            ["sdpa_x_pe"] = ("attention.npz", "sdpa_x_pe"),
            ["lht_leak0.03"] = ("normalization.npz", "lht_leak0.03"),
            ["lht_leak0.001"] = ("normalization.npz", "lht_leak0.001"),
        };
        var path = Path.Combine(InputsRoot(), "arguments.npz");
        var windows = Npz.Read(RepoPaths.Reference(Path.Combine("microcircuits", "sparsity.npz")))["diffbox_windows"].AsInt64s();
        var filters = windows.Select(w => ($"diffbox_filter_w{w}", (int)w, false)).Concat([("diffbox_spatial_filter_w2", 2, true), ("diffbox_spatial_filter_w92", 92, true)]).ToList();
        CheckArguments.AreGoldenCopies(path, "microcircuits", copied, filters.Select(f => f.Item1));

        var arguments = Npz.Read(path);
        foreach (var (name, w, symmetric) in filters)
        {
            const int p = 4;
            var taps = new double[(2 * p) + (2 * w) + 1];
            var negatives = symmetric ? 2 * w : w;
            var b = 1 / Math.Sqrt(1 + negatives);
            taps[p + w] = negatives * b;
            for (var j = 1; j <= w; j++)
            {
                taps[p + w + j] = -b;
                taps[p + w - j] = symmetric ? -b : 0;
            }

            arguments[name].AsSingles().Should().Equal(taps.Select(t => (float)t), $"{name} is the closed-form difference-of-boxes filter (p = 4, w = {w})");
        }

        CheckArguments.NoHiddenCheckGrades(Week, "Week03.Microcircuits", arguments);
    }

    /// <summary>The README's port tolerance: (fraction of max |golden|, scale by max(1, ·)).</summary>
    private static (double Factor, bool AtLeastOne) Tolerance(string file, string member) => (file, member) switch
    {
        (_, _) when member.Contains("kurtosis", StringComparison.Ordinal) => (1e-5, true),
        ("sparsity", _) when member.StartsWith("diffbox", StringComparison.Ordinal) => (5e-6, false),
        ("sparsity", "omp_card_r2") => (1e-5, true),
        ("sparsity", _) when member.StartsWith("omp_card", StringComparison.Ordinal) => (1e-5, false),
        ("sparsity", _) when member.StartsWith("omp_", StringComparison.Ordinal) => (5e-6, false),
        ("sparsity", _) => (0, false),
        ("normalization", "hardtanh") => (0, false),
        ("normalization", "ilht_lht_leak0.001") => (1e-4, false),
        ("normalization", _) when member.StartsWith("cifarnet_", StringComparison.Ordinal) => (1e-5, false),
        ("normalization", _) when member.StartsWith("r2_", StringComparison.Ordinal) => (5e-6, true),
        ("normalization", _) => (5e-6, false),
        ("attention", _) => (1e-6, false),
        ("models", _) when member.StartsWith("sat_after", StringComparison.Ordinal) => (1e-5, false),
        ("models", _) when member.StartsWith("mlp_after", StringComparison.Ordinal) => (2e-4, false),
        ("models", _) when member.EndsWith("_acc", StringComparison.Ordinal) || member.EndsWith("n_params", StringComparison.Ordinal) => (0, false),
        ("models", _) => (1e-6, false),
        ("sparse_and", _) => (0, false),
        _ => (0, false),
    };

    private static IReadOnlyDictionary<string, NpyArray> ReadSnapshot(string check)
    {
        var path = Path.Combine(RepoPaths.Root, "grader", "weeks", "Week03.Microcircuits", "snapshots", $"{check}.expected.npz");
        File.Exists(path).Should().BeTrue($"snapshot {path} of check {Week}/{check} is missing; run `dotnet run --project grader/NeuroExercises.Grader -- snapshot update --week {Week}`");
        return Npz.Read(path);
    }

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static string InputsRoot() => Path.Combine(RepoPaths.Root, "grader", "weeks", "Week03.Microcircuits", "inputs");
}
