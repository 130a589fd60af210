using NeuroExercises.Grader.Checks;

// The week's registration: the grader finds this assembly (NeuroExercises.Week03.Microcircuits.Checks.dll beside it) and
// reads the id, number and title here; every folder and assembly name follows from them (see WeekInfo).
[assembly: Week("microcircuits", 3, "Microcircuits: sparsity, normalization and attention")]
