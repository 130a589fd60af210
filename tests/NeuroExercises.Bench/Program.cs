using NeuroExercises.Bench;
using NeuroExercises.Core.Devices;

// Before libtorch loads: MKL's kernels by CPU features, not vendor (see MklKernels; what it ran is printed with the results).
MklKernels.UseCpuFeatures();

// Both sides get the same allocator: without it glibc serves each tensor above 128 kB–32 MB with a fresh mmap that the kernel
// zero-fills page by page, and the timings swing 2–5× with the page faults (measured on week 3: TorchSharp median 45 ms,
// min 32 ms; PyTorch median 44 ms, min 11 ms — with it 11–16 ms and 10.6–11.5 ms). NEURO_BENCH_DEFAULT_MALLOC=1 keeps glibc's defaults.
if (Environment.GetEnvironmentVariable("NEURO_BENCH_DEFAULT_MALLOC") != "1")
{
    var kept = NativeHeap.KeepLargeBlocks();
    foreach (var (name, value) in NativeHeap.ChildEnvironment)
    {
        Environment.SetEnvironmentVariable(name, value); // inherited by the PyTorch child
    }

    Console.Error.WriteLine($"Allocator: glibc mmap threshold {NativeHeap.MmapThresholdBytes >> 20} MB, trim threshold {NativeHeap.TrimThresholdBytes >> 20} MB for both sides ({(kept ? "set in this process" : "not set in this process: not glibc")}; NEURO_BENCH_DEFAULT_MALLOC=1 keeps the defaults).");
}

var exit = BenchCommand.Create().Parse(args).Invoke();
Console.WriteLine($"TorchSharp's libtorch BLAS: {MklKernels.Describe()}.");
return exit;
