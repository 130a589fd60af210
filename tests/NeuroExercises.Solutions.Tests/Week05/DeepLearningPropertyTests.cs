using FluentAssertions;
using NeuroExercises.Core.Data;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week05.DeepLearningNeuro;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week05;

/// <summary>
/// Properties a wrong implementation fails (RDM symmetry and invariance, Spearman as Pearson of ranks, the written-out
/// convolution equal to conv2d, classes inside their bins, a training step lowering each loss, a BCE that stays finite at
/// saturation) and the data loader's refusals.
/// </summary>
public sealed class DeepLearningPropertyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("neuro-week5-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void LoaderReadsTheSyntheticRecordings()
    {
        using var scope = NewDisposeScope();
        var rec = DeepLearningGoldens.Recording();
        rec.Resp.shape.Should().Equal(360, 160);
        rec.Resp.dtype.Should().Be(float32);
        rec.Stimuli.dtype.Should().Be(float64);
        var split = StringerData.LoadOriBinned6Split(DeepLearningGoldens.Path(DeepLearningGoldens.Split6));
        split.RespTrain.shape.Should().Equal(60, 160);
        split.RespTest.shape.Should().Equal(60, 160);
        split.Stimuli.shape.Should().Equal(60);
    }

    [Fact]
    public void RealFilesAreRegisteredWithCoreChecksummedFetch()
    {
        CourseFiles.All.Should().Contain(CourseFiles.StringerOriBinned1).And.Contain(CourseFiles.StringerOriBinned6Split);
        CourseFiles.StringerOriBinned1.FileName.Should().Be("W3D4_stringer_oribinned1.npz");
        CourseFiles.StringerOriBinned6Split.FileName.Should().Be("W3D4_stringer_oribinned6_split.npz");
    }

    [Theory]
    [InlineData("missing", "array 'stimuli' is missing; expected [n stimuli]")]
    [InlineData("rank", "array 'resp' has shape [360]; expected [n stimuli, n neurons]")]
    [InlineData("dtype", "array 'resp' is Int64; expected Float32 or Float64")]
    [InlineData("rows", "array 'resp' has 359 rows but 'stimuli' has 360 entries")]
    public void LoaderRefusesAWrongFileNamingFileArrayAndExpectation(string defect, string message)
    {
        var path = Path.Combine(folder, $"bad_{defect}.npz");
        var stimuli = new NpyArray(NpyDType.Float64, [360], Enumerable.Range(0, 360).Select(i => (double)i).ToArray());
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal)
        {
            ["resp"] = defect switch
            {
                "rank" => new NpyArray(NpyDType.Float32, [360], new float[360]),
                "dtype" => new NpyArray(NpyDType.Int64, [360, 4], new long[360 * 4]),
                "rows" => new NpyArray(NpyDType.Float32, [359, 4], new float[359 * 4]),
                _ => new NpyArray(NpyDType.Float32, [360, 4], new float[360 * 4]),
            },
        };
        if (defect != "missing")
        {
            arrays["stimuli"] = stimuli;
        }

        Npz.Write(path, arrays);
        var act = () => StringerData.LoadOriBinned1(path);
        act.Should().Throw<InvalidDataException>().Which.Message.Should().StartWith($"bad_{defect}.npz: ").And.Contain(message);
    }

    [Fact]
    public void SplitLoaderRefusesHalvesOfDifferentShapes()
    {
        var path = Path.Combine(folder, "split.npz");
        Npz.Write(path, new Dictionary<string, NpyArray>(StringComparer.Ordinal)
        {
            ["resp_train"] = new NpyArray(NpyDType.Float32, [60, 4], new float[240]),
            ["resp_test"] = new NpyArray(NpyDType.Float32, [60, 3], new float[180]),
            ["stimuli"] = new NpyArray(NpyDType.Float64, [60], new double[60]),
        });
        var act = () => StringerData.LoadOriBinned6Split(path);
        act.Should().Throw<InvalidDataException>().WithMessage("split.npz: array 'resp_test' has shape [60, 3]; expected the shape of 'resp_train' [60, 4]");
    }

    [Fact]
    public void RdmIsSymmetricWithZeroDiagonalAndInvariantToPositiveAffineChanges()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var x = randn([12, 30], generator: generator);
        var rdm = Rsa.Rdm(x);
        (rdm - rdm.t()).abs().max().item<float>().Should().BeLessThan(1e-6f);
        rdm.diagonal().abs().max().item<float>().Should().BeLessThan(1e-6f);
        var scaled = (x * (rand([12, 1], generator: generator) + 0.5f)) + (randn([12, 1], generator: generator) * 3);
        (Rsa.Rdm(scaled) - rdm).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }

    [Fact]
    public void RdmOfAConstantRowIsNaNInItsRowAndColumnOnly()
    {
        using var scope = NewDisposeScope();
        var x = DeepLearningGoldens.T(DeepLearningGoldens.RsaFile, "small_X_const");
        var rdm = Rsa.Rdm(x);
        rdm.isnan().sum().item<long>().Should().Be(11);
        rdm[2].isnan().all().item<bool>().Should().BeTrue();
    }

    [Fact]
    public void SpearmanOfUntiedDataIsPearsonOfRanksAndTiesGetAverageRanks()
    {
        var random = new Random(3);
        var a = Enumerable.Range(0, 50).Select(_ => random.NextDouble()).ToArray();
        var b = a.Select(v => Math.Exp(3 * v) + (0.3 * random.NextDouble())).ToArray();
        Rsa.Spearman(a, b).Should().BeApproximately(Rsa.Pearson(Rsa.AverageRanks(a), Rsa.AverageRanks(b)), 1e-12);
        Rsa.AverageRanks([3.0, 1.0, 3.0, 2.0, 3.0]).Should().Equal(4.0, 1.0, 4.0, 2.0, 4.0);
        Rsa.AverageRanks([0.5, 0.5]).Should().Equal(1.5, 1.5);
    }

    [Fact]
    public void WrittenOutConvolutionEqualsConv2d()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var x = randn([2, 3, 9, 11], generator: generator);
        var w = randn([4, 3, 5, 5], generator: generator);
        var b = randn([4], generator: generator);
        foreach (var padding in new[] { 0, 2, 3 })
        {
            var written = Convolution.CrossCorrelate(x, w, b, padding);
            var library = Convolution.Conv2d(x, w, b, padding);
            written.shape.Should().Equal(library.shape);
            (written - library).abs().max().item<float>().Should().BeLessThan(1e-5f, $"padding {padding}");
        }
    }

    [Fact]
    public void EveryClassSitsInItsBin()
    {
        using var scope = NewDisposeScope();
        var angles = cat([linspace(0, 359.999, 997, dtype: float64), tensor(new[] { 216.0, 215.99999999999997, 18.0, 0.0 })]);
        foreach (var n in new[] { 7, 8, 20, 35, 36 })
        {
            var labels = DataPreparation.OrientationClass(angles, n).data<long>().ToArray();
            var values = angles.data<double>().ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                var k = labels[i];
                double Edge(long j) => j == n ? 360.0 : j * (360.0 / n);
                (Edge(k) <= values[i] && values[i] < Edge(k + 1)).Should().BeTrue($"angle {values[i]:R} in class {k} of {n}");
            }
        }

        DataPreparation.OrientationClass(tensor(new[] { 216.0 }), 35).item<long>().Should().Be(20, "linspace's edge 21 of 35 is 216.00000000000003");
    }

    [Fact]
    public void OneStepLowersEachLossOnItsBatch()
    {
        using var scope = NewDisposeScope();
        var split = DeepLearningGoldens.Split();
        var f = DeepLearningGoldens.DeepNetFile;
        using (var net = new DeepNet(DeepLearningGoldens.T(f, "in_weight"), DeepLearningGoldens.T(f, "in_bias"), DeepLearningGoldens.T(f, "out_weight"), DeepLearningGoldens.T(f, "out_bias")))
        {
            var losses = DeepNetTraining.Train(net, split.RespTrain, split.StimuliTrain, 1e-4, 2).data<float>().ToArray();
            losses[1].Should().BeLessThan(losses[0], "DeepNet's MSE");
        }

        var g = DeepLearningGoldens.Bonus;
        var yTrain = DataPreparation.OrientationClass(split.StimuliTrain.flatten(), 20);
        var yTest = DataPreparation.OrientationClass(split.StimuliTest.flatten(), 20);
        using (var net = new OrientationClassifier(DeepLearningGoldens.T(g, "init_in_weight"), DeepLearningGoldens.T(g, "init_in_bias"), DeepLearningGoldens.T(g, "init_out_weight"), DeepLearningGoldens.T(g, "init_out_bias")))
        {
            var losses = net.Train(split.RespTrain, yTrain, split.RespTest, yTest, 0.1, 2, 1e-2, 5e-4).TrainLoss.data<float>().ToArray();
            losses[1].Should().BeLessThan(losses[0], "the classifier's regularised NLL");
        }

        using (var cnn = DeepLearningGoldens.InitialCnn())
        {
            var images = Gratings.Batch([-60, -20, -3, 4, 25, 70], 0.1, centered: false);
            var labels = tensor(new[] { 0f, 0, 0, 1, 1, 1 }).reshape(-1, 1);
            var perm = tensor(new long[] { 0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5 }).reshape(2, 6);
            var losses = TiltTraining.Train(cnn, images, labels, perm, 6, 5e-4, 0.99).data<float>().ToArray();
            losses[1].Should().BeLessThan(losses[0], "the CNN's BCE");
        }

        var e = DeepLearningGoldens.Encoding;
        var resp = StringerData.LoadOriBinned6Split(DeepLearningGoldens.Path(DeepLearningGoldens.Split6));
        var neurons = DeepLearningGoldens.T(e, "neurons");
        var stimuli = Gratings.Batch(Enumerable.Range(0, 60).Select(i => -180.0 + (6 * i)), 0.025, centered: true);
        using (var model = DeepLearningGoldens.InitialEncoding())
        {
            var history = model.Train(stimuli, resp.RespTrain.index_select(1, neurons), resp.RespTest.index_select(1, neurons), 0.016, 0.9, 2, 5e-4, 1e-6);
            var losses = history.TrainLoss.data<float>().ToArray();
            losses[1].Should().BeLessThan(losses[0], "the encoding model's regularised MSE");
            history.TestLoss.data<float>().ToArray()[1].Should().Be(float.NaN, "the test loss is recorded only at step 0 and every 20th");
        }
    }

    [Fact]
    public void BceGradientStaysFiniteWhenTheSigmoidSaturates()
    {
        using var scope = NewDisposeScope();
        var p = tensor(new[] { 1f, 0f, 1f, 0f, 0.3f }).reshape(-1, 1).requires_grad_(true);
        var y = tensor(new[] { 1f, 0f, 0f, 1f, 1f }).reshape(-1, 1);
        var loss = TiltTraining.Bce(p, y);
        loss.backward();
        float.IsFinite(loss.item<float>()).Should().BeTrue();
        p.grad!.isfinite().all().item<bool>().Should().BeTrue("PyTorch's BCELoss gradient is (p − y)/max(p(1 − p), 1e-12)");
        p.grad![0, 0].item<float>().Should().Be(0);
    }

    [Fact]
    public void MomentumSgdStartsWithTheGradientThenAccumulates()
    {
        using var scope = NewDisposeScope();
        var w = tensor(new[] { 1f, -2f }).requires_grad_(true);
        using var sgd = new MomentumSgd([w], 0.1, 0.9);
        for (var step = 0; step < 2; step++)
        {
            sgd.ZeroGrad();
            (w * tensor(new[] { 1f, 2f })).sum().backward();
            sgd.Step();
        }

        // v1 = g, v2 = 0.9 g + g = 1.9 g: w = w0 − 0.1·g − 0.1·1.9·g = w0 − 0.29 g.
        w.detach().data<float>().ToArray().Should().BeEquivalentTo(new[] { 1f - 0.29f, -2f - 0.58f }, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
    }
}
