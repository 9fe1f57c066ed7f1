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
        var outcomes = new ConcurrentBag<(int Order, IngestOutcome Outcome)>();
        async Task Run(Action? advance)
        {
            // Analysis is CPU-bound and runs outside the write transaction, so one worker per core keeps both busy.
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct };
            await Parallel.ForEachAsync(targets.Select((t, i) => (t, i)), options, async (item, token) =>
            {
                foreach (var outcome in await IngestOneAsync(app, item.t, token))
                {
                    outcomes.Add((item.i, outcome));
                }

                advance?.Invoke();
            });
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

        return [.. outcomes.OrderBy(o => o.Order).Select(o => o.Outcome)];
    }

    private static async Task<IReadOnlyList<IngestOutcome>> IngestOneAsync(Composition app, string target, CancellationToken ct)
    {
        try
        {
            var (input, fetch) = await InputTargets.OpenAsync(target, app.Settings, () => app.Http, ct);
            var result = await app.Pipeline.IngestAsync(input, ct);
            if (fetch is not null && result.Format is { } format && format.IsFeed())
            {
                await RememberSourceAsync(app, target, fetch, result.Outcomes.Count, ct);
            }

            return result.Outcomes;
        }
        catch (InputRejectedException e)
        {
            return [new IngestOutcome(target, IngestStatus.Failed, null, null, e.Message)];
        }
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
