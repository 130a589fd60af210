using NeuroExercises.Week01.TaskDrivenRnn;

namespace NeuroExercises.Week01.TaskDrivenRnn.Checks;

/// <summary>
/// A network a check builds and owns: disposing the lease disposes the module and its parameters (TorchSharp's module
/// disposal leaves parameter handles to the finaliser, and the constructor creates them outside the check's scope).
/// </summary>
/// <param name="model">The network.</param>
internal sealed class ModelLease(UnregularizedRNN model) : IDisposable
{
    /// <summary>The network.</summary>
    public UnregularizedRNN Model { get; } = model;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var parameter in Model.parameters())
        {
            parameter.grad?.Dispose();
            parameter.Dispose();
        }

        Model.Dispose();
    }
}
