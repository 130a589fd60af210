using NeuroExercises.Grader.Checks;

// The week's registration: the grader finds this assembly (NeuroExercises.Week01.TaskDrivenRnn.Checks.dll beside it)
// and reads the id, number and title here; every folder and assembly name follows from them (see WeekInfo).
[assembly: Week("task-driven-rnn", 1, "Task-driven RNNs of motor cortex (Sussillo et al. 2015)")]
