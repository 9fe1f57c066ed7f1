using System.Reflection;

namespace Wiredesk.Tests.Conventions;

/// <summary>Architecture rules of docs/architecture.md, checked on the built assemblies.</summary>
public class DependencyRulesTests
{
    private static readonly Assembly Library = typeof(Wiredesk.Settings).Assembly;

    [Fact]
    public void The_pipeline_library_references_no_web_framework()
    {
        var references = Library.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("AngleSharp", "Wiredesk.Ingest")]
    [InlineData("SmartReader", "Wiredesk.Ingest")]
    [InlineData("CodeHollow.FeedReader", "Wiredesk.Ingest")]
    [InlineData("Microsoft.Data.Sqlite", "Wiredesk.Storage")]
    [InlineData("MailKit", "Wiredesk.Alerts.Delivery")]
    [InlineData("MimeKit", "Wiredesk.Alerts.Delivery")]
    public void Each_dependency_stays_in_the_stage_that_uses_it(string dependency, string allowedNamespace)
    {
        var offenders = Library.GetTypes()
            .Where(t => t.Namespace is { } ns && !ns.StartsWith(allowedNamespace, StringComparison.Ordinal))
            .Where(t => UsesAssembly(t, dependency))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(offenders.Count == 0, $"{dependency} used outside {allowedNamespace}: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void The_library_never_reads_the_clock_directly()
    {
        // Time is a dependency (TimeProvider): scan the library's IL for calls to DateTime(Offset).Now/UtcNow.
        var forbidden = new[]
        {
            typeof(DateTime).GetProperty(nameof(DateTime.Now))!.GetMethod!,
            typeof(DateTime).GetProperty(nameof(DateTime.UtcNow))!.GetMethod!,
            typeof(DateTimeOffset).GetProperty(nameof(DateTimeOffset.Now))!.GetMethod!,
            typeof(DateTimeOffset).GetProperty(nameof(DateTimeOffset.UtcNow))!.GetMethod!,
        }.Select(m => m.MetadataToken).ToHashSet();
        var offenders = new List<string>();
        foreach (var type in Library.GetTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray();
                if (il is null)
                {
                    continue;
                }

                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] is 0x28 or 0x6F && TryResolve(type.Module, BitConverter.ToInt32(il, i + 1)) is { } called
                        && called.DeclaringType is { } declaring && (declaring == typeof(DateTime) || declaring == typeof(DateTimeOffset))
                        && forbidden.Contains(called.MetadataToken) && called.Module == typeof(DateTime).Module)
                    {
                        offenders.Add($"{type.FullName}.{method.Name}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "reads the clock: " + string.Join(", ", offenders.Distinct()));
    }

    [Fact]
    public void Verification_judges_any_text_and_knows_of_drafting_only_the_draft_json_types()
    {
        // The verifier must not lean on how the writer works (DraftWriter, writer seams): only the public draft shape.
        var allowed = new HashSet<Type>
        {
            typeof(Wiredesk.Drafting.Draft), typeof(Wiredesk.Drafting.DraftSection), typeof(Wiredesk.Drafting.DraftSentence),
            typeof(Wiredesk.Drafting.SourceSpan), typeof(Wiredesk.Drafting.DraftFact), typeof(Wiredesk.Drafting.DraftSource),
            typeof(Wiredesk.Drafting.DraftMetrics), typeof(Wiredesk.Drafting.Verdicts),
        };
        var offenders = new List<string>();
        foreach (var type in Library.GetTypes().Where(t => t.Namespace?.StartsWith("Wiredesk.Verification", StringComparison.Ordinal) == true))
        {
            foreach (var used in UsedTypes(type).Where(u => u.Namespace == "Wiredesk.Drafting" && !allowed.Contains(u)))
            {
                offenders.Add($"{type.FullName} uses {used.FullName}");
            }
        }

        Assert.True(offenders.Count == 0, string.Join(", ", offenders.Distinct()));
        Assert.Contains(Library.GetTypes(), t => t.Namespace == "Wiredesk.Verification.Checks");
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var signatures = type.GetFields(all).Select(f => f.FieldType)
            .Concat(type.GetProperties(all).Select(p => p.PropertyType))
            .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)));
        foreach (var t in signatures.SelectMany(Unwrap))
        {
            yield return t;
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            for (var i = 0; il is not null && i + 4 < il.Length; i++)
            {
                if (il[i] is 0x28 or 0x6F or 0x73 && TryResolve(type.Module, BitConverter.ToInt32(il, i + 1)) is { DeclaringType: { } declaring })
                {
                    yield return declaring;
                }
            }
        }
    }

    private static IEnumerable<Type> Unwrap(Type t) =>
        t.IsGenericType ? t.GetGenericArguments().SelectMany(Unwrap).Append(t) : t.HasElementType ? Unwrap(t.GetElementType()!) : [t];

    private static MethodBase? TryResolve(Module module, int token)
    {
        try
        {
            return module.ResolveMethod(token);
        }
        catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMethodException)
        {
            // Not every four bytes after an opcode-looking byte are a method token.
            return null;
        }
    }

    private static bool UsesAssembly(Type type, string assemblyName)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = type.GetFields(all).Select(f => f.FieldType)
            .Concat(type.GetProperties(all).Select(p => p.PropertyType))
            .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)));
        if (types.Any(t => t.Assembly.GetName().Name == assemblyName))
        {
            return true;
        }

        // Method bodies: any call into the assembly counts too.
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                continue;
            }

            for (var i = 0; i + 4 < il.Length; i++)
            {
                if (il[i] is 0x28 or 0x6F or 0x73 && TryResolve(type.Module, BitConverter.ToInt32(il, i + 1)) is { } called
                    && called.DeclaringType?.Assembly.GetName().Name == assemblyName)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
