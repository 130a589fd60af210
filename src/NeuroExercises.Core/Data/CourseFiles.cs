namespace NeuroExercises.Core.Data;

/// <summary>The catalogue of course data files: names, OSF addresses and MD5 digests, as in the course notebooks.</summary>
public static class CourseFiles
{
    /// <summary>Monkey J's muscle activity and reach-condition inputs (Sussillo et al. 2015), task-driven RNN week.</summary>
    public static CourseFile CondsForSimJ2moMuscles { get; } =
        new("condsForSimJ2moMuscles.mat", new Uri("https://osf.io/wak7e/download"), "257d16c4d92759d615bf5cac75dd9a1f");

    /// <summary>Recorded M1 PSTHs during reaching, compared with the RNN's units.</summary>
    public static CourseFile M1ReachingData { get; } =
        new("m1_reaching_data.mat", new Uri("https://osf.io/p2x4n/download"), "6fc65443b9632db47772dd2efaadeee0");

    /// <summary>The course's trained RNN with the rate penalty (a PyTorch state dict).</summary>
    public static CourseFile RegularizedModel { get; } =
        new("regularized_model_final.pth", new Uri("https://osf.io/kc7sb/download"), "9435a9c2ea75766144bf840b25bfb97e");

    /// <summary>The course's trained RNN without the rate penalty (a PyTorch state dict).</summary>
    public static CourseFile UnregularizedModel { get; } =
        new("unregularized_model_final.pth", new Uri("https://osf.io/9vsy5/download"), "2e3dc9551b677206e2315788df354a91");

    /// <summary>Mouse V1 responses to gratings, one 1° bin per row (Stringer et al.), deep-learning week.</summary>
    public static CourseFile StringerOriBinned1 { get; } =
        new("W3D4_stringer_oribinned1.npz", new Uri("https://osf.io/683xc/download"), "436599dfd8ebe6019f066c38aed20580");

    /// <summary>The same recording in 6° bins, each averaged over two disjoint halves of the trials (the encoding model).</summary>
    public static CourseFile StringerOriBinned6Split { get; } =
        new("W3D4_stringer_oribinned6_split.npz", new Uri("https://osf.io/p3aeb/download"), "b3f7245c6221234a676b71a1f43c3bb5");

    /// <summary>
    /// The microcircuits week's bird video (NeuroAI W1D5 Tutorial 1, "Natural sparsity"): frames on the first axis, read
    /// with np.load. Address and MD5 as in the notebook's "Data retrieval" cell.
    /// </summary>
    public static CourseFile MicrocircuitsVideo { get; } =
        new("video_array.npy", new Uri("https://osf.io/t9g2m/download"), "bbd1d73eeb7f5c81768771ceb85c849e");

    /// <summary>One pixel of that video over time (W1D5 Tutorial 1: ReLU thresholds, kurtosis, differencing, OMP).</summary>
    public static CourseFile MicrocircuitsSignal { get; } =
        new("sig.npy", new Uri("https://osf.io/c9qxk/download"), "f3618e05e39f6df5997f78ea668f2568");

    /// <summary>One frame of the video as a 2-D array (W1D5 Tutorial 1, bonus: hard thresholding, spatial differencing).</summary>
    public static CourseFile MicrocircuitsFrame { get; } =
        new("frame1.npy", new Uri("https://osf.io/n652y/download"), "6ce619172367742dd148cc5830df908c");

    /// <summary>The MNIST-derived video, pixels × pixels × time (W1D5 Tutorial 1, dictionary learning).</summary>
    public static CourseFile MicrocircuitsDigitsVideo { get; } =
        new("reweight_digits.npy", new Uri("https://osf.io/ry5am/download"), "1f2f3a5d08e13ed2ec3222dca1e85b60");

    /// <summary>
    /// CIFAR-10, the microcircuits week's images (W1D5 Tutorial 2, CIFARNet with and without LayerNorm), in the dataset
    /// authors' binary version (the course loads the same images through torchvision's pickled python version; the
    /// binary one is read without pickle, <see cref="Cifar.Cifar10Binary"/>). Address and MD5 from
    /// https://www.cs.toronto.edu/~kriz/cifar.html (170 052 171 bytes).
    /// </summary>
    public static CourseFile Cifar10 { get; } =
        new("cifar-10-binary.tar.gz", new Uri("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), "c32a1d4ab5d03f1284b67883e8d87530");

    /// <summary>Every known file.</summary>
    public static IReadOnlyList<CourseFile> All { get; } =
        [CondsForSimJ2moMuscles, M1ReachingData, RegularizedModel, UnregularizedModel, StringerOriBinned1, StringerOriBinned6Split,
            MicrocircuitsVideo, MicrocircuitsSignal, MicrocircuitsFrame, MicrocircuitsDigitsVideo, Cifar10];
}
