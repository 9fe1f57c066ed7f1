using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using Wiredesk.Ingest;
using Wiredesk.Storage;
using Wiredesk.Stories;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>The batched writer's candidate index in memory against the SQL lookup it replaces: the same stories for
/// the same keys and window, while the index loads keys lazily, moves its floor forward, falls back to SQL for a window
/// before its floor, takes the writer's own writes, is dropped after a rollback, and is loaded again by a new
/// writer over the same file.</summary>
public sealed class StoryKeyIndexTests
{
    [Fact]
    public async Task The_index_in_memory_gives_the_sql_lookups_candidates_for_every_key_and_window_over_a_reopened_store()
    {
        var settings = new Settings { DataFolder = TestPaths.NewTempFolder() };
        var store = await TestPipeline.CreateAsync(settings);
        await IngestCorpusAsync(store);

        // A new writer over the same file, as a new process would open it: nothing kept from the ingest.
        SqliteConnection.ClearAllPools();
        var reopened = await Database.OpenAsync(settings.DatabasePath);
        await using var sql = await reopened.ConnectAsync();
        await using var writer = await reopened.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        await using var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable);

        var rows = (await sql.QueryAsync<(string Key, string First, string Last)>("SELECT key, first_seen, last_seen FROM story_keys")).ToList();
        var keys = rows.Select(r => r.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var days = rows.SelectMany(r => new[] { Day(r.First), Day(r.Last) }).Distinct().Order().ToList();
        Assert.True(keys.Count > 100, $"only {keys.Count} keys indexed");
        Assert.True(days[^1].DayNumber - days[0].DayNumber > 2 * StoryKeyIndex.SlackDays, "the corpus days do not span enough to move the floor");

        // Windows move forward over every day the index holds (the floor follows them and drops rows behind it),
        // with keys no story carries mixed in; then windows that start before the floor (answered by SQL).
        var windows = days.Select(d => (From: d.AddDays(-3), To: d.AddDays(3))).ToList();
        windows.AddRange(days.Take(3).Select(d => (From: d.AddDays(-3), To: d.AddDays(3))));
        var nonEmpty = 0;
        foreach (var (from, to) in windows)
        {
            foreach (var chunk in keys.Append("person:nobody-at-all").Chunk(Clusterer.LookupKeys))
            {
                var expected = await StoryStore.CandidatesBySqlAsync(sql, null, chunk, from, to);
                var actual = await StoryStore.CandidatesForAsync(writer, tx, chunk, from, to);
                Assert.Equal(expected, actual);
                nonEmpty += expected.Count > 0 ? 1 : 0;
            }
        }

        Assert.True(nonEmpty > 10, $"only {nonEmpty} lookups found a story");
        var index = StoryStateCache.Of(writer).KeyIndex!;
        Assert.True(index.KeyCount > 0, "the lookups never used the index in memory");
        Assert.True(index.Floor > days[0].DayNumber, "the floor never moved forward");
    }

    [Fact]
    public async Task The_index_takes_the_writers_own_writes_and_is_exact_again_after_a_report_or_a_transaction_is_rolled_back()
    {
        var store = await TestPipeline.CreateAsync();
        await IngestCorpusAsync(store);
        await using var writer = await store.Database.ConnectAsync();
        StoryStore.KeepWriterState(writer);
        var clusterer = new Clusterer(store.Settings);
        const string title = "Microsoft to build $3 billion data centre in Ohio";
        const string body = "Microsoft will build a $3 billion data centre in Columbus, Ohio, chief executive Satya Nadella said on Tuesday.\n\n" +
            "Nadella said the Microsoft site would open in 2027 and employ 500 people in Columbus.";
        var (features, report) = Prepare(store, title, body);
        var bands = Wiredesk.Ingest.Dedup.DedupFingerprint.Of(title, body).BandHashes;
        long rolledBack;

        // A report stored and put on a story under a savepoint that is then rolled back, as the batched writer does
        // when a report's write fails: its story and key rows are gone, and so are they from the index.
        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            await AssertSameAsSqlAsync(writer, tx, features);
            await tx.SaveAsync("report");
            await StoryStore.BeginReportAsync(writer, tx);
            var id = await ReportStore.InsertAsync(writer, tx, report, Encoding.UTF8.GetBytes(body), "text/plain", bands);
            var started = await clusterer.AssignNewAsync(writer, tx, id, features);
            Assert.Equal(StoryAssignmentKind.Started, started.Kind);
            Assert.Contains(await AssertSameAsSqlAsync(writer, tx, features), c => c.StoryId == started.StoryId);

            await tx.RollbackAsync("report");
            await tx.ReleaseAsync("report");
            await StoryStore.UndoReportAsync(writer, tx);
            Assert.DoesNotContain(await AssertSameAsSqlAsync(writer, tx, features), c => c.StoryId == started.StoryId);

            // The same report written for good in this transaction, then the whole transaction rolled back.
            await StoryStore.BeginReportAsync(writer, tx);
            id = await ReportStore.InsertAsync(writer, tx, report, Encoding.UTF8.GetBytes(body), "text/plain", bands);
            started = await clusterer.AssignNewAsync(writer, tx, id, features);
            Assert.Contains(await AssertSameAsSqlAsync(writer, tx, features), c => c.StoryId == started.StoryId);
            rolledBack = started.StoryId;
            await tx.RollbackAsync();
            StoryStore.ForgetKeptStates(writer);
        }

        await using (var tx = await writer.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            Assert.DoesNotContain(await AssertSameAsSqlAsync(writer, tx, features), c => c.StoryId == rolledBack);
            Assert.Equal(0, await writer.ExecuteScalarAsync<long>("SELECT count(*) FROM stories WHERE id = @rolledBack", new { rolledBack }, tx));
        }
    }

    /// <summary>Looks the report's keys up both ways on the writer's connection (SQL sees the open transaction too).</summary>
    private static async Task<IReadOnlyList<(long StoryId, string Key)>> AssertSameAsSqlAsync(DbConnection writer, DbTransaction tx, StoryFeatures features)
    {
        var keys = features.Keys.Where(k => k.Kind != KeyKind.Figure).Select(k => k.Key).Concat(features.PairKeys).Distinct(StringComparer.Ordinal).ToList();
        var (from, to) = (features.FirstEventDay.AddDays(-3), features.LastEventDay.AddDays(3));
        var expected = await StoryStore.CandidatesBySqlAsync(writer, tx, keys, from, to);
        var actual = await StoryStore.CandidatesForAsync(writer, tx, keys, from, to);
        Assert.Equal(expected, actual);
        Assert.True(StoryStateCache.Of(writer).KeyIndex!.KeyCount > 0, "the lookup did not use the index in memory");
        return actual;
    }

    private static (StoryFeatures Features, Report Report) Prepare(TestPipeline store, string title, string body)
    {
        // Far from every corpus day, so the report starts a story of its own.
        var at = store.Time.GetUtcNow().AddDays(400);
        var analysis = TestPipeline.SharedAnalyzer.Value.Analyze(title, body, at);
        var report = new Report
        {
            Title = title,
            Text = body,
            ReceivedAt = at,
            UpdatedAt = at,
            ContentHash = Wiredesk.Ingest.Dedup.TextFingerprint.ContentHash(title, body),
        };
        return (StoryFeatures.Of(title, body, analysis, at), report);
    }

    private static async Task IngestCorpusAsync(TestPipeline store)
    {
        var inputs = new List<RawInput>();
        foreach (var doc in Corpus.Documents.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            inputs.Add(new RawInput(doc.FilePath, await File.ReadAllBytesAsync(doc.FilePath), "application/json"));
        }

        await foreach (var result in store.Pipeline.IngestManyAsync(inputs, (input, _) => Task.FromResult(input)))
        {
            Assert.All(result.Result.Outcomes, o => Assert.NotEqual(IngestStatus.Failed, o.Status));
        }
    }

    [Theory]
    [InlineData("person:a", 7, true)]
    [InlineData("person:a", 8, false)]
    [InlineData("person:b", 7, false)]
    public void Carries_is_true_only_for_a_kept_row_of_a_loaded_key(string key, long storyId, bool expected)
    {
        var index = new StoryKeyIndex();
        Assert.True(index.Covers(Day("2025-03-01").DayNumber));
        index.Load("person:a", [(7, Day("2025-03-01").DayNumber, Day("2025-03-02").DayNumber)]);

        Assert.Equal(expected, index.Carries(key, storyId));
    }

    [Fact]
    public void Carries_follows_the_writers_own_writes_and_a_floor_move()
    {
        var index = new StoryKeyIndex();
        var start = Day("2025-03-01").DayNumber;
        index.Covers(start);
        index.Load("org:x", []);
        Assert.False(index.Carries("org:x", 3));

        index.Apply("org:x", 3, start, start + 1);
        Assert.True(index.Carries("org:x", 3));

        // Far enough ahead the floor moves past the row's span: the row is dropped (the table still has it).
        index.Covers(start + (3 * StoryKeyIndex.SlackDays));
        Assert.False(index.Carries("org:x", 3));
    }

    private static DateOnly Day(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
