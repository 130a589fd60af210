using NeuroExercises.Core.Cifar;
using NeuroExercises.Core.Data;
using NeuroExercises.Core.Npy;
using static TorchSharp.torch;

namespace NeuroExercises.Week03.Microcircuits;

/// <summary>
/// The course's real media for the sparsity tutorial (NeuroAI W1D5 Tutorial 1) and the normalization tutorial's CIFAR-10
/// (Tutorial 2), through Core's checksummed fetch:
/// <c>sig.npy</c> (one pixel of a bird video over time), <c>frame1.npy</c> (one frame), <c>video_array.npy</c> (the video)
/// and <c>reweight_digits.npy</c> (an MNIST-derived video, pixels × pixels × time); addresses and MD5s are the notebook's
/// (<see cref="CourseFiles"/>); CIFAR-10 comes as the dataset authors' binary archive. The graded checks use the goldens' synthetic stand-ins of the same kind; these loaders let
/// the same functions (<see cref="Sparsity"/>, <see cref="SparseCoding"/>) run on the real recordings where the files can be
/// downloaded (set NEURO_DATA_DIR for the cache folder). Every array comes back as float32 on the CPU; a file with the wrong
/// rank or a non-numeric dtype is refused with a message naming the file, its shape or dtype, and what was expected.
/// Provided code: not graded.
/// </summary>
public static class CourseMedia
{
    /// <summary>Reads a signal over time (sig.npy's layout: one dimension).</summary>
    /// <param name="path">An .npy file.</param>
    /// <returns>float32 [T].</returns>
    public static Tensor LoadSignal(string path) => Load(path, [1], "[T] (one value per frame)");

    /// <summary>Reads one grey frame (frame1.npy's layout: rows × columns).</summary>
    /// <param name="path">An .npy file.</param>
    /// <returns>float32 [H, W].</returns>
    public static Tensor LoadFrame(string path) => Load(path, [2], "[H, W] (one grey frame)");

    /// <summary>Reads a video with its frames on the first axis (video_array.npy's layout), grey or with colour channels last.</summary>
    /// <param name="path">An .npy file.</param>
    /// <returns>float32 [frames, H, W] or [frames, H, W, channels].</returns>
    public static Tensor LoadVideo(string path) => Load(path, [3, 4], "[frames, H, W] or [frames, H, W, channels]");

    /// <summary>Reads the digits video (reweight_digits.npy's layout: pixels × pixels × time, time last).</summary>
    /// <param name="path">An .npy file.</param>
    /// <returns>float32 [H, W, T].</returns>
    public static Tensor LoadDigitsVideo(string path) => Load(path, [3], "[H, W, T] (time last)");

    /// <summary>Downloads (once, MD5-checked, into the course data cache) and reads sig.npy.</summary>
    /// <param name="options">Cache folder, HTTP client, base URL and catalogue; null for the defaults.</param>
    /// <returns>As <see cref="LoadSignal"/>.</returns>
    public static Tensor RetrieveSignal(CourseDataOptions? options = null) => LoadSignal(CourseData.Retrieve(CourseFiles.MicrocircuitsSignal.FileName, options));

    /// <summary>Downloads (once, MD5-checked) and reads frame1.npy.</summary>
    /// <param name="options">Cache folder, HTTP client, base URL and catalogue; null for the defaults.</param>
    /// <returns>As <see cref="LoadFrame"/>.</returns>
    public static Tensor RetrieveFrame(CourseDataOptions? options = null) => LoadFrame(CourseData.Retrieve(CourseFiles.MicrocircuitsFrame.FileName, options));

    /// <summary>Downloads (once, MD5-checked) and reads video_array.npy.</summary>
    /// <param name="options">Cache folder, HTTP client, base URL and catalogue; null for the defaults.</param>
    /// <returns>As <see cref="LoadVideo"/>.</returns>
    public static Tensor RetrieveVideo(CourseDataOptions? options = null) => LoadVideo(CourseData.Retrieve(CourseFiles.MicrocircuitsVideo.FileName, options));

    /// <summary>Downloads (once, MD5-checked) and reads reweight_digits.npy.</summary>
    /// <param name="options">Cache folder, HTTP client, base URL and catalogue; null for the defaults.</param>
    /// <returns>As <see cref="LoadDigitsVideo"/>.</returns>
    public static Tensor RetrieveDigitsVideo(CourseDataOptions? options = null) => LoadDigitsVideo(CourseData.Retrieve(CourseFiles.MicrocircuitsDigitsVideo.FileName, options));

    /// <summary>
    /// Reads CIFAR-10 (tutorial 2's images for <see cref="CifarNet"/>) from the dataset's binary version: the archive
    /// cifar-10-binary.tar.gz, its .tar, or one extracted batch .bin (<see cref="Cifar10Binary"/>). Pixels are scaled to
    /// [0, 1] as torchvision's ToTensor does; the course's loader then normalises each channel, which is left to the caller.
    /// A damaged archive is refused with a <see cref="NeuroExercises.Core.DataFormatException"/> naming the file and member.
    /// </summary>
    /// <param name="path">The archive or a batch file.</param>
    /// <param name="train">The 50 000 training images (batches 1–5) instead of the 10 000 test images.</param>
    /// <param name="count">Keep only the first <paramref name="count"/> images (null: all).</param>
    /// <returns>Images float32 [N, 3, 32, 32] in [0, 1] and labels int64 [N] (0–9, <see cref="Cifar10Binary.ClassNames"/>).</returns>
    public static (Tensor Images, Tensor Labels) LoadCifar10(string path, bool train = false, int? count = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var data = Cifar10Binary.Read(path, train ? Cifar10Split.Train : Cifar10Split.Test);
        var n = count is { } c ? Math.Clamp(c, 0, data.Count) : data.Count;
        using var scope = NewDisposeScope();
        var images = tensor(data.Pixels.AsSpan(0, n * Cifar10Binary.PixelBytes).ToArray(), [n, 3, 32, 32], dtype: uint8).to(float32).div_(255f);
        var labels = tensor(data.Labels.AsSpan(0, n).ToArray(), [n], dtype: uint8).to(int64);
        return (images.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Downloads (once, MD5-checked, from the dataset authors' page) and reads CIFAR-10's binary archive.</summary>
    /// <param name="train">The training images instead of the test images.</param>
    /// <param name="count">Keep only the first <paramref name="count"/> images (null: all).</param>
    /// <param name="options">Cache folder, HTTP client, base URL and catalogue; null for the defaults.</param>
    /// <returns>As <see cref="LoadCifar10"/>.</returns>
    public static (Tensor Images, Tensor Labels) RetrieveCifar10(bool train = false, int? count = null, CourseDataOptions? options = null) =>
        LoadCifar10(CourseData.Retrieve(CourseFiles.Cifar10.FileName, options), train, count);

    private static readonly NpyDType[] Numeric =
        [NpyDType.Float32, NpyDType.Float64, NpyDType.UInt8, NpyDType.Int32, NpyDType.Int64];

    private static Tensor Load(string path, int[] ranks, string expected)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = Path.GetFileName(path);
        NpyArray array;
        try
        {
            array = Npy.Read(path);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{file}: not a readable .npy array ({e.Message}); expected {expected}", e);
        }

        if (!ranks.Contains(array.Shape.Length) || array.Shape.Any(d => d == 0))
        {
            throw new InvalidDataException($"{file}: the array has shape [{string.Join(", ", array.Shape)}]; expected {expected} with no empty dimension");
        }

        if (!Numeric.Contains(array.DType))
        {
            throw new InvalidDataException($"{file}: the array is {array.DType}; expected numbers (float or integer pixels)");
        }

        using var scope = NewDisposeScope();
        return array.ToTensor().to(float32).MoveToOuterDisposeScope();
    }
}
