using System.Data;
using System.Data.Common;
using System.Text;
using Dapper;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>The batched writer's Bloom filter in front of the near-duplicate lookup: the writer's lookup must give the
/// SQL lookup's candidates for every stored report, for bands nothing carries, for reports another connection stored
/// after the filter was loaded, and after the writer's own inserts were rolled back.</summary>
public sealed class ReportBandFilterTests
{
    [Fact]
    public async Task The_filtered_lookup_gives_the_sql_lookups_candidates_for_every_stored_report_and_for_unknown_bands()
    {
        var store = await TestPipeline.CreateAsync();
        var stored = await IngestCorpusAsync(store);
        await using var sql = await store.Database.ConnectAsync();
        await using var writer = await store.Database.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        await using var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable);

        var found = 0;
        foreach (var bands in await StoredBandsAsync(sql))
        {
            var expected = await ReportStore.FindNearDuplicateCandidatesAsync(sql, null, bands);
            var actual = await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, bands);
            Assert.Equal(expected, actual);
            found += actual.Count > 0 ? 1 : 0;
        }

        Assert.True(found >= stored, $"only {found} of {stored} stored reports found by their own bands");
        var unknown = Enumerable.Range(0, MinHash.Bands).Select(b => (long)(0x1234_5678_9ABC + (b * 7919))).ToArray();
        Assert.Empty(await ReportStore.FindNearDuplicateCandidatesAsync(sql, null, unknown));
        Assert.Empty(await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, unknown));
    }

    [Fact]
    public async Task Reports_another_connection_stores_after_the_filter_is_loaded_are_found()
    {
        var store = await TestPipeline.CreateAsync();
        await IngestCorpusAsync(store);
        await using var writer = await store.Database.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        var (title, body) = ("Harbour authority opens new ferry terminal", "The harbour authority opened a new ferry terminal in Tallinn on Monday, its director said.\n\nThe terminal will handle four million passengers a year.");
        var bands = DedupFingerprint.Of(title, body).BandHashes;

        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            // Loads the filter: the report is not stored yet.
            Assert.Empty(await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, bands));
            await tx.CommitAsync();
        }

        // Another connection (the server, one report at a time) stores it.
        var outcome = (await store.Pipeline.IngestAsync(new RawInput("other.txt", Encoding.UTF8.GetBytes($"{title}\n\n{body}"), "text/plain"))).Outcomes.Single();
        Assert.Equal(IngestStatus.New, outcome.Status);

        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            Assert.Equal([outcome.ReportId!.Value], await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, bands));
        }
    }

    [Fact]
    public async Task A_report_stored_by_another_connection_after_the_writers_insert_was_rolled_back_is_found()
    {
        var store = await TestPipeline.CreateAsync();
        await IngestCorpusAsync(store);
        await using var writer = await store.Database.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        var (title, body) = ("Rail operator orders forty new trains", "The rail operator ordered forty new trains from a builder in Bautzen, its chief executive said on Friday.\n\nThe first trains will run in 2029.");
        var other = ("Museum reopens after roof repairs", "The city museum reopened on Saturday after two years of roof repairs, its curator said.\n\nEntry will be free for the first month.");
        var otherBands = DedupFingerprint.Of(other.Item1, other.Item2).BandHashes;

        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            Assert.Empty(await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, otherBands));
            var report = new Report
            {
                Title = title,
                Text = body,
                ReceivedAt = store.Time.GetUtcNow(),
                UpdatedAt = store.Time.GetUtcNow(),
                ContentHash = TextFingerprint.ContentHash(title, body),
            };
            await ReportStore.InsertAsync(writer, tx, report, Encoding.UTF8.GetBytes(body), "text/plain", DedupFingerprint.Of(title, body).BandHashes);
            await tx.RollbackAsync();
            StoryStore.ForgetKeptStates(writer);
        }

        // The rolled-back version's rowid is free again and the other connection's report takes it.
        var outcome = (await store.Pipeline.IngestAsync(new RawInput("other.txt", Encoding.UTF8.GetBytes($"{other.Item1}\n\n{other.Item2}"), "text/plain"))).Outcomes.Single();
        Assert.Equal(IngestStatus.New, outcome.Status);

        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            Assert.Equal([outcome.ReportId!.Value], await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, otherBands));
        }
    }

    private static async Task<List<long[]>> StoredBandsAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<(long ReportId, long Band, long Hash)>("SELECT report_id, band, hash FROM (SELECT * FROM report_bands UNION ALL SELECT * FROM report_bands_recent) ORDER BY report_id, band");
        return [.. rows.GroupBy(r => r.ReportId).Select(g => g.OrderBy(r => r.Band).Select(r => r.Hash).ToArray())];
    }

    private static async Task<int> IngestCorpusAsync(TestPipeline store)
    {
        var inputs = new List<RawInput>();
        foreach (var doc in Corpus.Documents.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            inputs.Add(new RawInput(doc.FilePath, await File.ReadAllBytesAsync(doc.FilePath), "application/json"));
        }

        var stored = 0;
        await foreach (var result in store.Pipeline.IngestManyAsync(inputs, (input, _) => Task.FromResult(input)))
        {
            stored += result.Result.Outcomes.Count(o => o.Status == IngestStatus.New);
        }

        return stored;
    }
}
