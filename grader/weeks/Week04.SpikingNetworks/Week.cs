using NeuroExercises.Grader.Checks;

// The week's registration: the grader finds this assembly (NeuroExercises.Week04.SpikingNetworks.Checks.dll beside it) and
// reads the id, number and title here; every folder and assembly name follows from them (see WeekInfo).
[assembly: Week("spiking-networks", 4, "Spiking networks: LIF neurons, spike codes and surrogate gradients")]
