using System.Data;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Ingest.Formats;
using Wiredesk.Storage;
using Wiredesk.Stories;

namespace Wiredesk.Ingest;

public enum IngestStatus
{
    New,
    Duplicate,
    Update,
    Failed,
}

/// <summary>What became of one report (or of an input that yielded none).</summary>
public sealed record IngestOutcome(string Origin, IngestStatus Status, long? ReportId, string? Title, string Detail)
{
    /// <summary>The story the report is on after this ingest (null for a failure; a duplicate's story is not looked up).</summary>
    public StoryAssignment? Story { get; init; }
}

/// <summary>What became of one input: its format (null when it could not be read) and an outcome per report.</summary>
public sealed record IngestResult(InputFormat? Format, IReadOnlyList<IngestOutcome> Outcomes);

/// <summary>The unit of work of ingest, top to bottom: parse and clean, fingerprint, analyze, then in one write
/// transaction de-duplicate and store the report, its bands, its analysis and its story membership.</summary>
public sealed class IngestPipeline(Database database, Analyzer analyzer, Settings settings, TimeProvider time)
{
    private readonly Clusterer _clusterer = new(settings);

    public async Task<IngestResult> IngestAsync(RawInput input, CancellationToken ct = default)
    {
        InputFormat format;
        IReadOnlyList<ParsedReport> reports;
        try
        {
            (format, reports) = FormatReader.ReadWithFormat(input, settings);
        }
        catch (InputRejectedException e)
        {
            return new(null, [new IngestOutcome(input.Origin, IngestStatus.Failed, null, null, e.Message)]);
        }

        if (reports.Count == 0)
        {
            return new(format, [new IngestOutcome(input.Origin, IngestStatus.Failed, null, null, "no report found in the input")]);
        }

        var outcomes = new List<IngestOutcome>(reports.Count);
        foreach (var report in reports)
        {
            outcomes.Add(await StoreAsync(input, report, ct));
        }

        return new(format, outcomes);
    }

    public async Task<IngestOutcome> StoreAsync(RawInput input, ParsedReport parsed, CancellationToken ct = default)
    {
        var fingerprint = DedupFingerprint.Of(parsed.Title, parsed.Text);
        var now = time.GetUtcNow();
        // Analysis is the costly step: it runs before the write transaction so writers never wait on it. A report
        // without a published time is read as of its arrival, so "on Wednesday" still resolves.
        var analysis = analyzer.Analyze(parsed.Title, parsed.Text, parsed.Published ?? now);
        var report = new Report
        {
            Title = parsed.Title,
            Text = parsed.Text,
            Source = parsed.Source,
            Url = parsed.Url,
            Guid = parsed.Guid,
            Language = parsed.Language,
            PublishedAt = parsed.Published,
            ReceivedAt = now,
            UpdatedAt = now,
            ContentHash = fingerprint.ContentHash,
            ImageCredit = parsed.ImageCredit,
            ImageUrl = parsed.ImageUrl,
            Boilerplate = parsed.RemovedBoilerplate,
        };
        var raw = parsed.RawItem ?? input.Bytes;
        var analysisJson = JsonSerializer.Serialize(analysis, JsonDefaults.Options);
        var storyFeatures = StoryFeatures.Of(parsed.Title, parsed.Text, analysis, parsed.Published ?? now);

        await using var connection = await database.ConnectAsync(ct);
        // IMMEDIATE: take the write lock before reading, so the duplicate check and the insert are one atomic step.
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var decision = await Deduplicator.DecideAsync(connection, tx, parsed, fingerprint);
        IngestOutcome outcome;
        switch (decision.Verdict)
        {
            case DedupVerdict.Duplicate:
                return new IngestOutcome(input.Origin, IngestStatus.Duplicate, decision.ReportId, parsed.Title, decision.Reason);
            case DedupVerdict.Update:
                var version = await ReportStore.AddVersionAsync(connection, tx, decision.ReportId!.Value, report, raw, input.ContentType, fingerprint.BandHashes);
                await ReportStore.SaveAnalysisAsync(connection, tx, decision.ReportId.Value, Analyzer.Version, analysisJson, now);
                var kept = await _clusterer.AssignAsync(connection, tx, decision.ReportId.Value, storyFeatures, ct);
                outcome = new(input.Origin, IngestStatus.Update, decision.ReportId, parsed.Title, $"version {version}: {decision.Reason}") { Story = kept };
                break;
            default:
                var id = await ReportStore.InsertAsync(connection, tx, report, raw, input.ContentType, fingerprint.BandHashes);
                await ReportStore.SaveAnalysisAsync(connection, tx, id, Analyzer.Version, analysisJson, now);
                var story = await _clusterer.AssignAsync(connection, tx, id, storyFeatures, ct);
                outcome = new(input.Origin, IngestStatus.New, id, parsed.Title, decision.Reason) { Story = story };
                break;
        }

        await tx.CommitAsync(ct);
        return outcome;
    }
}
