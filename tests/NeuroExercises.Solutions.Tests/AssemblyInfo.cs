// torch's default generator is process-wide: tests that seed it (manual_seed, Trainer.Train, InitialWeights,
// SplitByCondition) would draw each other's numbers if classes ran in parallel. Run them one after another.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]
