using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Wiredesk.Ingest;
using Wiredesk.Stories;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest;

/// <summary>The batched ingest path (parallel preparation, one writer, many reports per transaction) against the
/// one-report path: same outcomes, same stored rows, same stories; a report that fails to store costs only itself.</summary>
public sealed class BatchedIngestTests
{
    private const string MicrosoftTitle = "Microsoft to build $3 billion data centre in Ohio";
    private const string MicrosoftBody =
        "Microsoft will build a $3 billion data centre in Columbus, Ohio, chief executive Satya Nadella said on Tuesday.\n\n" +
        "Nadella said the Microsoft site would open in 2027 and employ 500 people. Ohio's governor welcomed the Microsoft investment.";

    private const string NadellaTitle = "Satya Nadella unveils Microsoft's $3 billion Ohio data centre";
    private const string NadellaBody =
        "Satya Nadella announced that Microsoft will spend $3 billion on a data centre near Columbus, Ohio.\n\n" +
        "The Microsoft data centre is due to open in 2027, Nadella told reporters in Columbus.";

    private const string FollowUpTitle = "Ohio lawmakers back Microsoft's $3 billion Columbus data centre";
    private const string FollowUpBody =
        "Ohio lawmakers voted to back the $3 billion Microsoft data centre in Columbus that Satya Nadella announced.\n\n" +
        "Microsoft said the Columbus data centre would still open in 2027.";

    private const string ExxonTitle = "Exxon Mobil lifts quarterly dividend";
    private const string ExxonBody =
        "Exxon Mobil raised its quarterly dividend by 4% on Tuesday, the oil company said in a statement from Texas.\n\n" +
        "Exxon Mobil said production in the United States reached a record in the quarter.";

    [Fact]
    public async Task The_corpus_with_re_sends_and_edits_gives_the_same_outcomes_rows_and_stories_as_one_by_one()
    {
        var inputs = await CorpusWithResendsAsync();
        var oneByOne = await TestPipeline.CreateAsync();
        var expected = new List<IngestResult>();
        foreach (var input in inputs)
        {
            expected.Add(await oneByOne.Pipeline.IngestAsync(input));
        }

        var batched = await TestPipeline.CreateAsync();
        var actual = await IngestManyAsync(batched, inputs);

        Assert.Equal(inputs.Select(i => i.Origin), actual.Select(r => r.Item.Origin));
        Assert.Equal(Describe(expected), Describe(actual.Select(r => r.Result)));
        var statuses = expected.SelectMany(r => r.Outcomes).Select(o => o.Status).ToList();
        Assert.Contains(IngestStatus.Duplicate, statuses);
        Assert.Contains(IngestStatus.Update, statuses);
        Assert.Contains(expected.SelectMany(r => r.Outcomes), o => o.Story?.Kind == StoryAssignmentKind.Joined);
        Assert.Equal(await StoredRowsAsync(oneByOne), await StoredRowsAsync(batched));
    }

    [Fact]
    public async Task Copies_and_reports_of_one_event_in_the_same_batch_dedupe_and_share_a_story()
    {
        var store = await TestPipeline.CreateAsync();
        var results = await IngestManyAsync(store, [
            Text("first.txt", MicrosoftTitle, MicrosoftBody),
            Text("copy.txt", MicrosoftTitle, MicrosoftBody),
            Text("edited.txt", MicrosoftTitle, MicrosoftBody.Replace("500 people", "600 people", StringComparison.Ordinal)),
            Text("other.txt", ExxonTitle, ExxonBody),
            Text("second.txt", NadellaTitle, NadellaBody),
        ]);

        var outcomes = results.Select(r => Assert.Single(r.Result.Outcomes)).ToList();
        Assert.Equal(
            [IngestStatus.New, IngestStatus.Duplicate, IngestStatus.Update, IngestStatus.New, IngestStatus.New],
            outcomes.Select(o => o.Status));
        Assert.Equal(outcomes[0].ReportId, outcomes[1].ReportId);
        Assert.Equal(outcomes[0].ReportId, outcomes[2].ReportId);
        Assert.Equal(StoryAssignmentKind.Joined, outcomes[4].Story!.Kind);
        Assert.Equal(outcomes[0].Story!.StoryId, outcomes[4].Story!.StoryId);
        Assert.NotEqual(outcomes[0].Story!.StoryId, outcomes[3].Story!.StoryId);
        Assert.Equal(3, await store.Reports.CountAsync());
        Assert.Equal(2, await store.Reports.VersionCountAsync(outcomes[0].ReportId!.Value));
        // The current version's text is the report's own; the version it replaced kept its text in its own row.
        Assert.Equal(MicrosoftBody, await store.Reports.VersionTextAsync(outcomes[0].ReportId!.Value, 1));
        Assert.Equal(MicrosoftBody.Replace("500 people", "600 people", StringComparison.Ordinal), await store.Reports.VersionTextAsync(outcomes[0].ReportId!.Value, 2));
    }

    [Fact]
    public async Task A_report_that_fails_to_store_is_rolled_back_alone_and_the_rest_of_its_batch_is_kept()
    {
        var store = await TestPipeline.CreateAsync();
        var before = await store.IngestTextAsync(ExxonTitle, ExxonBody, "before.txt");
        var rowsBefore = await StoredRowsAsync(store);
        await using (var connection = await store.Database.ConnectAsync())
        {
            // A failure in the last write of a report (its story membership), after its report rows are written.
            await connection.ExecuteAsync(
                """
                CREATE TRIGGER poison BEFORE INSERT ON story_reports
                WHEN (SELECT title FROM reports WHERE id = NEW.report_id) LIKE 'Satya Nadella%'
                BEGIN SELECT RAISE(ABORT, 'poisoned report'); END
                """);
        }

        var results = await IngestManyAsync(store, [
            Text("first.txt", MicrosoftTitle, MicrosoftBody),
            Text("poisoned.txt", NadellaTitle, NadellaBody),
            Text("follow-up.txt", FollowUpTitle, FollowUpBody),
        ]);

        var outcomes = results.Select(r => Assert.Single(r.Result.Outcomes)).ToList();
        Assert.Equal([IngestStatus.New, IngestStatus.Failed, IngestStatus.New], outcomes.Select(o => o.Status));
        Assert.Contains("poisoned report", outcomes[1].Detail, StringComparison.Ordinal);
        Assert.Null(outcomes[1].ReportId);
        Assert.Equal(outcomes[0].Story!.StoryId, outcomes[2].Story!.StoryId);

        await using var check = await store.Database.ConnectAsync();
        Assert.Equal(3, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM reports"));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM reports WHERE title = @NadellaTitle", new { NadellaTitle }));
        Assert.Equal(3, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM report_analyses"));
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands WHERE report_id NOT IN (SELECT id FROM reports)"));
        // The story counts the two stored reports only: the failed report's join was undone with it, in the row and
        // in what the writer kept in memory for the next report.
        var story = (await new Wiredesk.Storage.StoryStore(store.Database).GetAsync(outcomes[0].Story!.StoryId))!;
        Assert.Equal(2, story.ReportCount);
        Assert.Equal([outcomes[0].ReportId!.Value, outcomes[2].ReportId!.Value], story.Timeline.Select(t => t.Report).Order());
        var profileReports = await check.ExecuteScalarAsync<long>(
            "SELECT json_extract(profile, '$.reports') FROM stories WHERE id = @id", new { id = story.Id });
        Assert.Equal(2, profileReports);
        // What was stored before the batch is untouched.
        var rowsAfter = await StoredRowsAsync(store);
        Assert.Contains(rowsBefore.Single(r => r.StartsWith($"report {before.ReportId} ", StringComparison.Ordinal)), rowsAfter);
    }

    [Fact]
    public async Task A_report_rolled_back_after_its_keys_were_indexed_leaves_the_same_stories_as_never_sending_it()
    {
        // The writer keeps the candidate index and the joined stories in memory: a report that fails after its story
        // and key rows were written (and kept in memory) must leave no trace there either.
        var corpus = await CorpusWithResendsAsync();
        // It names someone the story has not named yet, so its write adds keys (and their counts, where it fails).
        var poisoned = Text("poisoned.txt", NadellaTitle, $"{NadellaBody}\n\nChief financial officer Amy Hood said the Columbus site was on budget.");
        var half = corpus.Count / 2;
        List<RawInput> inputs = [.. corpus.Take(half), Text("first.txt", MicrosoftTitle, MicrosoftBody), poisoned, Text("follow-up.txt", FollowUpTitle, FollowUpBody), .. corpus.Skip(half)];

        var oneByOne = await TestPipeline.CreateAsync();
        var expected = new List<IngestResult>();
        foreach (var input in inputs.Where(i => i != poisoned))
        {
            expected.Add(await oneByOne.Pipeline.IngestAsync(input));
        }

        var batched = await TestPipeline.CreateAsync();
        await using (var connection = await batched.Database.ConnectAsync())
        {
            await connection.ExecuteAsync(
                """
                CREATE TRIGGER poison BEFORE INSERT ON story_key_counts
                WHEN EXISTS (SELECT 1 FROM reports WHERE title LIKE 'Satya Nadella%')
                BEGIN SELECT RAISE(ABORT, 'poisoned report'); END
                """);
        }

        var actual = await IngestManyAsync(batched, inputs);

        var failed = Assert.Single(actual, r => r.Item == poisoned);
        Assert.Equal(IngestStatus.Failed, Assert.Single(failed.Result.Outcomes).Status);
        Assert.Equal(Describe(expected), Describe(actual.Where(r => r.Item != poisoned).Select(r => r.Result)));
        Assert.Contains(expected.SelectMany(r => r.Outcomes), o => o.Origin == "follow-up.txt" && o.Story?.Kind == StoryAssignmentKind.Joined);
        await using (var connection = await batched.Database.ConnectAsync())
        {
            await connection.ExecuteAsync("DROP TRIGGER poison");
        }

        Assert.Equal(await StoredRowsAsync(oneByOne), await StoredRowsAsync(batched));
    }

    [Fact]
    public async Task A_second_batched_ingest_over_the_same_file_continues_as_one_by_one_would()
    {
        // The second writer starts with nothing in memory and loads the candidate index from the file as it goes.
        var inputs = await CorpusWithResendsAsync();
        var oneByOne = await TestPipeline.CreateAsync();
        var expected = new List<IngestResult>();
        foreach (var input in inputs)
        {
            expected.Add(await oneByOne.Pipeline.IngestAsync(input));
        }

        var settings = new Settings { DataFolder = TestPaths.NewTempFolder() };
        var first = await TestPipeline.CreateAsync(settings);
        var half = inputs.Count / 2;
        var actual = await IngestManyAsync(first, inputs.Take(half).ToList());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var second = await TestPipeline.CreateAsync(settings);
        actual.AddRange(await IngestManyAsync(second, inputs.Skip(half).ToList()));

        Assert.Equal(Describe(expected), Describe(actual.Select(r => r.Result)));
        Assert.Equal(await StoredRowsAsync(oneByOne), await StoredRowsAsync(second));
    }

    [Fact]
    public async Task Results_come_back_in_input_order_and_an_input_that_cannot_be_opened_fails_alone()
    {
        var store = await TestPipeline.CreateAsync();
        var names = new[] { "a.txt", "missing.txt", "empty.txt", "b.txt" };
        var results = new List<IngestItemResult<string>>();
        await foreach (var result in store.Pipeline.IngestManyAsync(names, OpenAsync))
        {
            results.Add(result);
        }

        Assert.Equal(names, results.Select(r => r.Item));
        Assert.Equal(
            [IngestStatus.New, IngestStatus.Failed, IngestStatus.Failed, IngestStatus.New],
            results.Select(r => Assert.Single(r.Result.Outcomes).Status));
        Assert.Equal("missing.txt", results[1].Result.Outcomes[0].Origin);
        Assert.Equal("no such file", results[1].Result.Outcomes[0].Detail);
        Assert.Null(results[1].Result.Format);
        Assert.Equal(2, await store.Reports.CountAsync());

        static Task<RawInput> OpenAsync(string name, CancellationToken ct) => name switch
        {
            "a.txt" => Task.FromResult(Text(name, MicrosoftTitle, MicrosoftBody)),
            "b.txt" => Task.FromResult(Text(name, ExxonTitle, ExxonBody)),
            "empty.txt" => Task.FromResult(new RawInput(name, [])),
            _ => throw new InputRejectedException("no such file"),
        };
    }

    private static RawInput Text(string origin, string title, string body) =>
        new(origin, Encoding.UTF8.GetBytes($"{title}\n\n{body}"), "text/plain");

    private static async Task<List<IngestItemResult<RawInput>>> IngestManyAsync(TestPipeline store, IReadOnlyList<RawInput> inputs)
    {
        var results = new List<IngestItemResult<RawInput>>();
        await foreach (var result in store.Pipeline.IngestManyAsync(inputs, (input, _) => Task.FromResult(input)))
        {
            results.Add(result);
        }

        return results;
    }

    /// <summary>Every corpus file, with an exact re-send right after every fifth one and an edited re-send (same id,
    /// a changed figure) right after every seventh: duplicates and updates meet their originals in one batch.</summary>
    private static async Task<List<RawInput>> CorpusWithResendsAsync()
    {
        var inputs = new List<RawInput>();
        var docs = Corpus.Documents.OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        for (var i = 0; i < docs.Count; i++)
        {
            var bytes = await File.ReadAllBytesAsync(docs[i].FilePath);
            inputs.Add(new RawInput(docs[i].FilePath, bytes, "application/json"));
            if (i % 5 == 0)
            {
                inputs.Add(new RawInput($"{docs[i].FilePath} (re-sent)", bytes, "application/json"));
            }

            if (i % 7 == 0)
            {
                var edited = JsonNode.Parse(bytes)!;
                edited["body"] = $"{docs[i].Body}\n\nThis report was corrected after publication.";
                inputs.Add(new RawInput($"{docs[i].FilePath} (edited)", Encoding.UTF8.GetBytes(edited.ToJsonString()), "application/json"));
            }
        }

        return inputs;
    }

    private static List<string> Describe(IEnumerable<IngestResult> results) =>
        [.. results.SelectMany(r => r.Outcomes.Select(o =>
            $"{r.Format} {o.Origin} {o.Status} report {o.ReportId} {o.Detail} story {o.Story?.StoryId} {o.Story?.Kind} {o.Story?.Match}"))];

    /// <summary>What the store holds, row by row, in a comparable text form.</summary>
    private static async Task<List<string>> StoredRowsAsync(TestPipeline store)
    {
        await using var connection = await store.Database.ConnectAsync();
        var rows = new List<string>();
        rows.AddRange(await connection.QueryAsync<string>(
            "SELECT 'report ' || id || ' ' || version || ' ' || content_hash || ' ' || title || ' ' || received_at || ' ' || length(raw) || ' ' || text FROM reports ORDER BY id"));
        rows.AddRange(await connection.QueryAsync<string>(
            """
            SELECT 'version ' || v.report_id || ' ' || v.version || ' ' || v.content_hash || ' ' ||
                   CASE WHEN v.version = r.version THEN 'current' ELSE length(v.raw) || ' ' || v.text END
            FROM report_versions v JOIN reports r ON r.id = v.report_id ORDER BY v.report_id, v.version
            """));
        rows.AddRange(await connection.QueryAsync<string>("SELECT 'band ' || band || ' ' || hash || ' ' || report_id FROM (SELECT * FROM report_bands UNION ALL SELECT * FROM report_bands_recent) ORDER BY band, hash, report_id"));
        rows.AddRange(await connection.QueryAsync<string>("SELECT 'analysis ' || report_id || ' ' || analysis FROM report_analyses ORDER BY report_id"));
        rows.AddRange(await connection.QueryAsync<string>(
            "SELECT 'story ' || id || ' ' || title || ' ' || lead_report_id || ' ' || report_count || ' ' || first_seen || ' ' || last_updated || ' ' || entities || ' ' || profile FROM stories ORDER BY id"));
        rows.AddRange(await connection.QueryAsync<string>(
            "SELECT 'member ' || report_id || ' ' || story_id || ' ' || at || ' ' || coalesce(score, '-') FROM story_reports ORDER BY report_id"));
        rows.AddRange(await connection.QueryAsync<string>("SELECT 'key ' || key || ' ' || story_id || ' ' || first_seen || ' ' || last_seen FROM story_keys ORDER BY key, story_id"));
        rows.AddRange(await connection.QueryAsync<string>("SELECT 'count ' || key || ' ' || stories FROM story_key_counts ORDER BY key"));
        return rows;
    }
}
