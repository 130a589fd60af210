using System.Formats.Tar;
using System.IO.Compression;
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

    [Fact]
    public void Cifar10IsRetrievedFromItsBinaryArchiveScaledToTheUnitIntervalAndCifarNetRunsOnIt()
    {
        CourseFiles.Cifar10.Should().Be(new CourseFile("cifar-10-binary.tar.gz", new Uri("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), "c32a1d4ab5d03f1284b67883e8d87530"));
        // The binary version's layout with 4 images per batch: label (b + k) mod 10, pixel j = (31 b + 7 k + j) mod 256.
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var b in Enumerable.Range(0, 6))
            {
                var batch = new byte[4 * 3073];
                for (var k = 0; k < 4; k++)
                {
                    batch[k * 3073] = (byte)((b + k) % 10);
                    for (var j = 0; j < 3072; j++)
                    {
                        batch[(k * 3073) + 1 + j] = (byte)(((31 * b) + (7 * k) + j) % 256);
                    }
                }

                var name = b == 0 ? "test_batch.bin" : $"data_batch_{b}.bin";
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, $"cifar-10-batches-bin/{name}") { DataStream = new MemoryStream(batch) });
            }
        }

        var cache = Path.Combine(folder, "cifar");
        Directory.CreateDirectory(cache);
        var path = Path.Combine(cache, "cifar-10-binary.tar.gz");
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(tar.ToArray());
        }

        var entry = CourseFiles.Cifar10 with { Md5 = Convert.ToHexStringLower(MD5.HashData(File.ReadAllBytes(path))) };
        var options = new CourseDataOptions { CacheDirectory = cache, Catalog = [entry] };
        using var scope = NewDisposeScope();
        var (images, labels) = CourseMedia.RetrieveCifar10(train: true, options: options);
        images.shape.Should().Equal(20, 3, 32, 32);
        images.dtype.Should().Be(float32);
        labels.dtype.Should().Be(int64);
        labels.data<long>().ToArray().Should().Equal(1, 2, 3, 4, 2, 3, 4, 5, 3, 4, 5, 6, 4, 5, 6, 7, 5, 6, 7, 8);
        // Image 5 is batch 2's second: blue plane (channel 2) row 1 column 3 is pixel j = 2048 + 32 + 3.
        images[5, 2, 1, 3].item<float>().Should().BeApproximately(((62 + 7 + 2083) % 256) / 255f, 1e-7f);
        images.max().item<float>().Should().BeLessThanOrEqualTo(1f);
        var (testImages, testLabels) = CourseMedia.RetrieveCifar10(count: 3, options: options);
        testImages.shape.Should().Equal(3, 3, 32, 32);
        testLabels.data<long>().ToArray().Should().Equal(0, 1, 2);

        manual_seed(0);
        using var net = new CifarNet(layerNorm: true, height: 32, width: 32, classes: 10);
        using var logits = net.forward(images);
        logits.shape.Should().Equal(20, 10);
        logits.isfinite().all().item<bool>().Should().BeTrue();
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
