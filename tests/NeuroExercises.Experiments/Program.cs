using System.CommandLine;
using NeuroExercises.Core.Devices;
using NeuroExercises.Experiments;

MklKernels.UseCpuFeatures(); // before libtorch loads: MKL's kernels by CPU features, not vendor

var root = new RootCommand("NeuroExercises experiments: the training runs behind each week's figures.")
{
    BurstCreditAssignmentCommand.Create(),
    MicrocircuitsCommand.Create(),
    SpikingNetworksCommand.Create(),
    LearningRulesCommand.Create(),
    DeepLearningNeuroCommand.Create(),
};
return root.Parse(args).Invoke();
