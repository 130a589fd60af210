using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using FluentAssertions;
using NeuroExercises.Core.Cifar;
using NeuroExercises.Core.Data;
using NeuroExercises.Core.Tests.Data;

namespace NeuroExercises.Core.Tests.Cifar;

/// <summary>
/// CIFAR-10's binary version on archives of its exact layout (cifar-10-binary.tar.gz cannot be downloaded here): records
/// of 1 label + 3 072 pixel bytes in cifar-10-batches-bin/, the train split = batches 1–5 in order; damaged archives are
/// refused naming the file, the member and the record; the download goes through the checksummed fetch on a local listener.
/// </summary>
public sealed class Cifar10BinaryTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("neuro-cifar-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Image k of batch b: label (b + k) mod 10, pixel j = (31 b + 7 k + j) mod 256.</summary>
    private static byte[] Batch(int b, int images, int? badLabelAt = null)
    {
        var bytes = new byte[images * Cifar10Binary.RecordBytes];
        for (var k = 0; k < images; k++)
        {
            var at = k * Cifar10Binary.RecordBytes;
            bytes[at] = (byte)(k == badLabelAt ? 10 : (b + k) % 10);
            for (var j = 0; j < Cifar10Binary.PixelBytes; j++)
            {
                bytes[at + 1 + j] = (byte)(((31 * b) + (7 * k) + j) % 256);
            }
        }

        return bytes;
    }

    private static byte[] Archive(IEnumerable<(string Name, byte[] Data)> members, bool gzip = true)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "cifar-10-batches-bin/"));
            foreach (var (name, data) in members)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        if (!gzip)
        {
            return tar.ToArray();
        }

        var packed = new MemoryStream();
        using (var z = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(tar.ToArray());
        }

        return packed.ToArray();
    }

    private static IEnumerable<(string, byte[])> Layout(int images = 3) =>
    [
        ("cifar-10-batches-bin/batches.meta.txt", "airplane\nautomobile\n"u8.ToArray()),
        .. Enumerable.Range(1, 5).Select(b => ($"cifar-10-batches-bin/data_batch_{b}.bin", Batch(b, images))),
        ("cifar-10-batches-bin/test_batch.bin", Batch(0, images)),
        ("cifar-10-batches-bin/readme.html", "<html/>"u8.ToArray()),
    ];

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void TheTrainSplitIsBatchesOneToFiveInOrderAndTheTestSplitIsTheTestBatch()
    {
        var path = Write("cifar-10-binary.tar.gz", Archive(Layout()));
        var train = Cifar10Binary.Read(path, Cifar10Split.Train);
        train.Count.Should().Be(15);
        train.Pixels.Length.Should().Be(15 * 3072);
        train.Labels.Should().Equal(1, 2, 3, 2, 3, 4, 3, 4, 5, 4, 5, 6, 5, 6, 7);
        // Image 4 is batch 2's second (k = 1): pixel j = (62 + 7 + j) mod 256; its green plane starts at j = 1024.
        train.Pixels[(4 * 3072) + 0].Should().Be(69);
        train.Pixels[(4 * 3072) + 1024].Should().Be((byte)((69 + 1024) % 256));
        train.Pixels[(14 * 3072) + 3071].Should().Be((byte)((155 + 14 + 3071) % 256));

        var test = Cifar10Binary.Read(path, Cifar10Split.Test);
        test.Labels.Should().Equal(0, 1, 2);
        test.Pixels[3072 + 5].Should().Be(12);
    }

    [Fact]
    public void APlainTarAndAnExtractedBatchReadTheSame()
    {
        var gz = Cifar10Binary.Read(Write("a.tar.gz", Archive(Layout())), Cifar10Split.Test);
        var tar = Cifar10Binary.Read(Write("a.tar", Archive(Layout(), gzip: false)), Cifar10Split.Test);
        var bin = Cifar10Binary.Read(Write("test_batch.bin", Batch(0, 3)));
        tar.Labels.Should().Equal(gz.Labels);
        tar.Pixels.Should().Equal(gz.Pixels);
        bin.Pixels.Should().Equal(gz.Pixels);
        Cifar10Binary.ClassNames.Should().HaveCount(10).And.StartWith("airplane").And.EndWith("truck");
    }

    [Fact]
    public void DamagedArchivesAreRefusedNamingTheFileMemberAndRecord()
    {
        var layout = Layout().ToList();
        var truncated = Write("short.tar.gz", Archive(layout.Select(m => m.Item1.EndsWith("test_batch.bin", StringComparison.Ordinal) ? (m.Item1, m.Item2[..5000]) : m)));
        var act = () => Cifar10Binary.Read(truncated, Cifar10Split.Test);
        act.Should().Throw<DataFormatException>().WithMessage("*short.tar.gz: cifar-10-batches-bin/test_batch.bin: 5000 bytes is not a whole number of 3073-byte records*");

        var labels = Write("labels.tar.gz", Archive(layout.Select(m => m.Item1.EndsWith("data_batch_3.bin", StringComparison.Ordinal) ? (m.Item1, Batch(3, 3, badLabelAt: 2)) : m)));
        act = () => Cifar10Binary.Read(labels, Cifar10Split.Train);
        act.Should().Throw<DataFormatException>().WithMessage("*data_batch_3.bin: record 2 (byte offset 6146) has label 10; CIFAR-10 labels are 0–9*");

        var missing = Write("missing.tar.gz", Archive(layout.Where(m => !m.Item1.EndsWith("data_batch_4.bin", StringComparison.Ordinal))));
        act = () => Cifar10Binary.Read(missing, Cifar10Split.Train);
        act.Should().Throw<DataFormatException>().WithMessage("*missing.tar.gz: the archive has no cifar-10-batches-bin/data_batch_4.bin; expected the CIFAR-10 binary archive*");
        Cifar10Binary.Read(missing, Cifar10Split.Test).Count.Should().Be(3, "the test split does not need batch 4");

        var cut = Archive(Layout());
        var chopped = Write("chopped.tar.gz", cut[..(cut.Length / 2)]);
        act = () => Cifar10Binary.Read(chopped, Cifar10Split.Test);
        act.Should().Throw<DataFormatException>().WithMessage("*chopped.tar.gz: *");

        var pickle = Write("cifar-10-python.tar.gz", Archive([("cifar-10-batches-py/test_batch", "\u0080\u0002}q"u8.ToArray())]));
        act = () => Cifar10Binary.Read(pickle, Cifar10Split.Test);
        act.Should().Throw<DataFormatException>().WithMessage("*not the python or matlab version*");
    }

    [Fact]
    public void TheGzipStreamInflatesNoFurtherThanTheLimits()
    {
        // 15 zero-label, all-zero images compress about 300:1; a 50:1 ratio limit refuses the archive before it is read.
        var zeros = Archive([.. Enumerable.Range(1, 5).Select(b => ($"cifar-10-batches-bin/data_batch_{b}.bin", new byte[3 * Cifar10Binary.RecordBytes])),
            ("cifar-10-batches-bin/test_batch.bin", new byte[3 * Cifar10Binary.RecordBytes])]);
        var act = () => Cifar10Binary.Read(new MemoryStream(zeros), "bomb.tar.gz", Cifar10Split.Test, new DataReadLimits { MaxCompressionRatio = 50 });
        act.Should().Throw<DataFormatException>().WithMessage("bomb.tar.gz: the archive (gzip, 1F 8B at byte offset 0) inflates to more than *decompression bomb*");
        Cifar10Binary.Read(new MemoryStream(zeros), "fine.tar.gz", Cifar10Split.Test, DataReadLimits.Default).Count.Should().Be(3);
    }

    [Fact]
    public async Task TheArchiveIsFetchedThroughTheChecksummedCacheFromItsAddressPath()
    {
        var bytes = Archive(Layout(2));
        await using var server = new LocalHttpServer();
        server.Serve("/~kriz/cifar-10-binary.tar.gz", bytes);
        var entry = CourseFiles.Cifar10 with { Md5 = Convert.ToHexStringLower(MD5.HashData(bytes)) };
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var options = new CourseDataOptions { CacheDirectory = Path.Combine(folder, "cache"), BaseUrl = server.BaseUrl, Catalog = [entry], Http = http };

        var path = await CourseData.RetrieveAsync("cifar-10-binary.tar.gz", options, TestContext.Current.CancellationToken);
        Cifar10Binary.Read(path, Cifar10Split.Train).Count.Should().Be(10);
        await CourseData.RetrieveAsync("cifar-10-binary.tar.gz", options, TestContext.Current.CancellationToken);
        server.Hits("/~kriz/cifar-10-binary.tar.gz").Should().Be(1, "the verified copy in the cache is used the second time");

        var wrong = CourseFiles.Cifar10 with { Md5 = new string('0', 32) };
        var act = async () => await CourseData.RetrieveAsync("cifar-10-binary.tar.gz", options with { CacheDirectory = Path.Combine(folder, "cache2"), Catalog = [wrong] }, TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<CourseDataException>()).Which.Message.Should().Contain("cifar-10-binary.tar.gz");
    }
}
