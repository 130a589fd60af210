using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using FluentAssertions;
using NeuroExercises.Grader.Authoring;
using NeuroExercises.Grader.Compile;

namespace NeuroExercises.Grader.Tests.Authoring;

/// <summary>The generated exercise compiles, every marked member throws its stub's NotImplementedException, and its public API is the solutions'.</summary>
public sealed class ExerciseCompileTests
{
    private static readonly WeekLayout Layout = WeekLayout.Find("task-driven-rnn", TestPaths.RepoRoot);

    [Fact]
    public void EveryMarkedMemberOfTheCompiledExerciseThrowsItsStub()
    {
        var regions = WeekGenerator.Parse(Layout, WeekGenerator.ReadSources(Layout)).Values.SelectMany(f => f.Regions).ToList();
        regions.Should().HaveCountGreaterThanOrEqualTo(14, "week 1 has at least 14 graded bodies");
        var output = Directory.CreateTempSubdirectory("neuro-author-compile-").FullName;
        var alc = new AssemblyLoadContext("exercise-under-test", isCollectible: true);
        try
        {
            var compiled = SubmissionCompiler.Compile(Layout.ExerciseDir, Layout.Week.AssemblyName, output, SubmissionCompiler.DefaultReferences(AppContext.BaseDirectory), TimeSpan.FromSeconds(120));
            compiled.Errors.Should().BeEmpty();
            var assembly = alc.LoadFromAssemblyPath(compiled.AssemblyPath!);
            foreach (var region in regions)
            {
                var parts = region.Member.Split('.');
                var type = assembly.GetTypes().Single(t => t.Name == parts[0]);
                var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(m => m.Name == parts[1]).ToList();
                methods.Should().NotBeEmpty($"{region.Member} is compiled into the exercise");
                foreach (var method in methods)
                {
                    var target = method.IsStatic ? null : RuntimeHelpers.GetUninitializedObject(type);
                    var args = method.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
                    var act = () => method.Invoke(target, args);
                    act.Should().Throw<TargetInvocationException>().WithInnerException<NotImplementedException>()
                        .WithMessage($"{region.Member}: *; see its XML doc.", $"{method} is a stub in the exercise");
                }
            }
        }
        finally
        {
            alc.Unload();
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void ExercisesHoldNoNotImplementedExceptionThatGenerationDoesNotPut()
    {
        var expected = WeekGenerator.Parse(Layout, WeekGenerator.ReadSources(Layout)).Values.Sum(f => f.Regions.Count);
        var actual = GeneratedWriter.ListFiles(Layout.ExerciseDir).Where(f => f.EndsWith(".cs", StringComparison.Ordinal))
            .Sum(f => File.ReadAllText(Path.Combine(Layout.ExerciseDir, f)).Split("throw new NotImplementedException(").Length - 1);
        actual.Should().Be(expected, "every stub in exercises/ comes from one marked region of the solutions");
    }

    [Fact]
    public void ExercisesAndSolutionsHaveTheSameCompiledPublicApiAndDocs()
    {
        var (solutionErrors, solution) = PublicSurface.Of(WeekGenerator.ReadSources(Layout), Layout.Week.AssemblyName);
        var exerciseSources = GeneratedWriter.ListFiles(Layout.ExerciseDir).ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Layout.ExerciseDir, f)));
        var (exerciseErrors, exercise) = PublicSurface.Of(exerciseSources, Layout.Week.AssemblyName);

        solutionErrors.Should().BeEmpty();
        exerciseErrors.Should().BeEmpty();
        solution.Keys.Should().Contain(k => k.Contains("RnnMath.RectifiedTanh(", StringComparison.Ordinal) && k.Contains(" x)", StringComparison.Ordinal), "signatures carry parameter names");
        solution.Values.Should().Contain(d => d.Contains("Graded by", StringComparison.Ordinal), "docs are part of the surface");
        PublicSurface.Compare(solution, exercise).Should().BeEmpty();
    }

    [Fact]
    public void ASurfaceDifferenceIsReported()
    {
        var a = new Dictionary<string, string> { ["public void M()"] = "<doc/>", ["public int P"] = "" };
        var b = new Dictionary<string, string> { ["public void M()"] = "<doc>changed</doc>", ["public long P"] = "" };
        PublicSurface.Compare(a, b).Should().BeEquivalentTo(
            "only in the solutions: public int P", "only in the exercises: public long P", "XML doc differs: public void M()");
    }
}
