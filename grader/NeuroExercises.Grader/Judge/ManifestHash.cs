using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NeuroExercises.Grader.Discovery;

namespace NeuroExercises.Grader.Judge;

/// <summary>
/// SHA-256 over every check's id, points, visibility, time limit, derive step and tolerances (both devices) and its snapshot's bytes,
/// in id order: equal hashes prove two grades used the same rules and expected values.
/// </summary>
internal static class ManifestHash
{
    /// <summary>The hash as lowercase hex.</summary>
    public static string Compute(IReadOnlyList<CheckSpec> checks, SnapshotStore snapshots)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var c in checks.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"{c.Id}\n{c.Points:R}\n{c.Visibility}\n{c.TimeLimit.TotalSeconds:R}\n");
            if (c.DeriveMethodName is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"derive={c.DeriveMethodName}\n");
            }

            Append(sb, "cpu", c.Tolerances.Cpu);
            Append(sb, "cuda", c.Tolerances.Cuda);
            foreach (var (k, v) in c.Tolerances.CpuByOutput)
            {
                Append(sb, "cpu:" + k, v);
            }

            foreach (var (k, v) in c.Tolerances.CudaByOutput)
            {
                Append(sb, "cuda:" + k, v);
            }

            sha.AppendData(Encoding.UTF8.GetBytes(sb.ToString()));
            var path = snapshots.PathOf(c.ShortName);
            sha.AppendData(File.Exists(path) ? SHA256.HashData(File.ReadAllBytes(path)) : "missing"u8.ToArray());
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static void Append(StringBuilder sb, string key, OutputTolerance t) =>
        sb.Append(CultureInfo.InvariantCulture, $"{key}={t.Atol:R},{t.Rtol:R}\n");
}
