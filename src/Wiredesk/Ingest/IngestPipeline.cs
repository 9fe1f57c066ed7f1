using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
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

/// <summary>One item of a batched ingest with what became of it, in the order the items were given.</summary>
public sealed record IngestItemResult<T>(T Item, IngestResult Result);

/// <summary>The unit of work of ingest, top to bottom: parse and clean, fingerprint, analyze (the CPU work, done
/// outside any transaction), then in one write transaction de-duplicate and store the report, its bands, its analysis
/// and its story membership. One report at a time (<see cref="IngestAsync"/>, <see cref="StoreAsync"/>) or many, with
/// the CPU work spread over the cores and the writes grouped into few transactions (<see cref="IngestManyAsync"/>).</summary>
public sealed class IngestPipeline(Database database, Analyzer analyzer, Settings settings, TimeProvider time)
{
    /// <summary>Reports written per transaction at most in a batched ingest: enough to make the commit's cost small.
    /// Readers never wait for a writer (WAL); another writer (a pushed report, an editor's save) waits for the
    /// transaction, about a quarter of a second on two cores. 512 ingested 2,130-2,247 reports/s where 256 gave
    /// 1,707-2,092 (session 6, idle, warm).</summary>
    public const int MaxReportsPerTransaction = 512;

    /// <summary>Inputs in preparation or prepared and waiting: a full transaction's worth being written and the next
    /// one being prepared. (Until session 6 this was 32 per core, 64 on two cores, so the writer's transactions held
    /// 64 reports, not 256, and each report paid four times the commit's share.)</summary>
    public const int InFlight = 2 * MaxReportsPerTransaction;

    private readonly Clusterer _clusterer = new(settings);

    /// <summary>Reads, analyzes and stores every report of one input, each in its own transaction.</summary>
    public async Task<IngestResult> IngestAsync(RawInput input, CancellationToken ct = default)
    {
        var prepared = Prepare(input);
        if (prepared.Rejected is { } rejected)
        {
            return rejected;
        }

        var outcomes = new List<IngestOutcome>(prepared.Reports.Count);
        foreach (var report in prepared.Reports)
        {
            outcomes.Add(await WriteAloneAsync(report, ct));
        }

        return new(prepared.Format, outcomes);
    }

    /// <summary>Analyzes and stores one report already parsed (a feed item), in its own transaction.</summary>
    public async Task<IngestOutcome> StoreAsync(RawInput input, ParsedReport parsed, CancellationToken ct = default) =>
        await WriteAloneAsync(PrepareReport(input, parsed), ct);

    /// <summary>Ingests many inputs: opening, parsing, analysis and story features run in parallel on the thread pool,
    /// while one writer stores the results in input order, many reports per transaction. Results come back
    /// in input order and are the same as ingesting the inputs one by one in that order: each report is de-duplicated
    /// and assigned to a story inside the transaction, after the reports before it. A report whose write fails is
    /// rolled back alone (a savepoint per report) and reported as failed; the others of its transaction are kept.
    /// At most <see cref="InFlight"/> inputs and one transaction's reports are held in memory at once,
    /// whatever the number of inputs.</summary>
    /// <param name="open">Reads an item's bytes; an <see cref="InputRejectedException"/> makes the item a failure
    /// named by the item's text.</param>
    public async IAsyncEnumerable<IngestItemResult<T>> IngestManyAsync<T>(
        IEnumerable<T> items, Func<T, CancellationToken, Task<RawInput>> open, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(open);
        await using var preparation = new InOrderPreparation<T, (T Item, PreparedInput Prepared)>(
            items, (item, token) => PrepareItemAsync(item, open, token), InFlight, ct);
        await using var connection = await database.ConnectAsync(ct);
        await Database.SetWriterAsync(connection, writer: true);
        StoryStore.KeepWriterState(connection);
        await using var checkpoints = database.CheckpointInBackground();
        try
        {
            while (await preparation.NextAsync(p => p.Prepared.Reports.Count, MaxReportsPerTransaction) is { Count: > 0 } batch)
            {
                foreach (var result in await WriteBatchAsync(connection, batch, checkpoints, ct))
                {
                    yield return result;
                }
            }
        }
        finally
        {
            await Database.SetWriterAsync(connection, writer: false);
        }
    }

    private async Task<(T Item, PreparedInput Prepared)> PrepareItemAsync<T>(T item, Func<T, CancellationToken, Task<RawInput>> open, CancellationToken ct)
    {
        RawInput input;
        try
        {
            input = await open(item, ct);
        }
        catch (InputRejectedException e)
        {
            return (item, PreparedInput.Failed(item?.ToString() ?? "", e.Message));
        }

        return (item, Prepare(input));
    }

    private PreparedInput Prepare(RawInput input)
    {
        InputFormat format;
        IReadOnlyList<ParsedReport> reports;
        try
        {
            (format, reports) = FormatReader.ReadWithFormat(input, settings);
        }
        catch (InputRejectedException e)
        {
            return PreparedInput.Failed(input.Origin, e.Message);
        }

        return reports.Count == 0
            ? PreparedInput.Failed(input.Origin, "no report found in the input", format)
            : new PreparedInput(format, [.. reports.Select(r => PrepareReport(input, r))], null);
    }

    /// <summary>All the CPU work of one report, before any transaction: the write step only reads and writes rows.</summary>
    private PreparedReport PrepareReport(RawInput input, ParsedReport parsed)
    {
        var fingerprint = DedupFingerprint.Of(parsed.Title, parsed.Text);
        var now = time.GetUtcNow();
        // A report without a published time is read as of its arrival, so "on Wednesday" still resolves.
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
        var json = JsonSerializer.Serialize(analysis, JsonDefaults.Options);
        var features = StoryFeatures.Of(parsed.Title, parsed.Text, analysis, parsed.Published ?? now);
        return new PreparedReport(
            input.Origin,
            parsed,
            report,
            parsed.RawItem ?? input.Bytes,
            input.ContentType,
            fingerprint,
            json,
            features,
            now);
    }

    private async Task<IngestOutcome> WriteAloneAsync(PreparedReport report, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        // IMMEDIATE: take the write lock before reading, so the duplicate check and the insert are one atomic step.
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var outcome = await WriteAsync(connection, tx, report, ct);
        await StoryStore.WritePendingAsync(connection, tx);
        await tx.CommitAsync(ct);
        return outcome;
    }

    private async Task<List<IngestItemResult<T>>> WriteBatchAsync<T>(
        DbConnection connection, IReadOnlyList<(T Item, PreparedInput Prepared)> batch, WalCheckpointer checkpoints, CancellationToken ct)
    {
        var outcomes = batch.Select(b => new List<IngestOutcome>()).ToList();
        await using (var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                foreach (var report in batch[i].Prepared.Reports)
                {
                    outcomes[i].Add(await WriteInSavepointAsync(connection, tx, report, ct));
                }
            }

            try
            {
                await StoryStore.WritePendingAsync(connection, tx);
                await tx.CommitAsync(ct);
                checkpoints.Committed();
            }
            catch (DbException e)
            {
                // Nothing of the batch is stored; what was stored before is untouched.
                await tx.RollbackAsync(CancellationToken.None);
                StoryStore.ForgetKeptStates(connection);
                outcomes = [.. batch.Select(b => b.Prepared.Reports.Select(r => NotStored(r, e)).ToList())];
            }
        }

        return [.. batch.Select((b, i) => new IngestItemResult<T>(
            b.Item,
            b.Prepared.Rejected ?? new IngestResult(b.Prepared.Format, outcomes[i])))];
    }

    private async Task<IngestOutcome> WriteInSavepointAsync(DbConnection connection, DbTransaction tx, PreparedReport report, CancellationToken ct)
    {
        const string savepoint = "report";
        await tx.SaveAsync(savepoint, ct);
        await StoryStore.BeginReportAsync(connection, tx);
        try
        {
            var outcome = await WriteAsync(connection, tx, report, ct);
            await tx.ReleaseAsync(savepoint, ct);
            return outcome;
        }
        catch (DbException e)
        {
            await tx.RollbackAsync(savepoint, CancellationToken.None);
            await tx.ReleaseAsync(savepoint, CancellationToken.None);
            await StoryStore.UndoReportAsync(connection, tx);
            return NotStored(report, e);
        }
    }

    private static IngestOutcome NotStored(PreparedReport report, DbException e) =>
        new(report.Origin, IngestStatus.Failed, null, report.Parsed.Title, $"not stored: {e.Message}");

    /// <summary>The write step of one report inside an open write transaction: de-duplicate against everything
    /// stored (reports written earlier in the same transaction included), then store and assign to a story.</summary>
    private async Task<IngestOutcome> WriteAsync(DbConnection connection, DbTransaction tx, PreparedReport prepared, CancellationToken ct)
    {
        var decision = await Deduplicator.DecideAsync(connection, tx, prepared.Parsed, prepared.Fingerprint);
        var origin = prepared.Origin;
        var title = prepared.Parsed.Title;
        switch (decision.Verdict)
        {
            case DedupVerdict.Duplicate:
                return new IngestOutcome(origin, IngestStatus.Duplicate, decision.ReportId, title, decision.Reason);
            case DedupVerdict.Update:
                var version = await ReportStore.AddVersionAsync(connection, tx, decision.ReportId!.Value, prepared.Report, prepared.Raw, prepared.RawType, prepared.Fingerprint.BandHashes);
                Deduplicator.Stored(connection, decision.ReportId.Value, prepared.Fingerprint);
                await ReportStore.SaveAnalysisAsync(connection, tx, decision.ReportId.Value, Analyzer.Version, prepared.AnalysisJson, prepared.At);
                var kept = await _clusterer.AssignAsync(connection, tx, decision.ReportId.Value, prepared.StoryFeatures, ct);
                return new(origin, IngestStatus.Update, decision.ReportId, title, $"version {version}: {decision.Reason}") { Story = kept };
            default:
                var id = await ReportStore.InsertAsync(connection, tx, prepared.Report, prepared.Raw, prepared.RawType, prepared.Fingerprint.BandHashes);
                Deduplicator.Stored(connection, id, prepared.Fingerprint);
                await ReportStore.SaveAnalysisAsync(connection, tx, id, Analyzer.Version, prepared.AnalysisJson, prepared.At);
                var story = await _clusterer.AssignNewAsync(connection, tx, id, prepared.StoryFeatures, ct);
                return new(origin, IngestStatus.New, id, title, decision.Reason) { Story = story };
        }
    }

    private sealed record PreparedReport(
        string Origin, ParsedReport Parsed, Report Report, byte[] Raw, string? RawType, DedupFingerprint Fingerprint,
        string AnalysisJson, StoryFeatures StoryFeatures, DateTimeOffset At);

    /// <summary>An input after the CPU work: its reports ready to write, or the result that says why it has none.</summary>
    private sealed record PreparedInput(InputFormat? Format, IReadOnlyList<PreparedReport> Reports, IngestResult? Rejected)
    {
        public static PreparedInput Failed(string origin, string detail, InputFormat? format = null) =>
            new(format, [], new IngestResult(format, [new IngestOutcome(origin, IngestStatus.Failed, null, null, detail)]));
    }
}
