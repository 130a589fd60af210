using System.Buffers.Binary;
using System.Text;
using FluentAssertions;

namespace NeuroExercises.Core.Tests.Hardening;

/// <summary>An .npy header may claim any size: the reader allocates by what the stream holds, not by the claim.</summary>
public sealed class NpyBoundsTests
{
    [Fact]
    public void HugeVersion2HeaderLengthIsRefusedBeforeAllocating()
    {
        // Version 2.0: a 4-byte header length of 16 MB in a 12-byte file.
        byte[] bytes = [0x93, .. "NUMPY"u8, 2, 0, 0, 0, 0, 1];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => Core.Npy.Npy.Read(new MemoryStream(bytes), "big-header.npy");
        act.Should().Throw<DataFormatException>().WithMessage("big-header.npy: header length 16777216 at byte offset 8 runs past the end of the file (0 bytes remain)*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
    }

    [Fact]
    public void HugeShapeOnAStreamOfUnknownLengthIsRefusedWithoutAllocatingItsClaim()
    {
        // A header claiming 2·10^8 float64 values (1.6 GB) followed by 16 bytes, read from a stream that cannot seek.
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (200000000,), }".PadRight(117) + "\n";
        var prefix = new byte[10];
        prefix[0] = 0x93;
        "NUMPY"u8.CopyTo(prefix.AsSpan(1));
        prefix[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(8), (ushort)header.Length);
        byte[] bytes = [.. prefix, .. Encoding.Latin1.GetBytes(header), .. new byte[16]];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var act = () => Core.Npy.Npy.Read(new ForwardOnlyStream(bytes), "stream.npy");
        act.Should().Throw<DataFormatException>().WithMessage("stream.npy: data is truncated: shape (200000000,) of dtype '<f8' needs 1600000000 bytes from byte offset 128, but the file ends at byte offset 144*");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(1 << 20);
    }

    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
