using System.Collections.Concurrent;
using System.CommandLine;
using Spectre.Console;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Formats;
using Wiredesk.Ingest.Http;
using Wiredesk.Storage;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk ingest PATH|URL...`: files, folders (recursive) and URLs into the store, with a summary.</summary>
public static class IngestVerb
{
    private const int ProgressThreshold = 10;

    public static Command Create(CliOutput output)
    {
        var targets = new Argument<string[]>("inputs") { Description = "Files, folders (recursive), URLs, or - for standard input", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Store reports: parse, clean, de-duplicate, analyze") { targets };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            using var app = await Composition.CreateAsync(settings, ct);
            var outcomes = await IngestAllAsync(app, InputTargets.Expand(parsed.GetValue(targets)!), output, ct);
            PrintSummary(outcomes, output);
            return outcomes.Any(o => o.Status == IngestStatus.Failed) ? CommandLine.SomeFailed : CommandLine.Ok;
        });
        return command;
    }

    private static async Task<List<IngestOutcome>> IngestAllAsync(Composition app, IReadOnlyList<string> targets, CliOutput output, CancellationToken ct)
    {
        var outcomes = new List<IngestOutcome>();
        async Task Run(Action? advance)
        {
            // The batched path: reading and analysis run on every core, one writer stores many reports per
            // transaction, and outcomes come back in the order the targets were named.
            var fetches = new ConcurrentDictionary<string, FetchResult>(StringComparer.Ordinal);
            async Task<RawInput> OpenAsync(string target, CancellationToken token)
            {
                var (input, fetch) = await InputTargets.OpenAsync(target, app.Settings, () => app.Http, token);
                if (fetch is not null)
                {
                    fetches[target] = fetch;
                }

                return input;
            }

            await foreach (var (target, result) in app.Pipeline.IngestManyAsync(targets, OpenAsync, ct))
            {
                if (fetches.TryRemove(target, out var fetch) && result.Format is { } format && format.IsFeed())
                {
                    await RememberSourceAsync(app, target, fetch, result.Outcomes.Count, ct);
                }

                outcomes.AddRange(result.Outcomes);
                advance?.Invoke();
            }
        }

        if (targets.Count >= ProgressThreshold && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output.Error) });
            await console.Progress().StartAsync(async context =>
            {
                var task = context.AddTask("ingest", maxValue: targets.Count);
                await Run(() => task.Increment(1));
            });
        }
        else
        {
            await Run(null);
        }

        return outcomes;
    }

    /// <summary>A feed named on the command line is polled from then on, starting from the validators just received.</summary>
    private static async Task RememberSourceAsync(Composition app, string url, FetchResult fetch, int items, CancellationToken ct)
    {
        var sources = new SourceStore(app.Database);
        var now = app.Time.GetUtcNow();
        var source = await sources.AddOrGetAsync(url, app.Settings.DefaultPollInterval, now, ct);
        await sources.RecordSuccessAsync(source.Id, fetch.Status, fetch.ETag, fetch.LastModified, items, now, ct);
    }

    private static void PrintSummary(List<IngestOutcome> outcomes, CliOutput output)
    {
        foreach (var failure in outcomes.Where(o => o.Status == IngestStatus.Failed))
        {
            output.Error.WriteLine($"wiredesk: {failure.Origin}: {failure.Detail}");
        }

        output.Out.WriteLine($"{Tally(outcomes)}, failed: {outcomes.Count(o => o.Status == IngestStatus.Failed)}");
    }

    /// <summary>"new: N, duplicates: N, updates: N", as `ingest` and `poll` print it.</summary>
    internal static string Tally(IReadOnlyCollection<IngestOutcome> outcomes)
    {
        int Count(IngestStatus s) => outcomes.Count(o => o.Status == s);
        return $"new: {Count(IngestStatus.New)}, duplicates: {Count(IngestStatus.Duplicate)}, updates: {Count(IngestStatus.Update)}";
    }
}
