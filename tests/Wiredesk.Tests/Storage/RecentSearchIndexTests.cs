using Dapper;
using Wiredesk.Storage;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>Search ranks a word's newest matches in the recent index (migration 015) when it holds a whole window of
/// them, and in the full index otherwise. Both must give what ranking the full index gives.</summary>
public class RecentSearchIndexTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Search_over_more_than_a_window_of_matches_ranks_as_the_full_index_does_through_kills_and_corrections()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (report, _) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea",
            "Apple will build a factory in South Korea, the company said on Monday. The plant opens next year.");
        var count = ArticleStore.SearchWindow + 120;
        await using (var connection = await pipeline.Database.ConnectAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < count; i++)
            {
                // Words repeated differently, some in the headline: BM25 orders them other than by age.
                var headline = i % 7 == 0 ? $"Chip factory {i} opens" : $"Plant number {i} opens";
                var text = string.Join(' ', Enumerable.Repeat("factory", 1 + (i % 5))) + $" workers in town {i} cheered the opening.";
                await ArticleStore.PublishAsync(connection, tx, new Wiredesk.Publishing.Publication
                {
                    StoryId = 5000 + i,
                    DraftId = i + 1,
                    Draft = PublishingKit.Draft(headline, report, [text]),
                    EditorName = "Ada Byron",
                    At = Noon.AddMinutes(i),
                });
            }

            await tx.CommitAsync();
        }

        await AssertRanksAsTheFullIndexAsync(pipeline.Database, store, "factory", wholeWindow: true);
        await AssertRanksAsTheFullIndexAsync(pipeline.Database, store, "chip factory", wholeWindow: false);
        await PublishingKit.KillAsync(pipeline.Database, 5000 + count - 7, "Withdrawn", Noon.AddDays(1));
        await PublishingKit.PublishAsync(pipeline.Database, 5000 + count - 14, PublishingKit.Draft("Chip factory factory factory", report, ["factory factory factory"]), Noon.AddDays(1), draftId: 99);
        await AssertRanksAsTheFullIndexAsync(pipeline.Database, store, "factory", wholeWindow: true);
        await AssertRanksAsTheFullIndexAsync(pipeline.Database, store, "chip factory", wholeWindow: false);
    }

    [Fact]
    public async Task The_recent_index_keeps_about_its_size_and_never_takes_a_story_older_than_its_smallest()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea",
            "Apple will build a factory in South Korea, the company said on Monday. The plant opens next year.");
        var old = await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans factory", report, ["Apple will build a factory."]), Noon);
        await using var connection = await pipeline.Database.ConnectAsync();
        // Stand-ins for thousands of newer stories: a killed article taking the ids up to just below them, and more
        // rows than the index keeps, written straight into it (publishing that many would take minutes).
        var next = ((old.Id + ArticleStore.RecentSearchStories + 300) / 100 + 1) * 100;
        await connection.ExecuteAsync(
            """
            INSERT INTO articles (id, story_id, version, draft_id, slug, headline, draft, editor_name, first_published_at, updated_at, status)
            SELECT @id, -1, version, draft_id, 'filler', 'filler', draft, editor_name, first_published_at, updated_at, 'killed' FROM articles WHERE id = @old
            """,
            new { id = next - 1, old = old.Id });
        var fillers = ArticleStore.RecentSearchStories + 200;
        await connection.ExecuteAsync("DELETE FROM articles_fts_recent WHERE rowid = @id", new { id = old.Id });
        await connection.ExecuteAsync("INSERT INTO articles_fts_recent (rowid, headline, body) VALUES (@id, 'filler', 'filler')",
            Enumerable.Range(0, fillers).Select(i => new { id = next - fillers + i }));

        var (_, newStory) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Brazil lowers interest rate",
            "Brazil's central bank cut its benchmark interest rate by half a point on Wednesday, citing slowing inflation.");
        var fresh = await PublishingKit.PublishAsync(pipeline.Database, newStory, PublishingKit.Draft("Brazil cuts rate", report, ["Brazil cut its rate."]), Noon.AddHours(1));
        Assert.Equal(ArticleStore.RecentSearchStories, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles_fts_recent"));
        Assert.Equal(fresh.Id, await connection.ExecuteScalarAsync<long>("SELECT max(rowid) FROM articles_fts_recent"));

        // A correction of the old story (older than the recent index's smallest rowid) stays in the full index only.
        await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans bigger factory", report, ["Apple will build a bigger factory."]), Noon.AddHours(2), draftId: 2);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles_fts_recent WHERE rowid = @id", new { id = old.Id }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles_fts WHERE rowid = @id", new { id = old.Id }));
    }

    /// <summary>The page of each size and offset equals BM25 over the newest window of matches in the full index. With
    /// a whole window of matches the recent index answers; with fewer, the full index.</summary>
    private static async Task AssertRanksAsTheFullIndexAsync(Database database, ArticleStore store, string query, bool wholeWindow)
    {
        var match = FullTextQuery.From(query)!;
        await using var connection = await database.ConnectAsync();
        var expected = (await connection.QueryAsync<(long Id, double Rank)>(
                "SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE articles_fts MATCH @match ORDER BY rowid DESC LIMIT @window",
                new { match, window = ArticleStore.SearchWindow }))
            .OrderBy(w => w.Rank).ThenByDescending(w => w.Id).Select(w => w.Id).ToList();
        var storyOf = (await connection.QueryAsync<(long Id, long StoryId)>("SELECT id, story_id FROM articles")).ToDictionary(r => r.Id, r => r.StoryId);
        Assert.Equal(wholeWindow, expected.Count == ArticleStore.SearchWindow);
        foreach (var (offset, limit) in new[] { (0, 10), (10, 21), (480, 20) })
        {
            var hits = await store.SearchAsync(query, offset, limit);
            Assert.Equal(expected.Skip(offset).Take(limit).Select(id => storyOf[id]), hits.Select(h => h.StoryId));
        }
    }
}
