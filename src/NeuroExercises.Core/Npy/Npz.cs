namespace NeuroExercises.Core.Npy;

/// <summary>NumPy .npz archives (zip of .npy members, stored or deflated).</summary>
public static class Npz
{
    /// <summary>Reads every member; names lose only their final ".npy".</summary>
    /// <param name="path">The archive.</param>
    /// <returns>Member name → array, in archive order.</returns>
    public static IReadOnlyDictionary<string, NpyArray> Read(string path) => throw new NotImplementedException("being written");

    /// <summary>Writes an archive (zip-stored, as np.savez).</summary>
    /// <param name="path">The archive to write.</param>
    /// <param name="arrays">Member name → array.</param>
    public static void Write(string path, IEnumerable<KeyValuePair<string, NpyArray>> arrays) => throw new NotImplementedException("being written");
}
