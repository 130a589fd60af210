using NeuroExercises.Grader.Batch;
using NeuroExercises.Grader.Tests.Grading;

namespace NeuroExercises.Grader.Tests.Batch;

/// <summary>A small class of self-test-week submissions: two folders that pass or miss, one that does not compile, a zip of
/// the good one, a zip-slip zip and a symbolic link.</summary>
internal static class BatchClass
{
    public static string Make(string root)
    {
        var subs = Path.Combine(TestPaths.Hostile, "Submissions");
        Directory.CreateDirectory(root);
        Copy(Path.Combine(subs, "good"), Path.Combine(root, "good"));
        Copy(Path.Combine(subs, "wrong-value"), Path.Combine(root, "wrong"));
        Copy(Path.Combine(subs, "compile-error"), Path.Combine(root, "broken"));
        var calc = File.ReadAllBytes(Path.Combine(subs, "good", "Calc.cs"));
        SafeZipTests.MakeZip(Path.Combine(root, "zipped.zip"), ("project/Calc.cs", calc, 0));
        SafeZipTests.MakeZip(Path.Combine(root, "slip.zip"), ("Calc.cs", calc, 0), ("../../escape.cs", calc, 0));
        Directory.CreateSymbolicLink(Path.Combine(root, "linked"), Path.Combine(subs, "good"));
        return root;
    }

    /// <summary>The command-line options that point the grader at the self-test week.</summary>
    public static string[] WeekArgs(SelfTestWeek week) =>
        ["--week", SelfTestWeek.Week.Id, "--checks-assembly", week.ChecksPath, "--assembly-name", SelfTestWeek.Week.AssemblyName,
         "--inputs", week.Request("good").InputsDirectory!, "--snapshots", SelfTestWeek.SnapshotsRoot, "--time-limit-scale", "5", "--progress", "plain"];

    /// <summary>The same, in process.</summary>
    public static BatchOptions Options(SelfTestWeek week, string folder, string outDir) =>
        new(folder, SelfTestWeek.Week with { ChecksPath = week.ChecksPath }, outDir, SelfTestWeek.SnapshotsRoot)
        {
            Workers = 2,
            InputsDirectory = week.Request("good").InputsDirectory,
            TimeLimitScale = 5,
        };

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
    }
}
