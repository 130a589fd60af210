using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using NeuroExercises.Core.Devices;
using NeuroExercises.Core.Npy;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// The runner child's side (hidden <c>run-check</c> command): load the checks assembly in a
/// <see cref="SubmissionLoadContext"/>, call one check, write its tensors to result.npz and then status.json.
/// Never sees snapshots.
/// </summary>
internal static class ChildHost
{
    private const int StackFrames = 8;

    /// <summary>Runs one check; returns the process exit code (0 even when the check threw: the status says so).</summary>
    public static int Run(ChildRequest request)
    {
        var startup = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var sw = new Stopwatch();
        ChildStatus status;
        try
        {
            var device = DeviceChoice.Parse(request.Device);
            // One intra-op thread (two checks run side by side) keeps BLAS reductions in one order, so the same
            // submission gives the same bytes on every run; a fixed seed does the same for unseeded draws.
            set_num_threads(1);
            Seeding.Seed(0);
            var alc = new SubmissionLoadContext(request.SubmissionAssemblyName, request.SubmissionPath);
            var checks = alc.LoadFromAssemblyPath(request.ChecksPath);
            var type = checks.GetType(request.ClassName, throwOnError: true)!;
            var method = type.GetMethod(request.MethodName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new MissingMethodException(request.ClassName, request.MethodName);
            var contextType = method.GetParameters()[0].ParameterType;
            var context = Activator.CreateInstance(contextType, device.Device, request.InputsDirectory)!;
            sw.Start();
            IReadOnlyDictionary<string, Tensor> outputs;
            try
            {
                outputs = (IReadOnlyDictionary<string, Tensor>)method.Invoke(null, [context])!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                sw.Stop();
                status = Threw(request.CheckId, e.InnerException, startup, sw.Elapsed);
                WriteStatus(request.ScratchDirectory, status);
                return 0;
            }

            sw.Stop();
            if (outputs is null)
            {
                throw new InvalidOperationException($"check {request.CheckId} returned null instead of a dictionary of tensors.");
            }

            var arrays = outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key, NpyArray.FromTensor(kv.Value)))
                .ToList();
            Npz.Write(Path.Combine(request.ScratchDirectory, ChildStatus.ResultFileName), arrays);
            status = new ChildStatus(request.CheckId, true, [.. arrays.Select(a => a.Key)], null, null, null, startup.TotalMilliseconds, sw.Elapsed.TotalMilliseconds);
        }
        catch (Exception e)
        {
            status = Threw(request.CheckId, e, startup, sw.Elapsed);
        }

        WriteStatus(request.ScratchDirectory, status);
        return 0;
    }

    private static ChildStatus Threw(string id, Exception e, TimeSpan startup, TimeSpan elapsed)
    {
        var frames = (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tail = string.Join('\n', frames.Take(StackFrames));
        return new ChildStatus(id, false, [], e.GetType().FullName, e.Message, tail, startup.TotalMilliseconds, elapsed.TotalMilliseconds);
    }

    private static void WriteStatus(string scratch, ChildStatus status)
    {
        var tmp = Path.Combine(scratch, ChildStatus.FileName + ".tmp");
        File.WriteAllText(tmp, JsonSerializer.Serialize(status));
        File.Move(tmp, Path.Combine(scratch, ChildStatus.FileName), overwrite: true);
    }
}
