using Wiredesk.Ingest;
using Wiredesk.Ingest.Http;

namespace Wiredesk.App.Cli;

/// <summary>What the verbs accept as inputs: files, folders (expanded recursively, in name order), URLs and "-".</summary>
public static class InputTargets
{
    public const string StandardInput = "-";

    public static IReadOnlyList<string> Expand(IEnumerable<string> targets)
    {
        var expanded = new List<string>();
        foreach (var target in targets)
        {
            if (target != StandardInput && !InputOpener.IsUrl(target) && Directory.Exists(target))
            {
                expanded.AddRange(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                expanded.Add(target);
            }
        }

        return expanded;
    }

    /// <summary>The input's bytes, and for a URL the response it came in (validators for a polled source).</summary>
    public static async Task<(RawInput Input, FetchResult? Fetch)> OpenAsync(string target, Settings settings, Func<SafeHttpClient> http, CancellationToken ct)
    {
        if (target == StandardInput)
        {
            return (await InputOpener.ReadStreamAsync("<stdin>", Console.OpenStandardInput(), settings, ct), null);
        }

        if (!InputOpener.IsUrl(target))
        {
            return (await InputOpener.ReadFileAsync(target, settings, ct), null);
        }

        return await InputOpener.FetchAsync(http(), target, ct);
    }
}
