using System.Net;
using System.Text.Json;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

public class ReaderApiTests
{
    [Fact]
    public async Task Stories_are_listed_in_ninjs_with_filters_and_paging()
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        var brazil = await ReaderTests.PublishBrazilAsync(server);
        using var client = server.Anonymous();

        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/stories"));
        var items = all.RootElement.GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal(server.Url($"stories/{brazil.StoryId}").ToString(), items[0].GetProperty("uri").GetString());
        Assert.Equal(JsonValueKind.Null, all.RootElement.GetProperty("next").ValueKind);

        using var byTicker = JsonDocument.Parse(await client.GetStringAsync("/api/stories?ticker=AAPL"));
        var only = Assert.Single(byTicker.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("Apple plans South Korea factory", only.GetProperty("headlines")[0].GetProperty("value").GetString());
        using var bySearch = JsonDocument.Parse(await client.GetStringAsync("/api/stories?q=interest%20rate"));
        Assert.Equal(server.Url($"stories/{brazil.StoryId}").ToString(), Assert.Single(bySearch.RootElement.GetProperty("items").EnumerateArray()).GetProperty("uri").GetString());

        using var first = JsonDocument.Parse(await client.GetStringAsync("/api/stories?pageSize=1"));
        var next = first.RootElement.GetProperty("next").GetString();
        Assert.NotNull(next);
        using var second = JsonDocument.Parse(await client.GetStringAsync(next));
        Assert.Equal(server.Url($"stories/{apple.StoryId}").ToString(), Assert.Single(second.RootElement.GetProperty("items").EnumerateArray()).GetProperty("uri").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/stories?pageSize=1000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stories?q=%22AND%20(")).StatusCode);
    }

    [Fact]
    public async Task One_story_in_ninjs_carries_tickers_sources_topics_the_disclosure_and_rights()
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        using var client = server.Anonymous();

        using var story = JsonDocument.Parse(await client.GetStringAsync($"/api/stories/{apple.StoryId}"));
        var root = story.RootElement;

        Assert.Equal("text", root.GetProperty("type").GetString());
        Assert.Equal("1", root.GetProperty("version").GetString());
        Assert.Equal("usable", root.GetProperty("pubStatus").GetString());
        var organisation = root.GetProperty("organisations").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "Apple");
        Assert.Equal("AAPL", organisation.GetProperty("symbols")[0].GetProperty("ticker").GetString());
        Assert.Equal("report:" + apple.Draft.Sources[0].Report, root.GetProperty("infoSources")[0].GetProperty("literal").GetString());
        Assert.StartsWith("http://cv.iptc.org/newscodes/mediatopic/", root.GetProperty("subjects")[0].GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/dataDrivenMedia", root.GetProperty("digitalSourceType").GetProperty("uri").GetString());
        Assert.Equal(server.Url("rights").ToString(), root.GetProperty("rightsInfo").GetProperty("linkedRights").GetString());
        Assert.Contains("Tim Cook said", root.GetProperty("bodies")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/stories/{apple.StoryId + 50}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/rights")).StatusCode);
    }

    [Fact]
    public async Task Corrections_and_kills_travel_through_the_api_and_feeds()
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        using var client = server.Anonymous();
        Assert.Contains(apple.Headline, await client.GetStringAsync("/feeds/ticker/AAPL.rss"), StringComparison.Ordinal);

        var corrected = await ServerPublishing.CorrectAsync(server, apple, "Apple plans South Korea plant", ["Apple Inc. will build a plant in South Korea."], "An earlier version misnamed the project.");
        using (var story = JsonDocument.Parse(await client.GetStringAsync($"/api/stories/{apple.StoryId}")))
        {
            Assert.Equal("2", story.RootElement.GetProperty("version").GetString());
            Assert.Equal("An earlier version misnamed the project.", story.RootElement.GetProperty("descriptions")[0].GetProperty("value").GetString());
        }

        var atom = await client.GetStringAsync("/feeds/all.atom");
        Assert.Contains("<title>Apple plans South Korea plant</title>", atom, StringComparison.Ordinal);
        Assert.Contains("Correction: An earlier version misnamed the project.", atom, StringComparison.Ordinal);

        await ServerPublishing.KillAsync(server, corrected, "Withdrawn: the plan was not confirmed.");
        using (var killed = JsonDocument.Parse(await client.GetStringAsync($"/api/stories/{apple.StoryId}")))
        {
            Assert.Equal("canceled", killed.RootElement.GetProperty("pubStatus").GetString());
            Assert.False(killed.RootElement.TryGetProperty("bodies", out _));
        }

        using (var list = JsonDocument.Parse(await client.GetStringAsync("/api/stories")))
        {
            Assert.Equal(0, list.RootElement.GetProperty("items").GetArrayLength());
        }

        foreach (var feed in new[] { "/feeds/all.rss", "/feeds/all.atom", "/feeds/ticker/AAPL.rss", "/feeds/ticker/aapl.atom" })
        {
            var text = await client.GetStringAsync(feed);
            Assert.DoesNotContain("Apple plans", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Feeds_per_ticker_and_per_topic_hold_only_their_stories()
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        var brazil = await ReaderTests.PublishBrazilAsync(server);
        using var client = server.Anonymous();

        var all = await client.GetAsync("/feeds/all.rss");
        Assert.Equal("application/rss+xml", all.Content.Headers.ContentType!.MediaType);
        var allText = await all.Content.ReadAsStringAsync();
        Assert.Contains(apple.Headline, allText, StringComparison.Ordinal);
        Assert.Contains(brazil.Headline, allText, StringComparison.Ordinal);
        var ticker = await client.GetStringAsync("/feeds/ticker/AAPL.atom");
        Assert.Contains(apple.Headline, ticker, StringComparison.Ordinal);
        Assert.DoesNotContain(brazil.Headline, ticker, StringComparison.Ordinal);
        var topic = apple.Tags.First(t => t.Kind == Wiredesk.Publishing.TagKinds.Topic);
        Assert.Contains(apple.Headline, await client.GetStringAsync($"/feeds/topic/{topic.Key}.rss"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/feeds/all.json")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_story_api_with_its_schema_and_no_html_pages()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var client = server.Anonymous();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/openapi.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/stories", out var list));
        Assert.True(paths.TryGetProperty("/api/stories/{id}", out _));
        Assert.False(paths.TryGetProperty("/", out _));
        Assert.False(paths.TryGetProperty("/search", out _));
        var parameters = list.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["ticker", "company", "person", "country", "topic", "q", "page", "pageSize"], parameters);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("NinjsItem", out var item));
        Assert.True(item.GetProperty("properties").TryGetProperty("digitalSourceType", out _));
    }
}
