namespace NeuroExercises.Week03.Microcircuits;

/// <summary>
/// CPython's <c>random.Random</c> as far as the course uses it (provided code, not graded): seeded with an integer, it
/// draws the same numbers as Python 3.11's Mersenne Twister (MT19937, <c>init_by_array</c> of the seed's 32-bit words),
/// <c>getrandbits</c>, <c>_randbelow</c> and <c>sample</c>. The course picks the sparse-AND task's relevant bits with
/// <c>random.seed(s); sorted(random.sample(range(T), k))</c>; <see cref="SparseAnd.CourseRelevantBits"/> does the same.
/// </summary>
public sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] state = new uint[N];
    private int index = N + 1;

    /// <summary>Seeds as <c>random.Random(seed)</c> does for an int: init_by_array over the 32-bit words of |seed|.</summary>
    /// <param name="seed">The seed (its absolute value is used, as CPython does).</param>
    public PythonRandom(long seed)
    {
        var magnitude = seed == long.MinValue ? (ulong)long.MaxValue + 1 : (ulong)Math.Abs(seed);
        uint[] key = magnitude >> 32 == 0 ? [(uint)magnitude] : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
    }

    /// <summary><c>getrandbits(k)</c> for 0 &lt; k ≤ 32: the top k bits of the next 32-bit output.</summary>
    /// <param name="k">Bits, 1 … 32.</param>
    /// <returns>0 ≤ r &lt; 2^k.</returns>
    public uint GetRandBits(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, 32);
        return NextUInt32() >> (32 - k);
    }

    /// <summary><c>_randbelow(n)</c>: getrandbits(n.bit_length()) until the draw is below n.</summary>
    /// <param name="n">The bound, 1 … 2³¹.</param>
    /// <returns>0 ≤ r &lt; n.</returns>
    public int RandBelow(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        var r = GetRandBits(k);
        while (r >= n)
        {
            r = GetRandBits(k);
        }

        return (int)r;
    }

    /// <summary>
    /// <c>sample(population, k)</c>: k distinct elements in selection order (not sorted), by CPython's pool method when
    /// the population is small (n ≤ 21 + 4^⌈log₄(3k)⌉ for k &gt; 5, else n ≤ 21) and its set method otherwise.
    /// </summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="population">The population, in order.</param>
    /// <param name="k">How many to draw, 0 … n.</param>
    /// <returns>The sample.</returns>
    public T[] Sample<T>(IReadOnlyList<T> population, int k)
    {
        ArgumentNullException.ThrowIfNull(population);
        var n = population.Count;
        if (k < 0 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"PythonRandom.Sample: k must be in 0 … {n} (the population's size), as Python's 'Sample larger than population or is negative'.");
        }

        var result = new T[k];
        var setSize = 21;
        if (k > 5)
        {
            setSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4)));
        }

        if (n <= setSize)
        {
            var pool = population.ToArray();
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(n - i);
                result[i] = pool[j];
                pool[j] = pool[n - i - 1];
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(n);
                while (!selected.Add(j))
                {
                    j = RandBelow(n);
                }

                result[i] = population[j];
            }
        }

        return result;
    }

    private void InitGenRand(uint seed)
    {
        state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            state[i] = unchecked((1812433253u * (state[i - 1] ^ (state[i - 1] >> 30))) + (uint)i);
        }

        index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenRand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            state[i] = unchecked((state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j);
            i++;
            j++;
            if (i >= N)
            {
                state[0] = state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (var k = N - 1; k > 0; k--)
        {
            state[i] = unchecked((state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N)
            {
                state[0] = state[N - 1];
                i = 1;
            }
        }

        state[0] = 0x80000000u;
        index = N;
    }

    private uint NextUInt32()
    {
        if (index >= N)
        {
            for (var kk = 0; kk < N; kk++)
            {
                var y = (state[kk] & 0x80000000u) | (state[(kk + 1) % N] & 0x7fffffffu);
                state[kk] = state[(kk + M) % N] ^ (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
            }

            index = 0;
        }

        var r = state[index++];
        r ^= r >> 11;
        r ^= (r << 7) & 0x9d2c5680u;
        r ^= (r << 15) & 0xefc60000u;
        r ^= r >> 18;
        return r;
    }
}
