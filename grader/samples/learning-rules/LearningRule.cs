namespace NeuroExercises.Week06.LearningRules;

/// <summary>The rules <see cref="RuleTrainer"/> trains with (the course's order of expected performance: backprop ≳ KP &gt; FA &gt; NP &gt; WP).</summary>
public enum LearningRule
{
    /// <summary><see cref="LearningRules.Backprop"/>.</summary>
    Backprop,

    /// <summary><see cref="LearningRules.FeedbackAlignment"/> with the fixed B.</summary>
    FeedbackAlignment,

    /// <summary><see cref="LearningRules.KolenPollack"/>, B learned with η_back = η.</summary>
    KolenPollack,

    /// <summary><see cref="LearningRules.WeightPerturbation"/>, one ψ per update.</summary>
    WeightPerturbation,

    /// <summary><see cref="LearningRules.NodePerturbation"/>, one ξ per update.</summary>
    NodePerturbation,
}
