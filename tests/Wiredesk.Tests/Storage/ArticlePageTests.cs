using System.Text;
using Dapper;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>The page body stored with each published version (migration 012): written in the publication's
/// transaction, replaced by a correction's, never used for a killed story, and rendered lazily for an article
/// published before pages were stored.</summary>
public class ArticlePageTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private const string Body = "Apple Inc. said on Tuesday that it would build a new factory in South Korea. Chief executive Tim Cook said the plant would open next year.";

    [Fact]
    public async Task A_publication_stores_its_page_and_a_correction_or_kill_is_never_served_from_the_older_one()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", Body);
        var first = await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans factory", report, ["Apple will build a factory."]), Noon);

        var page = (await store.PageAsync(story))!;
        Assert.Equal(1, page.Version);
        var html = Encoding.UTF8.GetString(page.Body.Span);
        Assert.Equal(StoryPageBody.Render(first, await store.VersionsAsync(first.Id)), html);
        Assert.Contains("<h1>Apple plans factory</h1>", html, StringComparison.Ordinal);
        Assert.Equal(1, await StoredVersionAsync(pipeline.Database, first.Id));

        await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans plant", report, ["Apple will build a plant."]), Noon.AddHours(1), correctionNote: "It is a plant.", draftId: 2);
        var corrected = (await store.PageAsync(story))!;
        var correctedHtml = Encoding.UTF8.GetString(corrected.Body.Span);
        Assert.Equal(2, corrected.Version);
        Assert.Contains("<h1>Apple plans plant</h1>", correctedHtml, StringComparison.Ordinal);
        Assert.Contains("It is a plant.", correctedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Apple will build a factory.", correctedHtml, StringComparison.Ordinal);
        Assert.Equal(2, await StoredVersionAsync(pipeline.Database, first.Id));

        await PublishingKit.KillAsync(pipeline.Database, story, "Withdrawn.", Noon.AddHours(2));
        var killed = (await store.PageAsync(story))!;
        Assert.Equal(ArticleStatus.Killed, killed.Status);
        Assert.Equal("Withdrawn.", killed.KillNotice);
        Assert.True(killed.Body.IsEmpty);
    }

    [Fact]
    public async Task An_article_published_before_pages_were_stored_is_rendered_once_and_stored_for_its_version()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", Body);
        await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans factory", report, ["Apple will build a factory."]), Noon);
        var article = await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans plant", report, ["Apple will build a plant."]), Noon.AddHours(1), correctionNote: "It is a plant.", draftId: 2);
        var published = (await store.PageAsync(story))!.Body.ToArray();
        await using (var connection = await pipeline.Database.ConnectAsync())
        {
            // As a store migrated from before 012 has it: no page row at all, or (never written by 012, but the
            // same to a reader) a row for an older version.
            await connection.ExecuteAsync("DELETE FROM article_pages");
        }

        var lazy = (await store.PageAsync(story))!;
        Assert.Equal(published, lazy.Body.ToArray());
        Assert.Equal(2, await StoredVersionAsync(pipeline.Database, article.Id));

        await using (var connection = await pipeline.Database.ConnectAsync())
        {
            await connection.ExecuteAsync("UPDATE article_pages SET version = 1, html = 'stale'");
        }

        Assert.Equal(published, (await store.PageAsync(story))!.Body.ToArray());
        Assert.Equal(2, await StoredVersionAsync(pipeline.Database, article.Id));
    }

    private static async Task<long?> StoredVersionAsync(Database database, long articleId)
    {
        await using var connection = await database.ConnectAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT version FROM article_pages WHERE article_id = @articleId", new { articleId });
    }
}
