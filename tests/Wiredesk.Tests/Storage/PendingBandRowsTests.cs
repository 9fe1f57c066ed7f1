using System.Data;
using System.Text;
using Dapper;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>The batched writer holds a transaction's report_bands rows in memory until it commits: a later report of
/// the same transaction must still find the earlier ones as near-duplicate candidates, the rows must be in the table
/// after the commit, and a report whose savepoint is rolled back must leave no row behind.</summary>
public sealed class PendingBandRowsTests
{
    private static readonly (string Title, string Body) Ferry = ("Harbour authority opens new ferry terminal", "The harbour authority opened a new ferry terminal in Tallinn on Monday, its director said.\n\nThe terminal will handle four million passengers a year.");
    private static readonly (string Title, string Body) Trains = ("Rail operator orders forty new trains", "The rail operator ordered forty new trains from a builder in Bautzen, its chief executive said on Friday.\n\nThe first trains will run in 2029.");

    [Fact]
    public async Task A_report_stored_earlier_in_the_transaction_is_a_candidate_and_its_rows_are_written_at_the_commit()
    {
        var store = await TestPipeline.CreateAsync();
        await using var writer = await store.Database.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        var bands = DedupFingerprint.Of(Ferry.Title, Ferry.Body).BandHashes;
        long id;
        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            Assert.Empty(await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, bands));
            id = await ReportStore.InsertAsync(writer, tx, NewReport(store, Ferry), Encoding.UTF8.GetBytes(Ferry.Body), "text/plain", bands);
            Assert.Equal(0, await BandRowCountAsync(writer, tx, id));
            Assert.Equal([id], await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, bands));

            await StoryStore.WritePendingAsync(writer, tx);
            await tx.CommitAsync();
        }

        await using var reader = await store.Database.ConnectAsync();
        Assert.Equal(bands.Length, await BandRowCountAsync(reader, null, id));
        Assert.Equal([id], await ReportStore.FindNearDuplicateCandidatesAsync(reader, null, bands));
    }

    [Fact]
    public async Task A_report_whose_savepoint_is_rolled_back_leaves_no_band_row_and_is_no_candidate()
    {
        var store = await TestPipeline.CreateAsync();
        await using var writer = await store.Database.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        var kept = DedupFingerprint.Of(Ferry.Title, Ferry.Body).BandHashes;
        var dropped = DedupFingerprint.Of(Trains.Title, Trains.Body).BandHashes;
        long keptId;
        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            await StoryStore.BeginReportAsync(writer, tx);
            keptId = await ReportStore.InsertAsync(writer, tx, NewReport(store, Ferry), Encoding.UTF8.GetBytes(Ferry.Body), "text/plain", kept);

            await tx.SaveAsync("report");
            await StoryStore.BeginReportAsync(writer, tx);
            await ReportStore.InsertAsync(writer, tx, NewReport(store, Trains), Encoding.UTF8.GetBytes(Trains.Body), "text/plain", dropped);
            await tx.RollbackAsync("report");
            await tx.ReleaseAsync("report");
            await StoryStore.UndoReportAsync(writer, tx);

            Assert.Empty(await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, dropped));
            Assert.Equal([keptId], await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, kept));
            await StoryStore.WritePendingAsync(writer, tx);
            await tx.CommitAsync();
        }

        await using var reader = await store.Database.ConnectAsync();
        Assert.Equal(kept.Length, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands_recent") + await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands"));
        Assert.Equal(kept.Length, await BandRowCountAsync(reader, null, keptId));
    }

    private static Report NewReport(TestPipeline store, (string Title, string Body) text) => new()
    {
        Title = text.Title,
        Text = text.Body,
        ReceivedAt = store.Time.GetUtcNow(),
        UpdatedAt = store.Time.GetUtcNow(),
        ContentHash = TextFingerprint.ContentHash(text.Title, text.Body),
    };

    private static async Task<long> BandRowCountAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? tx, long id) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT (SELECT count(*) FROM report_bands_recent WHERE report_id = @id) + (SELECT count(*) FROM report_bands WHERE report_id = @id)", new { id }, tx);
}
