using NeuroExercises.Core.Data;
using NeuroExercises.Core.Npy;
using static TorchSharp.torch;

namespace NeuroExercises.Week05.DeepLearningNeuro;

/// <summary>
/// Reads the course's V1 recordings (Stringer et al.) with Core's NPZ reader and refuses a file whose arrays, shapes or
/// dtypes are not the course's, naming the file, the array and what was expected.
/// </summary>
/// <remarks>
/// The course's real files (~23,600 neurons) come through Core's checksummed fetch:
/// <c>StringerData.LoadOriBinned1(CourseData.Retrieve(CourseFiles.StringerOriBinned1.FileName))</c> and
/// <c>StringerData.LoadOriBinned6Split(CourseData.Retrieve(CourseFiles.StringerOriBinned6Split.FileName))</c> (URL and MD5
/// in <see cref="CourseFiles"/>). Without network the synthetic 160-neuron stand-ins of the same layout are read from a
/// path, e.g. grader/weeks/Week05.DeepLearningNeuro/inputs/W3D4_stringer_oribinned1_synthetic.npz. Provided code: not graded.
/// </remarks>
public static class StringerData
{
    /// <summary>Reads a <c>W3D4_stringer_oribinned1*.npz</c> file: <c>resp</c> [n, m] (float32 or float64, read as float32)
    /// and <c>stimuli</c> [n] (float64, degrees).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The recording.</returns>
    /// <exception cref="InvalidDataException">A required array is missing or has the wrong shape or dtype.</exception>
    public static OrientationRecording LoadOriBinned1(string path)
    {
        var arrays = Read(path);
        var resp = Require(path, arrays, "resp", 2, "[n stimuli, n neurons]", NpyDType.Float32, NpyDType.Float64);
        var stimuli = Require(path, arrays, "stimuli", 1, "[n stimuli]", NpyDType.Float64, NpyDType.Float32);
        SameStimuli(path, "resp", resp, stimuli);
        return new OrientationRecording(resp.ToTensor().to(float32), stimuli.ToTensor().to(float64));
    }

    /// <summary>Reads a <c>W3D4_stringer_oribinned6_split*.npz</c> file: <c>resp_train</c>, <c>resp_test</c> [n, m]
    /// (float32 or float64, read as float32) and <c>stimuli</c> [n] (float64, degrees).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The two halves and the stimuli.</returns>
    /// <exception cref="InvalidDataException">A required array is missing or has the wrong shape or dtype.</exception>
    public static SplitRecording LoadOriBinned6Split(string path)
    {
        var arrays = Read(path);
        var train = Require(path, arrays, "resp_train", 2, "[n stimuli, n neurons]", NpyDType.Float32, NpyDType.Float64);
        var test = Require(path, arrays, "resp_test", 2, "[n stimuli, n neurons]", NpyDType.Float32, NpyDType.Float64);
        var stimuli = Require(path, arrays, "stimuli", 1, "[n stimuli]", NpyDType.Float64, NpyDType.Float32);
        SameStimuli(path, "resp_train", train, stimuli);
        if (!test.Shape.SequenceEqual(train.Shape))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: array 'resp_test' has shape [{string.Join(", ", test.Shape)}]; expected the shape of 'resp_train' [{string.Join(", ", train.Shape)}]");
        }

        return new SplitRecording(train.ToTensor().to(float32), test.ToTensor().to(float32), stimuli.ToTensor().to(float64));
    }

    /// <summary>The course's real file of one 1° bin per row, fetched (once, MD5-checked) into Core's cache folder.</summary>
    /// <returns>The recording (~23,600 neurons).</returns>
    public static OrientationRecording RetrieveOriBinned1() => LoadOriBinned1(CourseData.Retrieve(CourseFiles.StringerOriBinned1.FileName));

    /// <summary>The course's real split file of 6° bins, fetched (once, MD5-checked) into Core's cache folder.</summary>
    /// <returns>The two halves and the stimuli.</returns>
    public static SplitRecording RetrieveOriBinned6Split() => LoadOriBinned6Split(CourseData.Retrieve(CourseFiles.StringerOriBinned6Split.FileName));

    private static IReadOnlyDictionary<string, NpyArray> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            return Npz.Read(path);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: not a readable NPZ archive ({e.Message})", e);
        }
    }

    private static NpyArray Require(string path, IReadOnlyDictionary<string, NpyArray> arrays, string name, int rank, string shape, params NpyDType[] dtypes)
    {
        var file = Path.GetFileName(path);
        if (!arrays.TryGetValue(name, out var array))
        {
            throw new InvalidDataException($"{file}: array '{name}' is missing; expected {shape} {string.Join(" or ", dtypes)} (the file holds {string.Join(", ", arrays.Keys.Order(StringComparer.Ordinal))})");
        }

        if (array.Shape.Length != rank || array.Shape.Any(d => d == 0))
        {
            throw new InvalidDataException($"{file}: array '{name}' has shape [{string.Join(", ", array.Shape)}]; expected {shape} with no empty dimension");
        }

        if (!dtypes.Contains(array.DType))
        {
            throw new InvalidDataException($"{file}: array '{name}' is {array.DType}; expected {string.Join(" or ", dtypes)}");
        }

        return array;
    }

    private static void SameStimuli(string path, string name, NpyArray resp, NpyArray stimuli)
    {
        if (resp.Shape[0] != stimuli.Shape[0])
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: array '{name}' has {resp.Shape[0]} rows but 'stimuli' has {stimuli.Shape[0]} entries; expected one row per stimulus");
        }

        var values = stimuli.ToDoubles();
        if (values.Any(v => !double.IsFinite(v)))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: array 'stimuli' holds a non-finite value; expected angles in degrees");
        }
    }
}
