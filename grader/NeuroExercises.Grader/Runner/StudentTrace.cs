using System.Diagnostics;
using System.Reflection;

namespace NeuroExercises.Grader.Runner;

/// <summary>
/// What a student is shown of an exception their code threw: its type and message (and those of its inner exceptions),
/// and the stack frames of their own code only, with file names as the compiler got them — relative to the submission
/// folder (the submission is compiled with an embedded PDB from relative paths). The grader's frames (the check, the
/// reflection call, TorchSharp, the runtime) and every path on the grading machine stay out; the whole trace goes to
/// the staff-only log instead (<see cref="ChildReply.StaffTrace"/>).
/// </summary>
internal static partial class StudentTrace
{
    /// <summary>
    /// <paramref name="message"/> without libtorch's native stack trace (the "Exception raised from … frame #0: … libc10.so"
    /// lines TorchSharp appends to an error): students read the error itself, once, and where in their own code it came
    /// from; the staff log keeps the whole text.
    /// </summary>
    public static string WithoutNativeFrames(string message)
    {
        var lines = message.Split('\n');
        var frames = lines.Count(l => NativeFrame().IsMatch(l));
        if (frames == 0)
        {
            return message;
        }

        var kept = lines.Where(l => !NativeFrame().IsMatch(l) && !l.StartsWith("Exception raised from ", StringComparison.Ordinal)).ToList();
        while (kept.Count > 0 && kept[^1].Trim().Length == 0)
        {
            kept.RemoveAt(kept.Count - 1);
        }

        kept.Add($"({frames} frames of libtorch's native stack left out)");
        return string.Join('\n', kept);
    }

    /// <summary>The student's frames of <paramref name="e"/> and its inner exceptions, at most <paramref name="maxFrames"/> lines.</summary>
    /// <param name="e">The exception the check caught.</param>
    /// <param name="submissionAssemblyName">The simple name of the compiled submission (e.g. NeuroExercises.Week01.TaskDrivenRnn).</param>
    /// <param name="maxFrames">Largest number of frame lines.</param>
    /// <returns>Lines "   at Type.Method(params) in File.cs:line N", inner exceptions as "---> Type: message"; a note when no frame is the student's.</returns>
    public static string Frames(Exception e, string submissionAssemblyName, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(e);
        var lines = new List<string>();
        var own = 0;
        for (var (x, depth) = (e, 0); x is not null && depth < 8; (x, depth) = (x.InnerException, depth + 1))
        {
            if (depth > 0)
            {
                lines.Add($"---> {x.GetType().FullName}: {WithoutNativeFrames(x.Message)}");
            }

            foreach (var frame in new StackTrace(x, fNeedFileInfo: true).GetFrames())
            {
                if (own >= maxFrames)
                {
                    break;
                }

                if (Format(frame, submissionAssemblyName) is { } line)
                {
                    lines.Add(line);
                    own++;
                }
            }
        }

        if (own == 0)
        {
            lines.Add("   (no frame of your code: it was thrown inside a library call your code made, or by the check on what your code returned)");
        }

        return string.Join('\n', lines);
    }

    private static string? Format(StackFrame frame, string submissionAssemblyName)
    {
        var method = frame.GetMethod();
        if (method is null || method.Module.Assembly.GetName().Name != submissionAssemblyName)
        {
            return null;
        }

        var type = method.DeclaringType is { } t ? TypeName(t) + "." : "";
        var parameters = string.Join(", ", method.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}"));
        var file = frame.GetFileName();
        var where = string.IsNullOrEmpty(file) ? "" : $" in {Relative(file)}:line {frame.GetFileLineNumber()}";
        return $"   at {type}{method.Name}({parameters}){where}";
    }

    /// <summary>A type's own name, without namespace, outer type or generic arity (torch+Tensor → Tensor, Dictionary`2 → Dictionary).</summary>
    private static string TypeName(Type t)
    {
        var name = t.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>The compiler's path, relative to the submission; an absolute one (never expected) shows its file name only.</summary>
    private static string Relative(string file) => Path.IsPathRooted(file) ? Path.GetFileName(file) : file.Replace('\\', '/');

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*frame #\d+:")]
    private static partial System.Text.RegularExpressions.Regex NativeFrame();
}
