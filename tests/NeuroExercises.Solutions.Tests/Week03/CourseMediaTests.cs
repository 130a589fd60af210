using System.Security.Cryptography;
using FluentAssertions;
using NeuroExercises.Core.Data;
using NeuroExercises.Core.Npy;
using NeuroExercises.Week03.Microcircuits;
using static TorchSharp.torch;

namespace NeuroExercises.Solutions.Tests.Week03;

/// <summary>
/// The sparsity tutorial's real media through Core's checksummed fetch (<see cref="CourseMedia"/>): registered with the
/// notebook's addresses and MD5s; the loaders read files of the course's layout (synthetic here: OSF is out of reach) and
/// refuse a wrong one naming the file, its shape or dtype and what was expected; Retrieve* goes through the verified cache,
/// and the week's sparsity functions run on what comes back.
/// </summary>
public sealed class CourseMediaTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("neuro-media-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void TheFourFilesAreRegisteredWithTheNotebooksAddressesAndDigests()
    {
        CourseFiles.All.Should().Contain([CourseFiles.MicrocircuitsVideo, CourseFiles.MicrocircuitsSignal, CourseFiles.MicrocircuitsFrame, CourseFiles.MicrocircuitsDigitsVideo]);
        CourseFiles.MicrocircuitsSignal.Should().Be(new CourseFile("sig.npy", new Uri("https://osf.io/c9qxk/download"), "f3618e05e39f6df5997f78ea668f2568"));
        CourseFiles.MicrocircuitsVideo.Url.Should().Be(new Uri("https://osf.io/t9g2m/download"));
        CourseFiles.All.Select(f => f.FileName).Should().OnlyHaveUniqueItems("one cache folder holds every week's files");
    }

    [Fact]
    public void RetrieveReadsTheVerifiedCachedCopyAndTheSparsityFunctionsRunOnIt()
    {
        // A uint8 pixel trace of the course's layout; the catalogue entry carries its MD5, so the cached copy is used as is.
        var pixel = Enumerable.Range(0, 300).Select(t => (byte)(t % 50 < 25 ? 40 : 200)).ToArray();
        var cache = Path.Combine(folder, "cache");
        Directory.CreateDirectory(cache);
        var path = Path.Combine(cache, "sig.npy");
        Npy.Write(path, new NpyArray(NpyDType.UInt8, [300], pixel));
        var entry = CourseFiles.MicrocircuitsSignal with { Md5 = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path))) };

        using var scope = NewDisposeScope();
        var sig = CourseMedia.RetrieveSignal(new CourseDataOptions { CacheDirectory = cache, Catalog = [entry] });
        sig.shape.Should().Equal(300);
        sig.dtype.Should().Be(float32);
        sig[0].item<float>().Should().Be(40f);
        sig[25].item<float>().Should().Be(200f);
        var relu = Sparsity.ThresholdedRelu(sig, 100);
        relu.sum().item<float>().Should().Be(pixel.Count(p => p > 100) * 100f, "a ReLU at 100 keeps 100 of each 200 pixel and drops the 40s");
    }

    [Fact]
    public void RetrieveRefusesACachedCopyWithAnotherDigestAndDownloadsNothingWithoutANetwork()
    {
        var cache = Path.Combine(folder, "cache2");
        Directory.CreateDirectory(cache);
        Npy.Write(Path.Combine(cache, "frame1.npy"), new NpyArray(NpyDType.Float32, [4, 4], new float[16]));
        using var http = new HttpClient(new RefusingHandler());
        var act = () => CourseMedia.RetrieveFrame(new CourseDataOptions { CacheDirectory = cache, Http = http });
        act.Should().Throw<CourseDataException>().Which.Message.Should().Contain("frame1.npy");
    }

    [Theory]
    [InlineData("signal", 2, "sig.npy: the array has shape [3, 4]; expected [T] (one value per frame)")]
    [InlineData("frame", 1, "frame1.npy: the array has shape [12]; expected [H, W] (one grey frame)")]
    [InlineData("video", 2, "video_array.npy: the array has shape [3, 4]; expected [frames, H, W] or [frames, H, W, channels]")]
    [InlineData("digits", 4, "reweight_digits.npy: the array has shape [1, 2, 2, 3]; expected [H, W, T] (time last)")]
    public void ALoaderRefusesAWrongRankNamingTheFileAndTheLayout(string kind, int rank, string message)
    {
        var (name, load) = Loader(kind);
        var shape = rank switch { 1 => new long[] { 12 }, 2 => [3, 4], _ => [1, 2, 2, 3] };
        var path = Path.Combine(folder, name);
        Npy.Write(path, new NpyArray(NpyDType.Float32, shape, new float[12]));
        var act = () => load(path);
        act.Should().Throw<InvalidDataException>().WithMessage(message + "*");
    }

    [Fact]
    public void ALoaderRefusesBooleansAndReadsColourVideoFramesFirst()
    {
        var bools = Path.Combine(folder, "video_array.npy");
        Npy.Write(bools, new NpyArray(NpyDType.Bool, [2, 2, 3], new bool[12]));
        var act = () => CourseMedia.LoadVideo(bools);
        act.Should().Throw<InvalidDataException>().WithMessage("video_array.npy: the array is Bool; expected numbers*");

        var colour = Path.Combine(folder, "colour.npy");
        Npy.Write(colour, new NpyArray(NpyDType.UInt8, [2, 3, 4, 3], Enumerable.Range(0, 72).Select(i => (byte)i).ToArray()));
        using var scope = NewDisposeScope();
        var video = CourseMedia.LoadVideo(colour);
        video.shape.Should().Equal(2, 3, 4, 3);
        video[1, 0, 0, 2].item<float>().Should().Be(38f, "frame 1 starts at 36 = 3·4·3; channel 2 adds 2");
    }

    private static (string Name, Func<string, Tensor> Load) Loader(string kind) => kind switch
    {
        "signal" => ("sig.npy", CourseMedia.LoadSignal),
        "frame" => ("frame1.npy", CourseMedia.LoadFrame),
        "video" => ("video_array.npy", CourseMedia.LoadVideo),
        _ => ("reweight_digits.npy", CourseMedia.LoadDigitsVideo),
    };

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("no network in this test");
    }
}
