using NeuroExercises.Core.Idx;
using static TorchSharp.torch;

namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>
/// Fashion-MNIST (Xiao et al. 2017) as tensors: 28 × 28 grey images flattened to 784 values in [0, 1], labels 0 … 9.
/// Read with Core's IDX reader from Debian's <c>dataset-fashion-mnist</c> (installed by setup.sh when missing). Provided (not graded).
/// The instance owns its tensors.
/// </summary>
public sealed class FashionMnist : IDisposable
{
    /// <summary>Where Debian's dataset-fashion-mnist puts the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    private FashionMnist(Tensor trainImages, Tensor trainLabels, Tensor testImages, Tensor testLabels)
    {
        TrainImages = trainImages;
        TrainLabels = trainLabels;
        TestImages = testImages;
        TestLabels = testLabels;
    }

    /// <summary>Training images [60000, 784] float32 in [0, 1] (fewer with a limit).</summary>
    public Tensor TrainImages { get; }

    /// <summary>Training labels [60000] int64.</summary>
    public Tensor TrainLabels { get; }

    /// <summary>Test images [10000, 784] float32 in [0, 1].</summary>
    public Tensor TestImages { get; }

    /// <summary>Test labels [10000] int64.</summary>
    public Tensor TestLabels { get; }

    /// <summary>The folder to read: $NEURO_FASHION_MNIST_DIR when set, else <see cref="DebianFolder"/>.</summary>
    public static string DefaultFolder => Environment.GetEnvironmentVariable("NEURO_FASHION_MNIST_DIR") ?? DebianFolder;

    /// <summary>True when the four files are in <paramref name="folder"/> (default <see cref="DefaultFolder"/>).</summary>
    /// <param name="folder">The folder, or null for the default.</param>
    /// <returns>Whether <see cref="Load"/> can read it.</returns>
    public static bool IsAvailable(string? folder = null) =>
        FileNames.All(f => File.Exists(Path.Combine(folder ?? DefaultFolder, f)));

    /// <summary>
    /// Reads the four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-…), keeping the first
    /// <paramref name="trainLimit"/> training and <paramref name="testLimit"/> test samples when given.
    /// </summary>
    /// <param name="folder">The folder, or null for <see cref="DefaultFolder"/>.</param>
    /// <param name="trainLimit">At most this many training samples (null: all 60000).</param>
    /// <param name="testLimit">At most this many test samples (null: all 10000).</param>
    /// <returns>The data set (the caller disposes it).</returns>
    /// <exception cref="FileNotFoundException">A file is missing; the message says how to install it.</exception>
    public static FashionMnist Load(string? folder = null, int? trainLimit = null, int? testLimit = null)
    {
        folder ??= DefaultFolder;
        foreach (var name in FileNames)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"Fashion-MNIST: {path} is missing. Install Debian's dataset-fashion-mnist (./setup.sh does), or set NEURO_FASHION_MNIST_DIR to a folder with the four IDX files.", path);
            }
        }

        using var scope = NewDisposeScope();
        var trainImages = Images(Path.Combine(folder, FileNames[0]), trainLimit);
        var trainLabels = Labels(Path.Combine(folder, FileNames[1]), trainLimit);
        var testImages = Images(Path.Combine(folder, FileNames[2]), testLimit);
        var testLabels = Labels(Path.Combine(folder, FileNames[3]), testLimit);
        return new FashionMnist(
            trainImages.MoveToOuterDisposeScope(), trainLabels.MoveToOuterDisposeScope(),
            testImages.MoveToOuterDisposeScope(), testLabels.MoveToOuterDisposeScope());
    }

    /// <summary>One-hot targets: T[n, k] = 1 where k = labels[n], else 0 (float32 [N, classes]).</summary>
    /// <param name="labels">int64 [N].</param>
    /// <param name="classes">Number of classes (10).</param>
    /// <returns>T [N, classes].</returns>
    public static Tensor OneHot(Tensor labels, int classes = 10)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        return nn.functional.one_hot(labels, classes).to(float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// A validation split: a new data set whose training part is the first N − <paramref name="count"/> training samples and
    /// whose test part is the last <paramref name="count"/> training samples (copies; this data set is unchanged). Tune learning
    /// rates on it, never on the test set. Provided (not graded).
    /// </summary>
    /// <param name="count">Training samples to hold out, 1 ≤ count &lt; N.</param>
    /// <returns>The split (the caller disposes it).</returns>
    public FashionMnist HoldOut(int count)
    {
        var n = TrainImages.shape[0];
        if (count < 1 || count >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"FashionMnist.HoldOut: hold out between 1 and {n - 1} of the {n} training samples.");
        }

        using var scope = NewDisposeScope();
        var keep = n - count;
        return new FashionMnist(
            TrainImages.narrow(0, 0, keep).clone().MoveToOuterDisposeScope(), TrainLabels.narrow(0, 0, keep).clone().MoveToOuterDisposeScope(),
            TrainImages.narrow(0, keep, count).clone().MoveToOuterDisposeScope(), TrainLabels.narrow(0, keep, count).clone().MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        TrainImages.Dispose();
        TrainLabels.Dispose();
        TestImages.Dispose();
        TestLabels.Dispose();
    }

    private static readonly string[] FileNames =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    private static Tensor Images(string path, int? limit)
    {
        using var raw = IdxFile.Read(path).ToTensor();
        var n = Math.Min(raw.shape[0], limit ?? long.MaxValue);
        return raw.narrow(0, 0, n).reshape(n, -1).to(float32).div_(255.0f).contiguous();
    }

    private static Tensor Labels(string path, int? limit)
    {
        using var raw = IdxFile.Read(path).ToTensor();
        var n = Math.Min(raw.shape[0], limit ?? long.MaxValue);
        return raw.narrow(0, 0, n).to(int64).contiguous();
    }
}
