using NeuroExercises.Grader.Checks;

// The week's registration: the grader finds this assembly (NeuroExercises.Week05.DeepLearningNeuro.Checks.dll beside it) and
// reads the id, number and title here; every folder and assembly name follows from them (see WeekInfo).
[assembly: Week("deep-learning-neuro", 5, "Deep learning and the brain: decoding V1, convolutional encoding models, a tilt CNN and RSA")]
