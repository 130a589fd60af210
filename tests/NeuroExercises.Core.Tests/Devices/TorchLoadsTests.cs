using FluentAssertions;
using TorchSharp;

namespace NeuroExercises.Core.Tests.Devices;

[Collection(TorchGeneratorCollection.Name)]
public sealed class TorchLoadsTests
{
    [Fact]
    public void TorchSharpLoadsAndMatchesPyTorchGenerator()
    {
        torch.manual_seed(0);
        var x = torch.randn(5).data<float>().ToArray();
        // torch.manual_seed(0); torch.randn(5) in PyTorch (../shared/reference/rnn/torch_rng_seed0.npz).
        x[0].Should().BeApproximately(1.5409961f, 1e-7f);
        x[1].Should().BeApproximately(-0.2934289f, 1e-7f);
    }
}
