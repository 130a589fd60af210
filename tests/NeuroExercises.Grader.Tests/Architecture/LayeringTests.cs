using System.Reflection;
using System.Reflection.Emit;
using FluentAssertions;
using NeuroExercises.Grader.Discovery;

namespace NeuroExercises.Grader.Tests.Architecture;

/// <summary>
/// Data flows one way: Compile → Runner → (Records) → Judge → Reports. Reads every type's signatures, locals and the
/// members its IL touches, and fails on a reference that points the wrong way.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "NeuroExercises.Grader.";

    private static readonly Dictionary<ushort, OpCode> OpCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value);

    [Theory]
    [InlineData("Judge", new[] { "Runner", "Compile", "Reports", "Cli", "Grading", "Sandbox" })]
    [InlineData("Runner", new[] { "Judge", "Reports", "Cli", "Grading" })]
    [InlineData("Compile", new[] { "Runner", "Judge", "Reports", "Cli", "Grading" })]
    [InlineData("Reports", new[] { "Runner", "Compile", "Cli", "Grading" })]
    [InlineData("Records", new[] { "Runner", "Compile", "Judge", "Reports", "Cli", "Grading" })]
    [InlineData("Discovery", new[] { "Runner", "Compile", "Judge", "Reports", "Cli", "Grading" })]
    // The sandbox is the bottom layer: it knows processes, cgroups and seccomp, nothing of grading.
    [InlineData("Sandbox", new[] { "Runner", "Compile", "Judge", "Reports", "Cli", "Grading", "Records", "Discovery", "Authoring", "Release" })]
    // Authoring writes sources from sources; grading them (mutants) goes through the CLI's pipeline, not from here.
    [InlineData("Authoring", new[] { "Runner", "Sandbox", "Reports", "Cli", "Release" })]
    public void NamespaceDoesNotUseForbiddenNamespaces(string layer, string[] forbidden)
    {
        var grader = typeof(CheckSpec).Assembly;
        var types = grader.GetTypes().Where(t => (t.Namespace ?? "").StartsWith(Root + layer, StringComparison.Ordinal)).ToList();
        types.Should().NotBeEmpty();
        var violations = types
            .SelectMany(t => Referenced(t).Select(r => (From: t, To: r)))
            .Where(p => forbidden.Any(f => (p.To.Namespace ?? "").StartsWith(Root + f, StringComparison.Ordinal)))
            .Select(p => $"{p.From.FullName} -> {p.To.FullName}")
            .Distinct()
            .ToList();
        violations.Should().BeEmpty();
    }

    [Fact]
    public void CheckerFindsAPlantedViolation()
    {
        // The scanner itself must see references made only inside method bodies.
        Referenced(typeof(LayeringTests)).Should().Contain(typeof(CheckSpec));
        Planted().Should().BeNull();
    }

    private static IEnumerable<Type> Referenced(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null)
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
                return;
            }

            if (found.Add(t) && t.IsGenericType)
            {
                foreach (var a in t.GetGenericArguments())
                {
                    Add(a);
                }
            }
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var f in type.GetFields(all))
        {
            Add(f.FieldType);
        }

        foreach (var p in type.GetProperties(all))
        {
            Add(p.PropertyType);
        }

        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (m is MethodInfo mi)
            {
                Add(mi.ReturnType);
            }

            foreach (var p in m.GetParameters())
            {
                Add(p.ParameterType);
            }

            var body = m.GetMethodBody();
            if (body is null)
            {
                continue;
            }

            foreach (var l in body.LocalVariables)
            {
                Add(l.LocalType);
            }

            foreach (var member in IlMembers(m, body.GetILAsByteArray() ?? []))
            {
                Add(member as Type ?? member.DeclaringType);
                if (member is MethodInfo called)
                {
                    Add(called.ReturnType);
                }
            }
        }

        foreach (var nested in type.GetNestedTypes(all))
        {
            foreach (var t in Referenced(nested))
            {
                found.Add(t);
            }
        }

        return found;
    }

    private static IEnumerable<MemberInfo> IlMembers(MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArgs = method.DeclaringType is { IsGenericType: true } dt ? dt.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var result = new List<MemberInfo>();
        for (var i = 0; i < il.Length;)
        {
            ushort code = il[i++];
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il[i++]);
            }

            if (!OpCodes.TryGetValue(code, out var op))
            {
                break;
            }

            switch (op.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, i);
                    try
                    {
                        var m = module.ResolveMember(token, typeArgs, methodArgs);
                        if (m is not null)
                        {
                            result.Add(m);
                        }
                    }
                    catch (ArgumentException)
                    {
                        // Generic context we cannot supply: skip.
                    }

                    i += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineSwitch:
                    var n = BitConverter.ToInt32(il, i);
                    i += 4 + (4 * n);
                    break;
                default:
                    i += 4;
                    break;
            }
        }

        return result;
    }

    private static CheckSpec? Planted() => null;
}
