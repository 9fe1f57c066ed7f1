using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Drafting;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Formats;
using Wiredesk.Ingest.Http;
using Wiredesk.Storage;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk draft PATH|URL|REPORT-ID|story:STORY-ID ... [--json|--markdown]`: one verified machine draft for
/// the given reports (several inputs = one story; a plain number is a stored report id; `story:N` is stored story N,
/// drafted from its first report and its latest ones, see <see cref="StoryDraftReports"/>). Stored reports bring
/// their stored analysis. Markdown in the house style by
/// default; --json gives the documented draft shape with verdicts and metrics (README, "Draft JSON").
/// Exit 0 when every sentence is supported, 1 when one is not (the writer drops those, so this means a bug),
/// 2 on bad usage or an input that cannot be read.</summary>
public static class DraftVerb
{
    private const int EarlierReportsConsidered = 500;

    private static readonly JsonSerializerOptions Indented = new(JsonDefaults.Options) { WriteIndented = true };

    public static Command Create(CliOutput output)
    {
        var targets = new Argument<string[]>("inputs") { Description = "Files, URLs, stored report ids or story:ID (a stored story): one story", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "The draft as JSON (sections, provenance, verdicts, metrics)" };
        var markdown = new Option<bool>("--markdown") { Description = "The draft as Markdown in the house style (the default)" };
        var command = new Command("draft", "Write a verified draft story from one or more reports") { targets, json, markdown };
        command.SetAction(async (parsed, ct) =>
        {
            if (parsed.GetValue(json) && parsed.GetValue(markdown))
            {
                throw new UsageException("choose one of --json and --markdown");
            }

            var settings = GlobalOptions.ToSettings(parsed);
            var inputs = parsed.GetValue(targets)!;
            var (reports, earlier) = await ReadAsync(inputs, settings, ct);
            if (reports.Count == 0)
            {
                throw new UsageException("no report found in the inputs");
            }

            var writer = Composition.CreateDraftWriter(settings);
            var draft = await writer.WriteAsync(new DraftRequest(reports, earlier), ct);
            output.Out.Write(parsed.GetValue(json) ? JsonSerializer.Serialize(draft, Indented) + "\n" : DraftMarkdown.Render(draft));
            var unsupported = draft.Sections.SelectMany(s => s.Sentences).Count(s => s.Verdict != Verdicts.Supported) + (draft.HeadlineVerdict == Verdicts.Supported ? 0 : 1);
            if (unsupported > 0)
            {
                output.Error.WriteLine($"wiredesk: {unsupported} sentence(s) or headline unsupported");
                return CommandLine.SomeFailed;
            }

            return CommandLine.Ok;
        });
        return command;
    }

    /// <summary>The story's reports, and the stored reports that may serve as earlier coverage (only when a store
    /// exists already: drafting files never creates one).</summary>
    private static async Task<(List<SourceReport> Reports, List<SourceReport> Earlier)> ReadAsync(string[] inputs, Settings settings, CancellationToken ct)
    {
        var reports = new List<SourceReport>();
        ReportStore? store = null;
        if (File.Exists(settings.DatabasePath) || inputs.Any(t => IsReportId(t) || StoryId(t) is not null))
        {
            store = new ReportStore(await Database.OpenAsync(settings.DatabasePath, ct));
        }

        SafeHttpClient? http = null;
        try
        {
            foreach (var target in inputs)
            {
                if (IsReportId(target))
                {
                    reports.Add(await LoadStoredAsync(store!, long.Parse(target, CultureInfo.InvariantCulture), settings, ct));
                    continue;
                }

                if (StoryId(target) is { } storyId)
                {
                    var story = await new StoryStore(store!.Database).GetAsync(storyId, ct) ?? throw new UsageException($"no stored story {storyId} in {settings.DatabasePath}");
                    foreach (var entry in StoryDraftReports.Choose(story.Timeline))
                    {
                        reports.Add(await LoadStoredAsync(store, entry.Report, settings, ct));
                    }

                    continue;
                }

                foreach (var file in InputTargets.Expand([target]))
                {
                    reports.AddRange(await ReadInputAsync(file, settings, () => http ??= new SafeHttpClient(settings), ct));
                }
            }
        }
        finally
        {
            http?.Dispose();
        }

        var earlier = new List<SourceReport>();
        if (store is not null)
        {
            var own = reports.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            earlier.AddRange((await store.LatestAsync(EarlierReportsConsidered, ct)).Select(FromStored).Where(r => !own.Contains(r.Id)));
        }

        return (reports, earlier);
    }

    private static async Task<IEnumerable<SourceReport>> ReadInputAsync(string target, Settings settings, Func<SafeHttpClient> http, CancellationToken ct)
    {
        try
        {
            var (input, _) = await InputTargets.OpenAsync(target, settings, http, ct);
            var parsed = FormatReader.Read(input, settings);
            return parsed.Select((r, i) => new SourceReport
            {
                Id = parsed.Count == 1 ? target : $"{target}#{i + 1}",
                Title = r.Title,
                Text = r.Text,
                Source = r.Source,
                Url = r.Url,
                Published = r.Published,
            });
        }
        catch (InputRejectedException e)
        {
            throw new UsageException($"{target}: {e.Message}");
        }
    }

    /// <summary>A stored report with its stored analysis (no second analysis; an analysis that no longer reads is
    /// left out and made again by the writer).</summary>
    private static async Task<SourceReport> LoadStoredAsync(ReportStore store, long id, Settings settings, CancellationToken ct)
    {
        var stored = await store.GetAsync(id, ct) ?? throw new UsageException($"no stored report {id} in {settings.DatabasePath}");
        return FromStored(stored) with { Analysis = ReadAnalysis(await store.GetAnalysisJsonAsync(id, ct)) };
    }

    private static ReportAnalysis? ReadAnalysis(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ReportAnalysis>(json, JsonDefaults.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static SourceReport FromStored(Report r) => new()
    {
        Id = r.Id.ToString(CultureInfo.InvariantCulture),
        Title = r.Title,
        Text = r.Text,
        Source = r.Source,
        Url = r.Url,
        Published = r.PublishedAt,
    };

    /// <summary>"story:12" → 12.</summary>
    private static long? StoryId(string target) =>
        target.StartsWith(StoryPrefix, StringComparison.Ordinal) && long.TryParse(target.AsSpan(StoryPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private const string StoryPrefix = "story:";

    private static bool IsReportId(string target) => target.Length is > 0 and < 19 && target.All(char.IsAsciiDigit);
}
