using FluentAssertions;
using NeuroExercises.Grader.Authoring;

namespace NeuroExercises.Grader.Tests.Authoring;

/// <summary>The marker convention: what a region becomes, and every malformed file refused with file:line and the fix.</summary>
public sealed class MarkerTests
{
    private const string Solution = """
        using System.Text; // SOLUTION ONLY

        namespace Demo;

        /// <summary>Demo.</summary>
        public static class Calc
        {
            /// <summary>Twice x. Graded by <c>demo/CalcChecks.Twice</c>.</summary>
            public static int Twice(int x)
            {
                // BEGIN SOLUTION
                // STUB: return 2x.
                return Helper(x) * 2;
                // END SOLUTION
            }
            // BEGIN SOLUTION ONLY

            private static int Helper(int x) => new StringBuilder().Append(x).Length > 0 ? x : 0;
            // END SOLUTION ONLY
        }
        """;

    private const string Exercise = """
        namespace Demo;

        /// <summary>Demo.</summary>
        public static class Calc
        {
            /// <summary>Twice x. Graded by <c>demo/CalcChecks.Twice</c>.</summary>
            public static int Twice(int x)
            {
                throw new NotImplementedException("Calc.Twice: return 2x; see its XML doc.");
            }
        }
        """;

    [Fact]
    public void ARegionBecomesOneStubLineAndSolutionOnlyLinesGo()
    {
        var file = MarkedFile.ParseCSharp("Calc.cs", Solution);
        file.Regions.Should().ContainSingle().Which.Should().Be(new MarkedRegion(11, 14, "        ", "Calc.Twice", "return 2x"));
        file.Render(_ => true, dropSolutionOnly: true).Should().Be(Exercise);
    }

    [Fact]
    public void KeptRegionsLoseOnlyTheirMarkersWhenStripped()
    {
        var kept = MarkedFile.ParseCSharp("Calc.cs", Solution).Render(_ => false, dropSolutionOnly: false, stripMarkers: true);
        kept.Should().StartWith("using System.Text;\n").And.Contain("        return Helper(x) * 2;\n    }\n\n    private static int Helper")
            .And.NotContain("SOLUTION").And.NotContain("STUB");
    }

    [Fact]
    public void ARegionWithoutHintGetsAGenericMessage()
    {
        var file = MarkedFile.ParseCSharp("Calc.cs", Solution.Replace("        // STUB: return 2x.\n", "", StringComparison.Ordinal));
        file.Render(_ => true, dropSolutionOnly: true).Should().Contain("throw new NotImplementedException(\"Calc.Twice: not written yet; see its XML doc.\");");
    }

    [Theory]
    [InlineData("        // END SOLUTION\n", "", "Calc.cs:11: // BEGIN SOLUTION has no // END SOLUTION below it; add // END SOLUTION after the body's last statement.")]
    [InlineData("        // BEGIN SOLUTION\n", "", "Calc.cs:13: // END SOLUTION without a // BEGIN SOLUTION above it")]
    [InlineData("        // STUB: return 2x.\n", "        // STUB: return 2x.\n        // BEGIN SOLUTION\n", "Calc.cs:13: // BEGIN SOLUTION inside the region opened at line 11; close that one with // END SOLUTION first (regions do not nest).")]
    [InlineData("        // BEGIN SOLUTION\n", "        // BEGIN SOLUTION:\n", "Calc.cs:11: '// BEGIN SOLUTION:' looks like a marker but is not one")]
    [InlineData("    // END SOLUTION ONLY\n", "", "Calc.cs:16: // BEGIN SOLUTION ONLY has no // END SOLUTION ONLY below it")]
    public void UnbalancedOrMisspeltMarkersAreRefusedWithFileAndLine(string find, string replace, string message)
    {
        var text = Solution.Replace(find, replace, StringComparison.Ordinal);
        text.Should().NotBe(Solution);
        var act = () => MarkedFile.ParseCSharp("Calc.cs", text);
        act.Should().Throw<AuthoringException>().Which.Message.Should().Contain(message);
    }

    [Fact]
    public void EndBeforeBeginIsRefused()
    {
        var text = Solution.Replace("        // BEGIN SOLUTION\n", "        // END SOLUTION\n", StringComparison.Ordinal)
            .Replace("        return Helper(x) * 2;\n        // END SOLUTION\n", "        return Helper(x) * 2;\n        // BEGIN SOLUTION\n", StringComparison.Ordinal);
        var act = () => MarkedFile.ParseCSharp("Calc.cs", text);
        act.Should().Throw<AuthoringException>().Which.Problems.Should().Contain(p => p.StartsWith("Calc.cs:11: // END SOLUTION without a // BEGIN SOLUTION above it", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("Calc.cs:14: // BEGIN SOLUTION has no // END SOLUTION", StringComparison.Ordinal));
    }

    [Fact]
    public void AGradedMethodWithoutMarkersIsRefused()
    {
        var text = Solution.Replace("        // BEGIN SOLUTION\n        // STUB: return 2x.\n", "", StringComparison.Ordinal)
            .Replace("        // END SOLUTION\n", "", StringComparison.Ordinal);
        var act = () => MarkedFile.ParseCSharp("Calc.cs", text);
        act.Should().Throw<AuthoringException>().Which.Message.Should()
            .Contain("Calc.cs:9: Calc.Twice is graded (its XML doc says \"Graded by\") but its body has no // BEGIN SOLUTION … // END SOLUTION; enclose the body");
    }

    [Fact]
    public void ARegionOutsideAMethodBodyIsRefused()
    {
        var text = Solution.Replace("    // BEGIN SOLUTION ONLY\n", "    // BEGIN SOLUTION\n", StringComparison.Ordinal)
            .Replace("    // END SOLUTION ONLY\n", "    // END SOLUTION\n", StringComparison.Ordinal);
        var act = () => MarkedFile.ParseCSharp("Calc.cs", text);
        act.Should().Throw<AuthoringException>().Which.Message.Should().Contain("Calc.cs:16: this // BEGIN SOLUTION region (to line 19) is not inside one method body");
    }

    [Fact]
    public void ABadSolutionFileStopsGenerationBeforeAnythingIsWritten()
    {
        using var copy = new TempWeekCopy("task-driven-rnn");
        var rnnMath = Path.Combine(copy.Layout.SolutionDir, "RnnMath.cs");
        File.WriteAllText(rnnMath, File.ReadAllText(rnnMath).Replace("        // END SOLUTION\n", "", StringComparison.Ordinal));
        File.AppendAllText(Path.Combine(copy.Layout.ExerciseDir, "Losses.cs"), "// stale, and must stay so\n");
        var before = copy.Snapshot();

        var act = () => GeneratedWriter.Write(WeekGenerator.Generate(copy.Layout));

        act.Should().Throw<AuthoringException>().Which.Message.Should()
            .MatchRegex(@"solutions/NeuroExercises\.Week01\.TaskDrivenRnn/RnnMath\.cs:\d+: // BEGIN SOLUTION has no // END SOLUTION below it");
        copy.Snapshot().Should().Equal(before, "nothing is written when the input is bad");
    }

    [Fact]
    public void ASolutionOnlyLineThatRemovesPublicApiIsRefused()
    {
        using var copy = new TempWeekCopy("task-driven-rnn");
        var path = Path.Combine(copy.Layout.SolutionDir, "DatasetPreparation.cs");
        File.WriteAllText(path, File.ReadAllText(path).Replace("public const int FixedDelay = 3;", "public const int FixedDelay = 3; // SOLUTION ONLY", StringComparison.Ordinal));

        var act = () => WeekGenerator.Generate(copy.Layout);

        act.Should().Throw<AuthoringException>().Which.Message.Should().Contain("the generated exercise would not compile (nothing written)");
    }

    [Fact]
    public void ASolutionOnlyPublicMemberNobodyCallsIsRefusedAsAnApiDifference()
    {
        using var copy = new TempWeekCopy("task-driven-rnn");
        var path = Path.Combine(copy.Layout.SolutionDir, "RnnMath.cs");
        var text = File.ReadAllText(path);
        var closing = text.LastIndexOf('}');
        File.WriteAllText(path, text[..closing] + "    // BEGIN SOLUTION ONLY\n    /// <summary>Only here.</summary>\n    public static int OnlyInSolutions => 1;\n    // END SOLUTION ONLY\n" + text[closing..]);

        var act = () => WeekGenerator.Generate(copy.Layout);

        act.Should().Throw<AuthoringException>().Which.Problems.Should().Contain(p => p.StartsWith("only in the solutions:", StringComparison.Ordinal) && p.Contains("OnlyInSolutions", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownWeekNamesTheKnownOnes()
    {
        var act = () => WeekLayout.Find("no-such-week", TestPaths.RepoRoot);
        act.Should().Throw<AuthoringException>().Which.Message.Should().Be("--week: 'no-such-week' is not a week; use one of task-driven-rnn, burst-credit-assignment (see 'weeks').");
    }
}
