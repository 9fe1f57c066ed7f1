using Dapper;
using Wiredesk.Drafting;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

public class ArticleStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private const string AppleBody =
        "Apple Inc. said on Tuesday that it would build a new factory in South Korea. Chief executive Tim Cook said the plant would open next year. The company will invest $2 billion in the project. Shares of Apple rose 2% as investors welcomed the investment, which analysts said would lift revenue and profit.";

    [Fact]
    public async Task A_first_publication_is_version_one_with_tags_from_the_source_analyses()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        var draft = PublishingKit.Draft("Apple plans South Korea factory", report, ["Apple Inc. will build a factory in South Korea, Tim Cook said."]);

        var article = await PublishingKit.PublishAsync(pipeline.Database, story, draft, Noon);

        Assert.Equal(1, article.Version);
        Assert.Equal(story, article.StoryId);
        Assert.Equal(ArticleStatus.Live, article.Status);
        Assert.Equal("apple-plans-south-korea-factory", article.Slug);
        Assert.Equal(Noon, article.FirstPublishedAt);
        Assert.Contains(article.Tags, t => t is { Kind: TagKinds.Ticker, Key: "AAPL" });
        Assert.Contains(article.Tags, t => t is { Kind: TagKinds.Country, Key: "south-korea" });
        Assert.Contains(article.Tags, t => t is { Kind: TagKinds.Person, Key: "tim-cook" });
        Assert.Contains(article.Tags, t => t.Kind == TagKinds.Topic && t.Code!.StartsWith("medtop:", StringComparison.Ordinal));
        var again = await new ArticleStore(pipeline.Database).GetByStoryAsync(story);
        Assert.NotNull(again);
        Assert.Equal(article, again with { Draft = article.Draft, Tags = article.Tags });
        Assert.Equal(article.Tags, again.Tags);
        Assert.Equal(draft.Headline, again.Draft.Headline);
    }

    [Fact]
    public async Task An_entity_the_story_does_not_name_is_not_a_tag_unless_a_fact_is_about_it()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        var plain = PublishingKit.Draft("Factory plan announced", report, ["A new factory will open next year."]);
        var article = await PublishingKit.PublishAsync(pipeline.Database, story, plain, Noon);
        Assert.DoesNotContain(article.Tags, t => t.Kind is TagKinds.Ticker or TagKinds.Person or TagKinds.Country);

        var withFact = PublishingKit.Draft("Factory plan announced", report, ["A new factory will open next year."],
            ["The maker trades under a ticker."], [new DraftFact("kb:company:AAPL", "Apple Inc. trades under the ticker AAPL.")]);
        var corrected = await PublishingKit.PublishAsync(pipeline.Database, story, withFact, Noon.AddHours(1));
        Assert.Contains(corrected.Tags, t => t is { Kind: TagKinds.Ticker, Key: "AAPL" });
        Assert.DoesNotContain(corrected.Tags, t => t.Kind == TagKinds.Person);
    }

    [Fact]
    public async Task A_correction_is_a_new_version_and_the_old_one_is_kept()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        var first = await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans $3 billion factory", report, ["Apple will invest $3 billion."]), Noon);
        var second = await PublishingKit.PublishAsync(pipeline.Database, story,
            PublishingKit.Draft("Apple plans $2 billion factory", report, ["Apple will invest $2 billion."]), Noon.AddHours(2), correctionNote: "An earlier version gave the wrong amount.", draftId: 2);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Version);
        Assert.Equal(Noon, second.FirstPublishedAt);
        Assert.Equal(Noon.AddHours(2), second.UpdatedAt);
        Assert.Equal("An earlier version gave the wrong amount.", second.CorrectionNote);
        Assert.Equal("apple-plans-2-billion-factory", second.Slug);
        var versions = await store.VersionsAsync(first.Id);
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("Apple plans $3 billion factory", versions[0].Headline);
        Assert.Null(versions[0].CorrectionNote);
        Assert.Equal("An earlier version gave the wrong amount.", versions[1].CorrectionNote);
        Assert.Equal(2, versions[1].DraftId);
        // The search index follows the current version only.
        Assert.Empty(await store.SearchAsync("3 billion", 0, 10));
        Assert.Single(await store.SearchAsync("2 billion", 0, 10));
    }

    [Fact]
    public async Task A_killed_story_is_kept_but_leaves_lists_and_search()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans South Korea factory", report, ["Apple will build a factory."]), Noon);
        Assert.Single(await store.LatestAsync(ArticleFilter.None, 0, 10));

        var killed = await PublishingKit.KillAsync(pipeline.Database, story, "This story was withdrawn: the plan was not confirmed.", Noon.AddHours(1));

        Assert.NotNull(killed);
        Assert.Equal(ArticleStatus.Killed, killed.Status);
        Assert.Equal("This story was withdrawn: the plan was not confirmed.", killed.KillNotice);
        Assert.Equal(Noon.AddHours(1), killed.KilledAt);
        Assert.Empty(await store.LatestAsync(ArticleFilter.None, 0, 10));
        Assert.Empty(await store.SearchAsync("factory", 0, 10));
        Assert.Equal(ArticleStatus.Killed, (await store.GetByStoryAsync(story))!.Status);
        Assert.Single(await store.VersionsAsync(killed.Id));
        Assert.Null(await PublishingKit.KillAsync(pipeline.Database, story + 1000, "never published", Noon));
    }

    [Fact]
    public async Task Publishing_rolls_back_with_the_callers_transaction()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        await using (var connection = await pipeline.Database.ConnectAsync())
        {
            await using var tx = await connection.BeginTransactionAsync();
            await ArticleStore.PublishAsync(connection, tx, new Publication
            {
                StoryId = story,
                DraftId = 1,
                Draft = PublishingKit.Draft("Apple plans factory", report, ["Apple will build a factory."]),
                EditorName = "Ada",
                At = Noon,
            });
            await tx.RollbackAsync();
        }

        var store = new ArticleStore(pipeline.Database);
        Assert.Null(await store.GetByStoryAsync(story));
        Assert.Empty(await store.SearchAsync("factory", 0, 10));
    }

    [Fact]
    public async Task Lists_filter_by_every_tag_kind_and_by_words()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (appleReport, appleStory) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        var (otherReport, otherStory) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Brazil lowers interest rate",
            "Brazil's central bank cut its benchmark interest rate by half a point on Wednesday, citing slowing inflation. Economists had expected the cut.");
        Assert.NotEqual(appleStory, otherStory);
        await PublishingKit.PublishAsync(pipeline.Database, appleStory, PublishingKit.Draft("Apple plans South Korea factory", appleReport, ["Apple Inc. will build a factory in South Korea, Tim Cook said."]), Noon);
        await PublishingKit.PublishAsync(pipeline.Database, otherStory, PublishingKit.Draft("Brazil cuts interest rate", otherReport, ["Brazil's central bank cut its interest rate."]), Noon.AddMinutes(5));

        Assert.Equal([otherStory, appleStory], (await store.LatestAsync(ArticleFilter.None, 0, 10)).Select(a => a.StoryId));
        Assert.Equal([appleStory], (await store.LatestAsync(new ArticleFilter { Ticker = "aapl" }, 0, 10)).Select(a => a.StoryId));
        Assert.Equal([appleStory], (await store.LatestAsync(new ArticleFilter { Company = "Apple" }, 0, 10)).Select(a => a.StoryId));
        Assert.Equal([appleStory], (await store.LatestAsync(new ArticleFilter { Person = "tim-cook" }, 0, 10)).Select(a => a.StoryId));
        Assert.Equal([otherStory], (await store.LatestAsync(new ArticleFilter { Country = "Brazil" }, 0, 10)).Select(a => a.StoryId));
        Assert.Equal([appleStory], (await store.LatestAsync(new ArticleFilter { Query = "factory" }, 0, 10)).Select(a => a.StoryId));
        Assert.Empty(await store.LatestAsync(new ArticleFilter { Ticker = "AAPL", Country = "Brazil" }, 0, 10));
        Assert.Equal([appleStory], (await store.LatestAsync(ArticleFilter.None, 1, 10)).Select(a => a.StoryId));
        var topic = (await store.GetByStoryAsync(otherStory))!.TagsOf(TagKinds.Topic).First();
        Assert.Contains(otherStory, (await store.LatestAsync(new ArticleFilter { Topic = topic.Key }, 0, 10)).Select(a => a.StoryId));
    }

    [Theory]
    [InlineData("factory", "factory")]
    [InlineData("factories", "factory")]
    [InlineData("FACTORY korea", "factory")]
    [InlineData("factory AND OR NOT", null)]
    [InlineData("\"unbalanced", null)]
    [InlineData("NEAR(factory korea)", null)]
    [InlineData("(factory korea)", "factory")]
    [InlineData("headline:factory", null)]
    [InlineData("factory*", "factory")]
    [InlineData("-factory", "factory")]
    [InlineData("* ( ) ^ :", null)]
    [InlineData("", null)]
    public async Task Search_never_fails_on_what_a_reader_types_and_marks_the_matched_words(string query, string? marked)
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans South Korea factory", report, ["Apple will build a factory in South Korea."]), Noon);

        var hits = await store.SearchAsync(query, 0, 10);

        if (marked is null)
        {
            Assert.Empty(hits);
            return;
        }

        var hit = Assert.Single(hits);
        Assert.Contains(hit.Headline.Parts, p => p.Marked && string.Equals(p.Text, marked, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hit.Snippet.Parts, p => p.Marked && string.Equals(p.Text, marked, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Apple plans South Korea factory", hit.Headline.Plain);
    }

    [Fact]
    public async Task Search_ranks_a_headline_match_above_a_newer_body_match()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var store = new ArticleStore(pipeline.Database);
        var (appleReport, appleStory) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody);
        var (otherReport, otherStory) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Brazil lowers interest rate",
            "Brazil's central bank cut its benchmark interest rate by half a point on Wednesday, citing slowing inflation. Economists had expected the cut.");
        await PublishingKit.PublishAsync(pipeline.Database, appleStory, PublishingKit.Draft("Apple plans factory", appleReport, ["Apple will build it next year."]), Noon);
        await PublishingKit.PublishAsync(pipeline.Database, otherStory, PublishingKit.Draft("Brazil cuts interest rate", otherReport, ["A factory survey came out the same day."]), Noon.AddHours(1));

        var hits = await store.SearchAsync("factory", 0, 10);

        Assert.Equal([appleStory, otherStory], hits.Select(h => h.StoryId));
        Assert.Equal([otherStory], (await store.SearchAsync("factory", 1, 10)).Select(h => h.StoryId));
    }

    [Fact]
    public async Task The_lead_image_is_the_first_source_with_a_web_image()
    {
        var pipeline = await TestPipeline.CreateAsync();
        var (report, story) = await PublishingKit.IngestAsync(pipeline.Pipeline, "Apple to build factory in South Korea", AppleBody,
            imageUrl: "https://images.example.com/plant.jpg", imageCredit: "Image via Example Photos", database: pipeline.Database);
        var article = await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans factory", report, ["Apple will build a factory."]), Noon);
        Assert.Equal("https://images.example.com/plant.jpg", article.ImageUrl);
        Assert.Equal("Image via Example Photos", article.ImageCredit);

        await using var connection = await pipeline.Database.ConnectAsync();
        await connection.ExecuteAsync("UPDATE reports SET image_url = 'javascript:alert(1)' WHERE id = @report", new { report });
        var hostile = await PublishingKit.PublishAsync(pipeline.Database, story, PublishingKit.Draft("Apple plans factory", report, ["Apple will build a factory."]), Noon.AddHours(1));
        Assert.Null(hostile.ImageUrl);
    }

    [Theory]
    [InlineData("Apple plans South Korea factory", "apple-plans-south-korea-factory")]
    [InlineData("Étoile's 3% rise — “record”", "etoile-s-3-rise-record")]
    [InlineData("<script>alert(1)</script>", "script-alert-1-script")]
    [InlineData("!!!", "story")]
    [InlineData("日本", "story")]
    public void Slugs_are_plain_ascii_words(string headline, string slug) => Assert.Equal(slug, Slug.From(headline));

    [Fact]
    public void A_long_headline_is_cut_at_a_word()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("important", 20)));
        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.EndsWith("important", slug, StringComparison.Ordinal);
    }
}
