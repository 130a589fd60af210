using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using NeuroExercises.Core.Devices;
using NeuroExercises.Core.Npy;
using static TorchSharp.torch;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// The runner child's side (hidden <c>serve</c> command): one process per submission (or per slot). It loads the
/// submission once to run its module initializer and answers the <c>loaded</c> handshake, then runs the checks the
/// parent sends on stdin, one by one. Every check gets a fresh collectible <see cref="SubmissionLoadContext"/> (fresh
/// statics of the student's code and the checks) and freshly reset TorchSharp state (seed, default dtype, one intra-op
/// thread, grad mode on), so a result does not depend on the order of the checks or on state an earlier check kept.
/// Replies go to the process's original stdout; the submission's own prints are sent to stderr. Never sees snapshots.
/// </summary>
internal static class ChildServer
{
    /// <summary>Largest message kept from an exception (the parent caps again).</summary>
    public const int MessageCapChars = 4096;

    /// <summary>Largest total of a check's output arrays the child sends (the parent enforces its own cap on the line).</summary>
    public const long OutputCapBytes = 64L << 20;

    /// <summary>Largest full trace kept for the staff log.</summary>
    public const int StaffTraceCapChars = 16384;

    private const int StackFrames = 8;

    /// <summary>Serves requests until stdin closes; returns the exit code.</summary>
    public static int Run(ServeOptions options)
    {
        var started = Process.GetCurrentProcess().StartTime;
        using var protocol = Console.OpenStandardOutput();
        using var requests = new StreamReader(Console.OpenStandardInput(), Encoding.UTF8);
        var prints = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetOut(prints);
        Console.SetError(prints);
        Console.SetIn(TextReader.Null);

        var device = DeviceChoice.Parse(options.Device).Device;
        ResetTorch(0);
        using (zeros(1))
        {
            // Loads libtorch now, so the first check does not pay for it inside its time limit.
        }

        // The handshake: load the submission and run its module initializer; a hang here is caught by the parent's
        // handshake limit, a crash by the process exit, both in seconds.
        Load(options);
        Send(protocol, new ChildReply(ChildReply.Loaded, ElapsedMs: (DateTime.Now - started).TotalMilliseconds));

        string? line;
        while ((line = requests.ReadLine()) is not null)
        {
            var request = JsonSerializer.Deserialize<RunRequest>(line, ChildReply.Json)
                ?? throw new InvalidDataException("the runner child got an empty request.");
            if (request.Load is { } next)
            {
                // A reusable child (trusted sources only: the mutants of a week) takes the next submission; the same
                // handshake as at start, answered with the request's sequence number.
                if (!options.Reusable)
                {
                    throw new InvalidDataException("the runner child got a load request but was not started with --reusable.");
                }

                var clock = Stopwatch.StartNew();
                options = options with { SubmissionPath = next };
                Load(options);
                Send(protocol, new ChildReply(ChildReply.Loaded, request.Seq, Ok: true, ElapsedMs: clock.Elapsed.TotalMilliseconds));
                continue;
            }

            Send(protocol, RunOne(options, request, device));
        }

        return 0;
    }

    /// <summary>Loads the submission in a throw-away context and runs its module initializer.</summary>
    private static void Load(ServeOptions options)
    {
        var probe = new SubmissionLoadContext(options.SubmissionAssemblyName, options.SubmissionPath);
        var submission = probe.LoadFromAssemblyPath(options.SubmissionPath);
        RuntimeHelpers.RunModuleConstructor(submission.ManifestModule.ModuleHandle);
        probe.Unload();
    }

    /// <summary>Sets the global TorchSharp state every check starts from.</summary>
    public static void ResetTorch(long seed)
    {
        // One intra-op thread keeps BLAS reductions in one order, so the same submission gives the same bytes on every
        // run; a fixed seed does the same for unseeded draws.
        set_num_threads(1);
        set_default_dtype(ScalarType.Float32);
        set_grad_enabled(true);
        Seeding.Seed(seed);
    }

    private static ChildReply RunOne(ServeOptions options, RunRequest request, Device device)
    {
        var sw = new Stopwatch();
        var alc = new SubmissionLoadContext(options.SubmissionAssemblyName, options.SubmissionPath, collectible: true);
        try
        {
            ResetTorch(request.Seed);
            var checks = alc.LoadFromAssemblyPath(options.ChecksPath);
            var type = checks.GetType(request.ClassName, throwOnError: true)!;
            var method = type.GetMethod(request.MethodName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new MissingMethodException(request.ClassName, request.MethodName);
            var context = Activator.CreateInstance(method.GetParameters()[0].ParameterType, device, options.InputsDirectory)!;
            IReadOnlyDictionary<string, Tensor>? outputs;
            using (var scope = NewDisposeScope())
            {
                sw.Start();
                try
                {
                    outputs = (IReadOnlyDictionary<string, Tensor>?)method.Invoke(null, [context]);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    return Threw(options, request, e.InnerException, sw.Elapsed);
                }
                finally
                {
                    sw.Stop();
                }

                if (outputs is null)
                {
                    throw new InvalidOperationException($"check {request.CheckId} returned null instead of a dictionary of tensors.");
                }

                return Outputs(request, outputs, sw.Elapsed);
            }
        }
        catch (Exception e)
        {
            return Threw(options, request, e is TargetInvocationException { InnerException: { } inner } ? inner : e, sw.Elapsed);
        }
        finally
        {
            alc.Unload();
        }
    }

    private static ChildReply Outputs(RunRequest request, IReadOnlyDictionary<string, Tensor> outputs, TimeSpan elapsed)
    {
        long total = 0;
        var arrays = new List<KeyValuePair<string, NpyArray>>();
        foreach (var (name, tensor) in outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (tensor is null)
            {
                throw new InvalidOperationException($"check {request.CheckId}: output '{name}' is null; return a tensor.");
            }

            total += tensor.numel() * tensor.element_size();
            if (total > OutputCapBytes)
            {
                throw new InvalidOperationException(
                    $"check {request.CheckId}: the outputs hold more than {OutputCapBytes >> 20} MB (output '{name}' has shape [{string.Join(", ", tensor.shape)}]); return the shapes the check's doc names.");
            }

            arrays.Add(KeyValuePair.Create(name, NpyArray.FromTensor(tensor)));
        }

        using var buffer = new MemoryStream();
        Npz.Write(buffer, arrays, compress: false);
        return new ChildReply(
            ChildReply.Result, request.Seq, Ok: true, Outputs: [.. arrays.Select(a => a.Key)],
            Npz: Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length), ElapsedMs: elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The reply for a check that threw: type, message and the student's own frames (<see cref="StudentTrace"/>) for
    /// everything a student reads; the whole trace, grader frames and paths included, only for the staff log.
    /// </summary>
    private static ChildReply Threw(ServeOptions options, RunRequest request, Exception e, TimeSpan elapsed) =>
        new(
            ChildReply.Result, request.Seq, Ok: false, ExceptionType: e.GetType().FullName, Message: Cap(StudentTrace.WithoutNativeFrames(e.Message), MessageCapChars),
            StackTail: Cap(StudentTrace.Frames(e, options.SubmissionAssemblyName, StackFrames), MessageCapChars),
            StaffTrace: Cap(e.ToString(), StaffTraceCapChars), ElapsedMs: elapsed.TotalMilliseconds);

    private static string Cap(string text, int chars) =>
        text.Length <= chars ? text : string.Concat(text.AsSpan(0, chars), $"… [{text.Length - chars} more characters cut]");

    private static void Send(Stream protocol, ChildReply reply)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(reply, ChildReply.Json);
        protocol.Write(bytes);
        protocol.WriteByte((byte)'\n');
        protocol.Flush();
    }
}

/// <summary>Arguments of the hidden <c>serve</c> command.</summary>
/// <param name="ChecksPath">The checks assembly.</param>
/// <param name="SubmissionAssemblyName">The week's assembly name.</param>
/// <param name="SubmissionPath">The compiled submission DLL.</param>
/// <param name="InputsDirectory">The week's inputs folder.</param>
/// <param name="Device">cpu, cuda or auto.</param>
/// <param name="Reusable">Accepts load requests (a <see cref="RunnerPool"/>'s child, trusted sources only).</param>
internal sealed record ServeOptions(string ChecksPath, string SubmissionAssemblyName, string SubmissionPath, string InputsDirectory, string Device, bool Reusable = false);
