using NeuroExercises.Grader.Checks;

// The week's registration: the grader finds this assembly (NeuroExercises.Week06.LearningRules.Checks.dll beside it) and
// reads the id, number and title here; every folder and assembly name follows from them (see WeekInfo).
[assembly: Week("learning-rules", 6, "Learning rules: Hebb and Oja, perturbation learning, feedback alignment, Kolen–Pollack and reward baselines")]
