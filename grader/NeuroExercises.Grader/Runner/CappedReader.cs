using System.Text;

namespace NeuroExercises.Grader.Runner;

/// <summary>Drains a child's stdout and stderr, counting bytes against one cap and keeping a tail for the report.</summary>
internal sealed class CappedReader(long capBytes, int tailBytes, Action onOverflow)
{
    private readonly object gate = new();
    private readonly LinkedList<byte[]> tail = new();
    private long total;
    private int tailLength;

    /// <summary>True once the cap was passed.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Bytes read so far (both streams).</summary>
    public long Total
    {
        get
        {
            lock (gate)
            {
                return total;
            }
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end (or until the cap).</summary>
    public async Task DrainAsync(Stream stream)
    {
        var buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                var overflow = false;
                lock (gate)
                {
                    total += n;
                    tail.AddLast(buffer[..n]);
                    tailLength += n;
                    while (tailLength - tail.First!.Value.Length >= tailBytes)
                    {
                        tailLength -= tail.First.Value.Length;
                        tail.RemoveFirst();
                    }

                    if (total > capBytes && !Overflowed)
                    {
                        Overflowed = true;
                        overflow = true;
                    }
                }

                if (overflow)
                {
                    onOverflow();
                    return;
                }
            }
        }
        catch (IOException)
        {
            // The child was killed while we read.
        }
        catch (ObjectDisposedException)
        {
            // Same.
        }
    }

    /// <summary>The last bytes read, as UTF-8 text.</summary>
    public string Tail()
    {
        lock (gate)
        {
            var all = tail.SelectMany(b => b).ToArray();
            var start = Math.Max(0, all.Length - tailBytes);
            return Encoding.UTF8.GetString(all, start, all.Length - start);
        }
    }
}
