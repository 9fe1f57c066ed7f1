using System.CommandLine;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Formats;
using Wiredesk.Ingest.Http;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk analyze PATH|URL|- ... [--json]`: what Wiredesk understands of each report, without storing it.
/// With --json, one object per report (JSON Lines) in the documented schema (docs/schemas/analyze.md).</summary>
public static class AnalyzeVerb
{
    public static Command Create(CliOutput output)
    {
        var targets = new Argument<string[]>("inputs") { Description = "Files, folders, URLs, or - for standard input", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "One JSON object per report (JSON Lines)" };
        var command = new Command("analyze", "Show sentences, entities, quotes, numbers, dates and topics of reports") { targets, json };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var analyzer = Composition.CreateAnalyzer(settings);
            using var http = new LazyHttp(settings);
            var failed = false;
            foreach (var target in InputTargets.Expand(parsed.GetValue(targets)!))
            {
                try
                {
                    var (input, _) = await InputTargets.OpenAsync(target, settings, http.Get, ct);
                    foreach (var report in FormatReader.Read(input, settings))
                    {
                        var document = AnalyzedReport.From(target, report, analyzer.Analyze(report.Title, report.Text, report.Published ?? TimeProvider.System.GetUtcNow()));
                        output.Out.WriteLine(parsed.GetValue(json) ? JsonSerializer.Serialize(document, JsonDefaults.Options) : document.ToText());
                    }
                }
                catch (InputRejectedException e)
                {
                    output.Error.WriteLine($"wiredesk: {target}: {e.Message}");
                    failed = true;
                }
            }

            return failed ? CommandLine.SomeFailed : CommandLine.Ok;
        });
        return command;
    }

    /// <summary>Creates the HTTP client only when a URL is named.</summary>
    private sealed class LazyHttp(Settings settings) : IDisposable
    {
        private SafeHttpClient? _client;

        public SafeHttpClient Get() => _client ??= new SafeHttpClient(settings);

        public void Dispose() => _client?.Dispose();
    }
}

/// <summary>The public `analyze --json` shape. Spans index into Text.</summary>
public sealed record AnalyzedReport(
    string Input,
    string Title,
    string? Source,
    string? Url,
    DateTimeOffset? Published,
    string Text,
    IReadOnlyList<Sentence> Sentences,
    IReadOnlyList<Entity> Entities,
    IReadOnlyList<Quote> Quotes,
    IReadOnlyList<NumberMention> Numbers,
    IReadOnlyList<DateMention> Dates,
    IReadOnlyList<Topic> Topics,
    IReadOnlyList<string> Boilerplate)
{
    public static AnalyzedReport From(string input, ParsedReport report, ReportAnalysis analysis) => new(
        input, report.Title, report.Source, report.Url, report.Published, report.Text,
        analysis.Sentences, analysis.Entities, analysis.Quotes, analysis.Numbers, analysis.Dates, analysis.Topics,
        report.RemovedBoilerplate);

    public string ToText()
    {
        var lines = new List<string> { $"# {Title}", $"  {Sentences.Count} sentences" };
        foreach (var group in Entities.GroupBy(e => e.Type))
        {
            lines.Add($"  {group.Key}: " + string.Join(", ", group.Select(e => e.Ticker is null ? e.Name : $"{e.Name} ({e.Ticker})")));
        }

        lines.AddRange(Quotes.Select(q => $"  quote: \u201c{q.Text}\u201d \u2014 {q.Speaker?.Name ?? "(unattributed)"}"));
        if (Numbers.Count > 0)
        {
            lines.Add("  numbers: " + string.Join(", ", Numbers.Select(n => n.Text)));
        }

        if (Dates.Count > 0)
        {
            lines.Add("  dates: " + string.Join(", ", Dates.Select(d => $"{d.Text} = {d.Value ?? "?"}")));
        }

        if (Topics.Count > 0)
        {
            lines.Add("  topics: " + string.Join(", ", Topics.Select(t => t.Name)));
        }

        if (Boilerplate.Count > 0)
        {
            lines.Add($"  boilerplate removed: {Boilerplate.Count} lines");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
