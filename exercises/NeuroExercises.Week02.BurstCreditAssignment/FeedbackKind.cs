namespace NeuroExercises.Week02.BurstCreditAssignment;

/// <summary>Which top-down weights besides Y a <see cref="BurstNetwork"/> carries.</summary>
public enum FeedbackKind
{
    /// <summary>Only Y (backprop and feedback alignment need no more).</summary>
    None,

    /// <summary>Y and the inhibitory feedback Q = p̄ Y (BurstCCN).</summary>
    BurstCcn,

    /// <summary>Y and the recurrent inhibition R (Burstprop).</summary>
    Burstprop,
}
