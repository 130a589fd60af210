using System.CommandLine;
using NeuroExercises.Experiments;

var root = new RootCommand("NeuroExercises experiments: the training runs behind each week's figures.")
{
    BurstCreditAssignmentCommand.Create(),
    MicrocircuitsCommand.Create(),
    SpikingNetworksCommand.Create(),
    LearningRulesCommand.Create(),
    DeepLearningNeuroCommand.Create(),
};
return root.Parse(args).Invoke();
