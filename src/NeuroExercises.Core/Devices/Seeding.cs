using TorchSharp;

namespace NeuroExercises.Core.Devices;

/// <summary>Seeds the random number generators that weeks draw from.</summary>
public static class Seeding
{
    /// <summary>
    /// Seeds libtorch's default CPU generator with <c>torch.manual_seed(seed)</c> and, where CUDA is available,
    /// every CUDA device's generator (<c>torch.cuda.manual_seed_all</c>), as PyTorch's <c>torch.manual_seed</c> does.
    /// </summary>
    /// <remarks>
    /// Parity: TorchSharp 0.107 wraps libtorch's own generator, so after <c>Seed(s)</c> the CPU draws
    /// (<c>randn</c>, <c>rand</c>, <c>randint</c>, …, in the same order and shapes) equal PyTorch's after
    /// <c>torch.manual_seed(s)</c> bit for bit; e.g. seed 0 then <c>randn(5)</c> starts 1.5409961, −0.2934289
    /// (checked against PyTorch's own draws in the staff tests). CUDA draws match PyTorch's CUDA draws,
    /// not the CPU's. .NET's <see cref="Random"/> is not seeded here.
    /// </remarks>
    /// <param name="seed">The seed.</param>
    public static void Seed(long seed)
    {
        torch.manual_seed(seed);
        if (torch.cuda.is_available())
        {
            torch.cuda.manual_seed_all(seed);
        }
    }
}
