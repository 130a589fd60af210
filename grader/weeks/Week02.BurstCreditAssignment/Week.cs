using NeuroExercises.Grader.Checks;

// The week's registration: the grader finds this assembly (NeuroExercises.Week02.BurstCreditAssignment.Checks.dll beside
// it) and reads the id, number and title here; every folder and assembly name follows from them (see WeekInfo).
[assembly: Week("burst-credit-assignment", 2, "Burst-dependent credit assignment: Burstprop and BurstCCN")]
