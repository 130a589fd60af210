using NeuroExercises.Bench;

return BenchCommand.Create().Parse(args).Invoke();
