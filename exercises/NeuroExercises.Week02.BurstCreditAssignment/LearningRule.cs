namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>The four ways of assigning credit that <see cref="BurstTrainer.Train"/> compares.</summary>
public enum LearningRule
{
    /// <summary>SGD on <see cref="Feedforward.Loss"/> with exact gradients (<see cref="Gradients.Backprop"/>).</summary>
    Backprop,

    /// <summary>SGD with the error sent down through the fixed random Y (<see cref="Gradients.FeedbackAlignment"/>).</summary>
    FeedbackAlignment,

    /// <summary>Burstprop's step (<see cref="Burstprop.Step"/>), summed over the batch.</summary>
    Burstprop,

    /// <summary>BurstCCN's step (<see cref="BurstCcn.Step"/>), averaged over the batch.</summary>
    BurstCcn,
}
