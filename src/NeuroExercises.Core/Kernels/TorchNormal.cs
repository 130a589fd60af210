using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuroExercises.Core.Kernels;

/// <summary>
/// PyTorch's CPU generator and its float64 normal draws, written in vectorised C#: a <see cref="TorchNormal"/> made with
/// seed s gives, draw after draw, the numbers <c>torch.randn(shape, generator=torch.Generator().manual_seed(s),
/// dtype=torch.float64)</c> gives (TorchSharp's <c>randn(shape, dtype: float64, generator: new Generator(s))</c> alike),
/// up to the last bit or two of the logarithm, sine and cosine.
/// <para>
/// The generator is at::mt19937 (MT19937 seeded with the seed's low 32 bits; a float64 uniform takes two 32-bit outputs,
/// the first as the high half, keeps 53 bits and scales by 2⁻⁵³). A draw of n ≥ 16 numbers is libtorch's normal_fill:
/// n uniforms, then Box–Muller on each block of 16 (u₁ = 1 − d[j], u₂ = d[j + 8], r = √(−2 ln u₁), θ = 2π u₂,
/// d[j] = r cos θ, d[j + 8] = r sin θ); when 16 does not divide n the last 16 numbers are drawn again from 16 new
/// uniforms. A draw of n &lt; 16 is libtorch's normal_distribution, one number at a time, each pair of uniforms giving
/// r cos θ now and r sin θ to the next such number (r = √(−2 log1p(−u₂)), θ = 2π u₁).
/// </para>
/// <para>
/// Why: libtorch computes that Box–Muller with one scalar libm sincos and log per pair, so a [100, 785] float64 draw takes
/// 1.35 ms, two thirds of a weight-perturbation step. Here the same arithmetic runs four lanes at a time with .NET's
/// vectorised <see cref="Vector256.Log(Vector256{double})"/> and <see cref="Vector256.SinCos(Vector256{double})"/>, which
/// agree with glibc's scalar functions to within an ulp or two (not always bit for bit), and the MT19937 state is twisted
/// and tempered eight words at a time.
/// </para>
/// <para>Not thread-safe: one instance per thread (libtorch locks its generator instead).</para>
/// </summary>
public sealed class TorchNormal
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;
    private const ulong Mantissa53 = (1UL << 53) - 1;
    private const double TwoPi = 2.0 * Math.PI;
    private static readonly double Inverse53 = 1.0 / (1UL << 53);

    private readonly uint[] state = new uint[N];
    private int left;
    private int next;
    private double? cachedNormal;
    private const int BlockDoubles = 2048;
    private readonly uint[] words = new uint[2 * BlockDoubles];

    /// <summary>Seeds the generator as <c>torch.Generator().manual_seed(seed)</c> does.</summary>
    /// <param name="seed">The seed (its low 32 bits seed MT19937, as in libtorch).</param>
    public TorchNormal(ulong seed)
    {
        state[0] = (uint)seed;
        for (uint j = 1; j < N; j++)
        {
            state[j] = (1812433253u * (state[j - 1] ^ (state[j - 1] >> 30))) + j;
        }

        left = 1;
        next = 0;
    }

    /// <summary>The next 32-bit output of MT19937 (at::mt19937's operator()).</summary>
    /// <returns>The output.</returns>
    public uint NextUInt32()
    {
        if (--left == 0)
        {
            Twist(state);
            left = N;
            next = 0;
        }

        return Temper(state[next++]);
    }

    /// <summary>The next float64 uniform in [0, 1) (at::uniform_real_distribution&lt;double&gt;(0, 1)).</summary>
    /// <returns>The uniform.</returns>
    public double NextUniform()
    {
        var high = NextUInt32();
        var low = NextUInt32();
        return ((((ulong)high << 32) | low) & Mantissa53) * Inverse53;
    }

    /// <summary>Fills <paramref name="data"/> with the next N(0, 1) draw of its length, as <c>randn</c> of that many numbers.</summary>
    /// <param name="data">The destination (the draw's numbers in row-major order).</param>
    public void FillNormal(Span<double> data)
    {
        if (data.Length < 16)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = NextSerialNormal();
            }

            return;
        }

        FillUniform(data);
        var whole = data.Length - (data.Length % 16);
        for (var i = 0; i < whole; i += 16)
        {
            BoxMuller16(data.Slice(i, 16));
        }

        if (whole != data.Length)
        {
            var last = data[^16..];
            FillUniform(last);
            BoxMuller16(last);
        }
    }

    /// <summary>Fills <paramref name="data"/> with float64 uniforms in [0, 1), one <see cref="NextUniform"/> each, in order.</summary>
    /// <param name="data">The destination.</param>
    public void FillUniform(Span<double> data)
    {
        // In blocks, so the scratch words stay small (16 KB) whatever the draw's size.
        while (data.Length > BlockDoubles)
        {
            FillUniformBlock(data[..BlockDoubles]);
            data = data[BlockDoubles..];
        }

        FillUniformBlock(data);
    }

    private void FillUniformBlock(Span<double> data)
    {
        var count = data.Length * 2;
        var raw = words.AsSpan(0, count);
        FillUInt32(raw);
        var pairs = MemoryMarshal.Cast<uint, ulong>(raw);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create(Mantissa53);
            var scale = Vector256.Create(Inverse53);
            for (; i + 4 <= pairs.Length; i += 4)
            {
                // Memory holds [first, second] per pair, read as first | second << 32: swap the halves so the first is high.
                var v = Vector256.Create<ulong>(pairs.Slice(i, 4));
                var swapped = ((v << 32) | (v >> 32)) & mask;
                (Vector256.ConvertToDouble(swapped) * scale).CopyTo(data.Slice(i, 4));
            }
        }

        for (; i < pairs.Length; i++)
        {
            var v = pairs[i];
            data[i] = (((v << 32) | (v >> 32)) & Mantissa53) * Inverse53;
        }
    }

    /// <summary>Fills <paramref name="data"/> with the next 32-bit outputs of MT19937, in order.</summary>
    /// <param name="data">The destination.</param>
    public void FillUInt32(Span<uint> data)
    {
        while (!data.IsEmpty)
        {
            if (left == 1)
            {
                Twist(state);
                left = N + 1; // the N words now in the state are all unread
                next = 0;
            }

            var take = Math.Min(left - 1, data.Length);
            TemperInto(state.AsSpan(next, take), data[..take]);
            next += take;
            left -= take;
            data = data[take..];
        }
    }

    private double NextSerialNormal()
    {
        if (cachedNormal is { } cached)
        {
            cachedNormal = null;
            return cached;
        }

        var u1 = NextUniform();
        var u2 = NextUniform();
        var r = Math.Sqrt(-2.0 * LogOnePlus(-u2)); // libtorch: ::sqrt(-2.0 * ::log1p(-u2))
        var theta = TwoPi * u1;
        cachedNormal = r * Math.Sin(theta);
        return r * Math.Cos(theta);
    }

    /// <summary>ln(1 + x) to full precision near x = 0: libm's log1p (.NET's double.LogP1 computes Log(x + 1)).</summary>
    private static double LogOnePlus(double x)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return Log1p(x);
            }
            catch (DllNotFoundException)
            {
            }
            catch (EntryPointNotFoundException)
            {
            }
        }

        // Elsewhere: log1p from ln through the exactly representable 1 + x (Goldberg's identity).
        var w = 1.0 + x;
        return w == 1.0 ? x : Math.Log(w) * x / (w - 1.0);
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs AllowUnsafeBlocks in this project; a double in and out needs no marshalling
    [DllImport("libm.so.6", EntryPoint = "log1p")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern double Log1p(double x);
#pragma warning restore SYSLIB1054

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >> 18);
    }

    private static void TemperInto(ReadOnlySpan<uint> source, Span<uint> target)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var b = Vector256.Create(0x9d2c5680u);
            var c = Vector256.Create(0xefc60000u);
            for (; i + 8 <= source.Length; i += 8)
            {
                var y = Vector256.Create(source.Slice(i, 8));
                y ^= y >> 11;
                y ^= (y << 7) & b;
                y ^= (y << 15) & c;
                (y ^ (y >> 18)).CopyTo(target.Slice(i, 8));
            }
        }

        for (; i < source.Length; i++)
        {
            target[i] = Temper(source[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint TwistOne(uint far, uint u, uint v) => far ^ ((((u & UpperMask) | (v & LowerMask)) >> 1) ^ ((v & 1) != 0 ? MatrixA : 0));

    /// <summary>at::mt19937's next_state: s[i] = s[i + M] ^ twist(s[i], s[i + 1]), indices mod N, in increasing i.</summary>
    private static void Twist(uint[] s)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Eight lanes at a time: lane i reads s[i + 1] before anyone writes it, and s[i + M] (i < N − M: still the old
            // word) or s[i + M − N] (already new, written at least N − M = 227 places earlier).
            var upper = Vector256.Create(UpperMask);
            var lower = Vector256.Create(LowerMask);
            var one = Vector256.Create(1u);
            var matrix = Vector256.Create(MatrixA);
            for (; i + 8 <= N - M; i += 8)
            {
                Store(s, i, Vector256.Create<uint>(s.AsSpan(i + M, 8)), Vector256.Create<uint>(s.AsSpan(i, 8)), Vector256.Create<uint>(s.AsSpan(i + 1, 8)), upper, lower, one, matrix);
            }

            for (; i < N - M; i++)
            {
                s[i] = TwistOne(s[i + M], s[i], s[i + 1]);
            }

            for (; i + 8 <= N - 1; i += 8)
            {
                Store(s, i, Vector256.Create<uint>(s.AsSpan(i + M - N, 8)), Vector256.Create<uint>(s.AsSpan(i, 8)), Vector256.Create<uint>(s.AsSpan(i + 1, 8)), upper, lower, one, matrix);
            }
        }

        for (; i < N - M; i++)
        {
            s[i] = TwistOne(s[i + M], s[i], s[i + 1]);
        }

        for (; i < N - 1; i++)
        {
            s[i] = TwistOne(s[i + M - N], s[i], s[i + 1]);
        }

        s[N - 1] = TwistOne(s[M - 1], s[N - 1], s[0]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(uint[] s, int i, Vector256<uint> far, Vector256<uint> u, Vector256<uint> v, Vector256<uint> upper, Vector256<uint> lower, Vector256<uint> one, Vector256<uint> matrix)
    {
        var mixed = (u & upper) | (v & lower);
        var odd = Vector256.Equals(v & one, one) & matrix;
        (far ^ (mixed >> 1) ^ odd).CopyTo(s.AsSpan(i, 8));
    }

    /// <summary>libtorch's normal_fill_16 on one block of 16 uniforms, in place.</summary>
    private static void BoxMuller16(Span<double> d)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            var twoPi = Vector256.Create(TwoPi);
            var minusTwo = Vector256.Create(-2.0);
            var oneV = Vector256<double>.One;
            for (var h = 0; h < 8; h += 4)
            {
                var u1 = oneV - Vector256.Create<double>(d.Slice(h, 4));
                var u2 = Vector256.Create<double>(d.Slice(h + 8, 4));
                var radius = Vector256.Sqrt(minusTwo * Vector256.Log(u1));
                var (sin, cos) = Vector256.SinCos(twoPi * u2);
                (radius * cos).CopyTo(d.Slice(h, 4));
                (radius * sin).CopyTo(d.Slice(h + 8, 4));
            }

            return;
        }

        for (var j = 0; j < 8; j++)
        {
            var u1 = 1 - d[j];
            var u2 = d[j + 8];
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            var theta = TwoPi * u2;
            d[j] = radius * Math.Cos(theta);
            d[j + 8] = radius * Math.Sin(theta);
        }
    }
}
