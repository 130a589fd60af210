using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using FluentAssertions;
using NeuroExercises.Core.Data;

namespace NeuroExercises.Core.Tests.Data;

public sealed class CourseDataTests : IDisposable
{
    private static readonly byte[] Payload = Enumerable.Range(0, 200_000).Select(i => (byte)(i * 31 % 251)).ToArray();

    private static readonly CourseFile TestFile =
        new("test_data.mat", new Uri("https://osf.io/abcde/download"), Convert.ToHexStringLower(MD5.HashData(Payload)));

    private readonly string cache = Path.Combine(Path.GetTempPath(), "neuro-coursedata-" + Guid.NewGuid().ToString("N"));

    // Loopback only: no proxy, whatever the environment says.
    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

    public void Dispose()
    {
        http.Dispose();
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void CatalogueHoldsTheCourseFilesWithTheirDigests()
    {
        CourseFiles.All.Select(f => (f.FileName, f.Url.AbsoluteUri, f.Md5)).Should().Equal(
            ("condsForSimJ2moMuscles.mat", "https://osf.io/wak7e/download", "257d16c4d92759d615bf5cac75dd9a1f"),
            ("m1_reaching_data.mat", "https://osf.io/p2x4n/download", "6fc65443b9632db47772dd2efaadeee0"),
            ("regularized_model_final.pth", "https://osf.io/kc7sb/download", "9435a9c2ea75766144bf840b25bfb97e"),
            ("unregularized_model_final.pth", "https://osf.io/9vsy5/download", "2e3dc9551b677206e2315788df354a91"),
            ("W3D4_stringer_oribinned1.npz", "https://osf.io/683xc/download", "436599dfd8ebe6019f066c38aed20580"),
            ("W3D4_stringer_oribinned6_split.npz", "https://osf.io/p3aeb/download", "b3f7245c6221234a676b71a1f43c3bb5"),
            ("video_array.npy", "https://osf.io/t9g2m/download", "bbd1d73eeb7f5c81768771ceb85c849e"),
            ("sig.npy", "https://osf.io/c9qxk/download", "f3618e05e39f6df5997f78ea668f2568"),
            ("frame1.npy", "https://osf.io/n652y/download", "6ce619172367742dd148cc5830df908c"),
            ("reweight_digits.npy", "https://osf.io/ry5am/download", "1f2f3a5d08e13ed2ec3222dca1e85b60"),
            ("cifar-10-binary.tar.gz", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530"));
    }

    [Fact]
    public async Task DownloadsVerifiesAndPlacesTheFile()
    {
        await using var server = new LocalHttpServer();
        server.Serve("/abcde/download", Payload);

        var path = await CourseData.RetrieveAsync("test_data.mat", Options(server.BaseUrl), TestContext.Current.CancellationToken);

        path.Should().Be(Path.Combine(cache, "test_data.mat"));
        File.ReadAllBytes(path).Should().Equal(Payload);
        server.Hits("/abcde/download").Should().Be(1);
        Directory.GetFiles(cache).Should().ContainSingle("the temporary file is renamed into place");
    }

    [Fact]
    public async Task CachedFileIsUsedWithoutTheNetwork()
    {
        await using var server = new LocalHttpServer();
        server.Serve("/abcde/download", Payload);
        var options = Options(server.BaseUrl);

        var first = CourseData.Retrieve("test_data.mat", options);
        var stamp = File.GetLastWriteTimeUtc(first);
        var second = CourseData.Retrieve("test_data.mat", options);

        second.Should().Be(first);
        server.Hits("/abcde/download").Should().Be(1);
        File.GetLastWriteTimeUtc(second).Should().Be(stamp);
    }

    [Fact]
    public async Task CachedFileWithWrongDigestIsDownloadedAgain()
    {
        await using var server = new LocalHttpServer();
        server.Serve("/abcde/download", Payload);
        Directory.CreateDirectory(cache);
        File.WriteAllBytes(Path.Combine(cache, "test_data.mat"), Payload[..1000]);

        var path = CourseData.Retrieve("test_data.mat", Options(server.BaseUrl));

        File.ReadAllBytes(path).Should().Equal(Payload);
        server.Hits("/abcde/download").Should().Be(1);
    }

    [Fact]
    public async Task Md5MismatchNamesBothDigestsAndLeavesNoFile()
    {
        await using var server = new LocalHttpServer();
        var corrupt = Payload.ToArray();
        corrupt[12345] ^= 0xFF;
        server.Serve("/abcde/download", corrupt);

        var act = () => CourseData.Retrieve("test_data.mat", Options(server.BaseUrl));

        var error = act.Should().Throw<CourseDataException>().Which;
        error.FileName.Should().Be("test_data.mat");
        error.Message.Should().StartWith("test_data.mat: ")
            .And.Contain($"MD5 {Convert.ToHexStringLower(MD5.HashData(corrupt))}")
            .And.Contain($"expected {TestFile.Md5}")
            .And.Contain("nothing was saved");
        Directory.GetFileSystemEntries(cache).Should().BeEmpty();
    }

    [Fact]
    public async Task Http404SaysWhereToPutTheFileByHand()
    {
        await using var server = new LocalHttpServer();
        var url = new Uri(server.BaseUrl, "abcde/download");

        var act = () => CourseData.Retrieve("test_data.mat", Options(server.BaseUrl));

        act.Should().Throw<CourseDataException>()
            .WithMessage($"test_data.mat: downloading {url} failed with HTTP 404*"
                + $"Download it by hand from {url} and put it at {Path.Combine(cache, "test_data.mat")} (MD5 {TestFile.Md5}).");
        server.Hits("/abcde/download").Should().Be(1);
        Directory.GetFileSystemEntries(cache).Should().BeEmpty();
    }

    [Fact]
    public async Task FailedRedownloadOfAWrongCachedFileSaysSoAndKeepsIt()
    {
        await using var server = new LocalHttpServer();
        Directory.CreateDirectory(cache);
        var cached = Path.Combine(cache, "test_data.mat");
        File.WriteAllBytes(cached, [1, 2, 3]);

        var act = () => CourseData.Retrieve("test_data.mat", Options(server.BaseUrl));

        act.Should().Throw<CourseDataException>()
            .WithMessage($"*HTTP 404*put it at {cached}*the file there now has MD5 {Convert.ToHexStringLower(MD5.HashData(new byte[] { 1, 2, 3 }))} and is not the right one.");
        File.ReadAllBytes(cached).Should().Equal(1, 2, 3);
        Directory.GetFileSystemEntries(cache).Should().ContainSingle();
    }

    [Fact]
    public void ConnectionRefusedSaysWhereToPutTheFileByHand()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");

        var act = () => CourseData.Retrieve("test_data.mat", Options(baseUrl));

        act.Should().Throw<CourseDataException>()
            .WithMessage($"test_data.mat: cannot download {baseUrl}abcde/download (ConnectionError:*No network?*"
                + $"put it at {Path.Combine(cache, "test_data.mat")}*")
            .WithInnerException<HttpRequestException>();
        Directory.GetFileSystemEntries(cache).Should().BeEmpty();
    }

    [Fact]
    public void UnknownFileNameListsTheKnownOnes()
    {
        var act = () => CourseData.Retrieve("condsForSim.mat", new CourseDataOptions { CacheDirectory = cache });

        act.Should().Throw<CourseDataException>()
            .WithMessage("condsForSim.mat: not a course data file. Known files: condsForSimJ2moMuscles.mat, m1_reaching_data.mat, "
                + "regularized_model_final.pth, unregularized_model_final.pth, W3D4_stringer_oribinned1.npz, W3D4_stringer_oribinned6_split.npz, "
                + "video_array.npy, sig.npy, frame1.npy, reweight_digits.npy, cifar-10-binary.tar.gz.");
        Directory.Exists(cache).Should().BeFalse();
    }

    [Fact]
    public void CacheFolderComesFromEnvironmentElseHome()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        CourseData.DefaultCacheDirectory(_ => "/data/neuro").Should().Be("/data/neuro");
        CourseData.DefaultCacheDirectory(_ => null).Should().Be(Path.Combine(home, ".cache", "neuroexercises"));
        CourseData.DefaultCacheDirectory(_ => " ").Should().Be(Path.Combine(home, ".cache", "neuroexercises"));
        CourseData.CachePath("m1_reaching_data.mat", new CourseDataOptions { CacheDirectory = "/x/y" })
            .Should().Be("/x/y/m1_reaching_data.mat");
    }

    [Fact]
    public void BaseUrlKeepsItsOwnPath()
    {
        // A mirror under a sub-path: the catalogue's path is appended to it.
        var act = () => CourseData.Retrieve("test_data.mat", Options(new Uri("http://127.0.0.1:1/osf")));

        act.Should().Throw<CourseDataException>().WithMessage("*http://127.0.0.1:1/osf/abcde/download*");
    }

    private CourseDataOptions Options(Uri baseUrl) =>
        new() { CacheDirectory = cache, Http = http, BaseUrl = baseUrl, Catalog = [TestFile] };
}
