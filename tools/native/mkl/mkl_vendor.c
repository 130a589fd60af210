/* MKL, which libtorch bundles, chooses its kernels by CPU vendor as well as by CPU features: on an AMD processor it runs
 * its generic code path, even where the processor has AVX2 or AVX-512 (here: an AMD EPYC with AVX-512, where a
 * 32x784 . 784x256 sgemm takes 170 us on that path and 87 us on MKL's AVX-512 path). MKL asks this one function whether
 * the processor is Intel's; loaded with RTLD_GLOBAL before libtorch (NeuroExercises.Core.Devices.MklKernels), this
 * definition answers first, and MKL then picks its kernels by the features the processor reports (cpuid), as it does on
 * an Intel processor. Nothing else changes. Built by setup.sh on AMD machines only. */
int mkl_serv_intel_cpu_true(void) { return 1; }
