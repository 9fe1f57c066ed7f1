using Dapper;
using Wiredesk.Ingest;
using Wiredesk.Storage;
using Wiredesk.Stories;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Stories;

/// <summary>Story assignment through the real ingest pipeline and a real SQLite store.</summary>
public sealed class ClustererTests
{
    private const string FirstTitle = "Microsoft to build $3 billion data centre in Ohio";
    private const string FirstBody =
        "Microsoft will build a $3 billion data centre in Columbus, Ohio, chief executive Satya Nadella said on Tuesday.\n\n" +
        "Nadella said the Microsoft site would open in 2027 and employ 500 people. Ohio's governor welcomed the Microsoft investment.";

    private const string SecondTitle = "Satya Nadella unveils Microsoft's $3 billion Ohio data centre";
    private const string SecondBody =
        "Satya Nadella announced that Microsoft will spend $3 billion on a data centre near Columbus, Ohio.\n\n" +
        "The Microsoft data centre is due to open in 2027, Nadella told reporters in Columbus.";

    private const string OtherTitle = "Exxon Mobil lifts quarterly dividend";
    private const string OtherBody =
        "Exxon Mobil raised its quarterly dividend by 4% on Tuesday, the oil company said in a statement from Texas.\n\n" +
        "Exxon Mobil said production in the United States reached a record in the quarter.";

    [Fact]
    public async Task Reports_on_one_event_join_and_the_timeline_runs_in_time_order_under_the_first_reports_title()
    {
        var store = await TestPipeline.CreateAsync();
        var first = await store.IngestTextAsync(FirstTitle, FirstBody, "first.txt");
        store.Time.Advance(TimeSpan.FromHours(3));
        var other = await store.IngestTextAsync(OtherTitle, OtherBody, "other.txt");
        store.Time.Advance(TimeSpan.FromHours(2));
        var second = await store.IngestTextAsync(SecondTitle, SecondBody, "second.txt");

        Assert.Equal(StoryAssignmentKind.Started, first.Story!.Kind);
        Assert.Equal(StoryAssignmentKind.Joined, second.Story!.Kind);
        Assert.Equal(first.Story.StoryId, second.Story.StoryId);
        Assert.NotEqual(first.Story.StoryId, other.Story!.StoryId);

        var story = (await new StoryStore(store.Database).GetAsync(first.Story.StoryId))!;
        Assert.Equal(FirstTitle, story.Title);
        Assert.Equal(2, story.ReportCount);
        Assert.Equal([first.ReportId!.Value, second.ReportId!.Value], story.Timeline.Select(t => t.Report));
        Assert.True(story.Timeline[0].At < story.Timeline[1].At);
        Assert.Equal(story.Timeline[0].At, story.FirstSeen);
        Assert.Equal(story.Timeline[1].At, story.LastUpdated);
        Assert.Contains(story.Entities, e => e.Id.Contains("microsoft", StringComparison.OrdinalIgnoreCase) || e.Name == "Microsoft");
    }

    [Fact]
    public async Task The_same_reports_further_apart_than_the_window_are_separate_stories()
    {
        var store = await TestPipeline.CreateAsync();
        var first = await store.IngestTextAsync(FirstTitle, FirstBody, "first.txt");
        store.Time.Advance(store.Settings.StoryWindow + TimeSpan.FromDays(2));
        var later = await store.IngestTextAsync(SecondTitle, SecondBody, "second.txt");

        Assert.Equal(StoryAssignmentKind.Started, later.Story!.Kind);
        Assert.NotEqual(first.Story!.StoryId, later.Story.StoryId);
    }

    [Fact]
    public async Task A_new_version_of_a_report_keeps_its_story()
    {
        var store = await TestPipeline.CreateAsync();
        var first = await store.IngestTextAsync(FirstTitle, FirstBody, "first.txt");
        store.Time.Advance(TimeSpan.FromHours(1));
        var second = await store.IngestTextAsync(SecondTitle, SecondBody, "second.txt");
        store.Time.Advance(TimeSpan.FromHours(1));
        var corrected = await store.IngestTextAsync(FirstTitle, FirstBody + "\n\nThe company later said the site would employ 600 people, not 500.", "first-corrected.txt");

        Assert.Equal(IngestStatus.Update, corrected.Status);
        Assert.Equal(first.ReportId, corrected.ReportId);
        Assert.Equal(StoryAssignmentKind.Kept, corrected.Story!.Kind);
        Assert.Equal(first.Story!.StoryId, corrected.Story.StoryId);
        var story = (await new StoryStore(store.Database).GetAsync(first.Story.StoryId))!;
        Assert.Equal(second.Story!.StoryId, story.Id);
        Assert.Equal(2, story.Timeline.Count);
        Assert.Equal(2, story.ReportCount);
    }

    [Fact]
    public async Task An_earlier_published_report_ingested_later_leads_the_story_and_the_timeline_follows_published_time()
    {
        var store = await TestPipeline.CreateAsync();
        var later = await IngestJsonAsync(store, SecondTitle, SecondBody, "2025-03-11T10:00:00Z");
        var earlier = await IngestJsonAsync(store, FirstTitle, FirstBody, "2025-03-11T08:00:00Z");

        Assert.Equal(StoryAssignmentKind.Joined, earlier.Story!.Kind);
        var story = (await new StoryStore(store.Database).GetAsync(later.Story!.StoryId))!;
        Assert.Equal(FirstTitle, story.Title);
        Assert.Equal([earlier.ReportId!.Value, later.ReportId!.Value], story.Timeline.Select(t => t.Report));
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 8, 0, 0, TimeSpan.Zero), story.FirstSeen);
        Assert.Equal(new DateTimeOffset(2025, 3, 11, 10, 0, 0, TimeSpan.Zero), story.LastUpdated);
    }

    [Fact]
    public async Task Candidate_lookup_is_an_index_search_per_key_not_a_scan_and_never_visits_the_table()
    {
        var store = await TestPipeline.CreateAsync();
        await using var connection = await store.Database.ConnectAsync();
        var p = new DynamicParameters(new { from = "2025-01-01", to = "2025-01-09", perKey = StoryStore.StoriesPerKey, k0 = "person:a", k1 = "org:b", k2 = "country:C" });
        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>($"EXPLAIN QUERY PLAN {StoryStore.CandidateQuery(3)}", p))
            .Select(row => row.Detail.Trim())
            .ToList();

        Assert.Equal(3, plan.Count(d => d.StartsWith("SEARCH story_keys USING COVERING INDEX story_keys_recent (key=? AND last_seen>?)", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, d => d.StartsWith("SCAN story_keys", StringComparison.Ordinal));
        // The order (last_seen, first_seen, story_id, all descending) is the index's own, read backwards: no sort.
        Assert.DoesNotContain(plan, d => d.Contains("TEMP B-TREE", StringComparison.Ordinal));

        var counts = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN SELECT key, stories FROM story_key_counts WHERE key IN ('a', 'b')")).Select(r => r.Detail).ToList();
        Assert.All(counts, d => Assert.StartsWith("SEARCH story_key_counts USING PRIMARY KEY", d, StringComparison.Ordinal));
    }

    private static async Task<IngestOutcome> IngestJsonAsync(TestPipeline store, string title, string body, string published)
    {
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { title, body, published, source = "Test Wire" });
        var result = await store.Pipeline.IngestAsync(new RawInput($"{published}.json", json, "application/json"));
        return Assert.Single(result.Outcomes);
    }
}
