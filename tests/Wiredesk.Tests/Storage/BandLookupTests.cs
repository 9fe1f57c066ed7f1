using System.Data;
using Dapper;
using Wiredesk.Ingest;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>Band rows live in two tables (report_bands_recent, moved in bulk to report_bands): a lookup must search
/// both, rank what it finds, and find the same candidates before and after a move.</summary>
public sealed class BandLookupTests
{
    [Fact]
    public async Task Candidates_come_from_both_tables_most_shared_bands_first_then_newest_and_at_most_sixteen()
    {
        var store = await TestPipeline.CreateAsync();
        var query = Enumerable.Range(0, 32).Select(b => 1_000_000L + b).ToArray();
        await using var connection = await store.Database.ConnectAsync();
        // Reports 1-20 share band 0; report 3 also shares bands 1-5 (its rows split over both tables), report 7 bands 1-2.
        await connection.ExecuteAsync("INSERT INTO report_bands (band, hash, report_id) VALUES (0, @hash, @id)", Enumerable.Range(1, 20).Select(id => new { hash = query[0], id }));
        await connection.ExecuteAsync("INSERT INTO report_bands (band, hash, report_id) VALUES (@band, @hash, 3)", Enumerable.Range(1, 2).Select(band => new { band, hash = query[band] }));
        await connection.ExecuteAsync("INSERT INTO report_bands_recent (band, hash, report_id) VALUES (@band, @hash, 3)", Enumerable.Range(3, 3).Select(band => new { band, hash = query[band] }));
        await connection.ExecuteAsync("INSERT INTO report_bands_recent (band, hash, report_id) VALUES (@band, @hash, 7)", Enumerable.Range(1, 2).Select(band => new { band, hash = query[band] }));
        // A row of another band with the same hash is no match.
        await connection.ExecuteAsync("INSERT INTO report_bands_recent (band, hash, report_id) VALUES (9, @hash, 50)", new { hash = query[0] });

        var candidates = await ReportStore.FindNearDuplicateCandidatesAsync(connection, null, query);

        Assert.Equal(ReportStore.MaxCandidates, candidates.Count);
        Assert.Equal([3L, 7L, 20L, 19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 6L], candidates);
    }

    [Fact]
    public async Task A_crowd_of_older_rows_never_hides_a_report_of_the_recent_table_or_of_the_open_transaction()
    {
        var store = await TestPipeline.CreateAsync();
        var query = Enumerable.Range(0, 32).Select(b => 2_000_000L + b).ToArray();
        await using var writer = await store.Database.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        // 1,100 old reports share band 0: more rows than one lookup reads.
        await writer.ExecuteAsync("INSERT INTO report_bands (band, hash, report_id) VALUES (0, @hash, @id)", Enumerable.Range(1, 1100).Select(id => new { hash = query[0], id }));
        await writer.ExecuteAsync("INSERT INTO report_bands_recent (band, hash, report_id) VALUES (0, @hash, 3000)", new { hash = query[0] });

        await using var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable);
        Assert.Equal(3000, (await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, query))[0]);

        // A copy stored earlier in the same transaction shares every band: it comes first, then the recent table's.
        StoryStateCache.Of(writer).PendingBands!.Add(4000, query);
        var candidates = await ReportStore.FindNearDuplicateCandidatesAsync(writer, tx, query);
        Assert.Equal([4000L, 3000L], candidates.Take(2));
        Assert.Equal(ReportStore.MaxCandidates, candidates.Count);
    }

    [Fact]
    public async Task Rows_move_to_the_band_index_when_the_recent_table_is_full_and_every_lookup_finds_the_same_candidates()
    {
        var store = await TestPipeline.CreateAsync();
        var inputs = new List<RawInput>();
        foreach (var doc in Corpus.Documents.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            inputs.Add(new RawInput(doc.FilePath, await File.ReadAllBytesAsync(doc.FilePath), "application/json"));
        }

        await foreach (var _ in store.Pipeline.IngestManyAsync(inputs, (input, _) => Task.FromResult(input)))
        {
        }

        await using var connection = await store.Database.ConnectAsync();
        var bands = (await connection.QueryAsync<(long ReportId, long Band, long Hash)>("SELECT report_id, band, hash FROM report_bands_recent ORDER BY report_id, band"))
            .GroupBy(r => r.ReportId)
            .Select(g => g.Select(r => r.Hash).ToArray())
            .ToList();
        Assert.Equal(Corpus.Documents.Count, bands.Count);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands"));
        var before = new List<IReadOnlyList<long>>();
        foreach (var hashes in bands)
        {
            before.Add(await ReportStore.FindNearDuplicateCandidatesAsync(connection, null, hashes));
        }

        var rows = bands.Count * 32;
        await using (var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            PendingBandRows.MoveIfFull(connection, rows + 1);
            Assert.Equal(rows, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands_recent", transaction: tx));
            PendingBandRows.MoveIfFull(connection, rows);
            await tx.CommitAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands_recent"));
        Assert.Equal(rows, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands"));
        for (var i = 0; i < bands.Count; i++)
        {
            Assert.Equal(before[i], await ReportStore.FindNearDuplicateCandidatesAsync(connection, null, bands[i]));
        }
    }

    [Fact]
    public async Task The_writer_moves_its_rows_once_the_recent_table_holds_the_rows_it_moves_at()
    {
        var store = await TestPipeline.CreateAsync();
        await using var connection = await store.Database.ConnectAsync();
        var pending = new PendingBandRows(moveAtRows: 3 * 32);
        await using (var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            pending.Add(1, [.. Enumerable.Range(0, 32).Select(b => 10L + b)]);
            pending.Add(2, [.. Enumerable.Range(0, 32).Select(b => 100L + b)]);
            pending.Write(connection);
            Assert.Equal(64, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands_recent", transaction: tx));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands", transaction: tx));

            pending.Add(3, [.. Enumerable.Range(0, 32).Select(b => 1000L + b)]);
            pending.Write(connection);
            await tx.CommitAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands_recent"));
        Assert.Equal(96, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands"));
        Assert.Equal([2L], await ReportStore.FindNearDuplicateCandidatesAsync(connection, null, [.. Enumerable.Range(0, 32).Select(b => 100L + b)]));
        Assert.Equal(0, pending.Count);
    }
}
