using System.Runtime.InteropServices;
using FluentAssertions;
using NeuroExercises.Core.Npy;
using NeuroExercises.Grader.Checks;
using NeuroExercises.Grader.Discovery;
using NeuroExercises.Grader.Grading;
using NeuroExercises.Grader.Records;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Tests.Grading;

/// <summary>
/// A derive step that fails with a native (libtorch) error is run again, since in the grader's multi-threaded process such an
/// error can be TorchSharp's Scalar race rather than the outputs; an error that comes back every time still scores 0 with
/// its reason, and any other exception is not retried.
/// </summary>
public sealed class DeriveRetryTests
{
    private static CheckRun Completed(string id) =>
        new(id, RunStatus.Completed, new Dictionary<string, NpyArray> { ["x"] = new(NpyDType.Float32, [1], new[] { 1f }) }, TimeSpan.Zero, null, "", "");

    private static CheckSpec Spec(string derive) =>
        CheckSpec.FromMethod("w", typeof(DeriveProbe).GetMethod(nameof(DeriveProbe.Check))!, new CheckAttribute(1) { Derive = derive }, []);

    private static CheckRun Apply(string derive) =>
        TrustedDerive.ApplyOne(typeof(DeriveProbe).Assembly, Spec(derive), Completed("w/DeriveProbe.Check"), Path.GetTempPath());

    [Fact]
    public void ANativeErrorThatDoesNotComeBackIsRetriedAway()
    {
        DeriveProbe.Reset();
        var run = Apply(nameof(DeriveProbe.FailsOnceNatively));
        run.Status.Should().Be(RunStatus.Completed, run.Detail);
        run.Outputs["flag"].AsSingles().Should().Equal(1f);
        DeriveProbe.Calls.Should().Be(2);
    }

    [Fact]
    public void ANativeErrorEveryTimeScoresZeroWithItsMessage()
    {
        DeriveProbe.Reset();
        var run = Apply(nameof(DeriveProbe.AlwaysFailsNatively));
        run.Status.Should().Be(RunStatus.DeriveFailed);
        run.Detail.Should().Contain("ExternalException: shape '[3]' is invalid");
        DeriveProbe.Calls.Should().Be(TrustedDerive.NativeAttempts);
    }

    [Fact]
    public void AManagedErrorIsNotRetried()
    {
        DeriveProbe.Reset();
        var run = Apply(nameof(DeriveProbe.FailsManaged));
        run.Status.Should().Be(RunStatus.DeriveFailed);
        run.Detail.Should().Contain("InvalidOperationException: missing output");
        DeriveProbe.Calls.Should().Be(1);
    }
}

/// <summary>A check with derive steps that fail in the ways <see cref="DeriveRetryTests"/> needs (counting their calls).</summary>
public static class DeriveProbe
{
    private static int calls;

    /// <summary>Derive calls since <see cref="Reset"/>.</summary>
    public static int Calls => Volatile.Read(ref calls);

    /// <summary>Starts counting again.</summary>
    public static void Reset() => Volatile.Write(ref calls, 0);

    /// <summary>The check (never run here).</summary>
    public static IReadOnlyDictionary<string, Tensor> Check(CheckContext ctx) => throw new NotSupportedException();

    /// <summary>Throws libtorch's error on the first call only.</summary>
    public static IReadOnlyDictionary<string, Tensor> FailsOnceNatively(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw) =>
        Interlocked.Increment(ref calls) == 1
            ? throw new ExternalException("Expected false to be true, but got false. Exception raised from toFloat at /pytorch/c10/core/Scalar.h:140")
            : new Dictionary<string, Tensor> { ["flag"] = tensor(1f) };

    /// <summary>Throws libtorch's error every time.</summary>
    public static IReadOnlyDictionary<string, Tensor> AlwaysFailsNatively(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        Interlocked.Increment(ref calls);
        throw new ExternalException("shape '[3]' is invalid for input of size 1");
    }

    /// <summary>Throws a managed error.</summary>
    public static IReadOnlyDictionary<string, Tensor> FailsManaged(CheckContext ctx, IReadOnlyDictionary<string, Tensor> raw)
    {
        Interlocked.Increment(ref calls);
        throw new InvalidOperationException("missing output");
    }
}
