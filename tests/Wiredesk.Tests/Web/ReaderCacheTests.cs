using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wiredesk.App.Web.Reader;
using Wiredesk.Editorial;
using Wiredesk.Publishing;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

/// <summary>The reader site's page cache: what anonymous readers get from it, what a publication evicts, and what it
/// must never hold (a signed-in user's page, a cookie).</summary>
public class ReaderCacheTests
{
    private const string OtherTitle = "Chile opens copper smelter";
    private const string OtherBody = "Chile's state miner opened a copper smelter in the north on Thursday, the company said. The smelter can process a million tonnes of concentrate a year.";

    /// <summary>Publishes straight into the store without telling the bus: a page that does not show such a story
    /// was served from the cache.</summary>
    private static async Task<Article> PublishQuietlyAsync(NewsroomServer server, string title, string body, string headline)
    {
        var (report, story) = await PublishingKit.IngestAsync(server.Composition.Pipeline, title, body);
        return await PublishingKit.PublishAsync(server.Composition.Database, story, PublishingKit.Draft(headline, report, [body.Split(". ")[0] + "."]), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Anonymous_list_pages_come_from_the_cache_the_second_time_and_story_pages_are_read_afresh()
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        using var client = server.Anonymous();

        // A story page is written from its body stored at publication, which costs less than the output cache's own
        // bookkeeping for a page read once (docs/web.md, "Speed"): it is never cached, and is the same each time.
        using (var first = await client.GetAsync(apple.Path))
        using (var second = await client.GetAsync(apple.Path))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.False(first.Headers.Contains("Age") || second.Headers.Contains("Age"), "a story page is rendered each time");
            Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        }

        foreach (var path in new[] { "/", "/search?q=factory", "/feeds/all.rss", "/api/stories", $"/api/stories/{apple.StoryId}" })
        {
            using var first = await client.GetAsync(path);
            using var second = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.False(first.Headers.Contains("Age"), $"{path}: the first response is rendered");
            Assert.True(second.Headers.Contains("Age"), $"{path}: the second response is the cached one");
            Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        }

        // A story the bus was not told about stays off the cached pages: they really are not rendered again.
        var quiet = await PublishQuietlyAsync(server, OtherTitle, OtherBody, "Chile opens a copper smelter");
        Assert.DoesNotContain(quiet.Path, await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(quiet.Path, await client.GetStringAsync("/?page=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publication_correction_or_kill_shows_on_the_very_next_request()
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        using var client = server.Anonymous();
        await client.GetStringAsync("/");
        await client.GetStringAsync("/");
        await client.GetStringAsync(apple.Path);
        await client.GetStringAsync("/search?q=interest");
        await client.GetStringAsync("/api/stories");

        var brazil = await ReaderTests.PublishBrazilAsync(server);
        Assert.Contains(brazil.Path, await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(brazil.Path, await client.GetStringAsync("/search?q=interest"), StringComparison.Ordinal);
        Assert.Contains($"stories/{brazil.StoryId}", await client.GetStringAsync("/api/stories"), StringComparison.Ordinal);

        await client.GetStringAsync(apple.Path);
        var corrected = await ServerPublishing.CorrectAsync(server, apple, "Apple plans South Korea plant", ["Apple Inc. will build a plant near Seoul."], "An earlier version misnamed the project.");
        var page = await client.GetStringAsync(corrected.Path);
        Assert.Contains("Apple Inc. will build a plant near Seoul.", page, StringComparison.Ordinal);
        Assert.Contains("An earlier version misnamed the project.", page, StringComparison.Ordinal);

        await client.GetStringAsync(brazil.Path);
        await ServerPublishing.KillAsync(server, brazil, "Withdrawn: the rate decision was misreported.");
        using var gone = await client.GetAsync(brazil.Path);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("the rate decision was misreported", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(brazil.Path, await client.GetStringAsync("/"), StringComparison.Ordinal);
        using var api = JsonDocument.Parse(await client.GetStringAsync($"/api/stories/{brazil.StoryId}"));
        Assert.Equal("canceled", api.RootElement.GetProperty("pubStatus").GetString());
    }

    [Fact]
    public async Task Signed_in_pages_are_never_cached_nor_shared_and_carry_their_csrf_token()
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        await server.AddUserAsync("rita", Roles.Reader, displayName: "Rita Reader");
        await server.AddUserAsync("sam", Roles.Reader, displayName: "Sam Sampson");
        using var anonymous = server.Anonymous();
        await anonymous.GetStringAsync("/");
        await anonymous.GetStringAsync(apple.Path);
        using var rita = await server.SignInAsync("rita");
        using var sam = await server.SignInAsync("sam");

        foreach (var path in new[] { "/", apple.Path })
        {
            for (var i = 0; i < 2; i++)
            {
                using var ritaPage = await rita.GetAsync(path);
                using var samPage = await sam.GetAsync(path);
                Assert.False(ritaPage.Headers.Contains("Age"), $"{path} for rita came from the cache");
                Assert.False(samPage.Headers.Contains("Age"), $"{path} for sam came from the cache");
                var ritaText = await ritaPage.Content.ReadAsStringAsync();
                var samText = await samPage.Content.ReadAsStringAsync();
                Assert.Contains("Rita Reader", ritaText, StringComparison.Ordinal);
                Assert.DoesNotContain("Sam Sampson", ritaText, StringComparison.Ordinal);
                Assert.Contains("Sam Sampson", samText, StringComparison.Ordinal);
                Assert.DoesNotContain("Rita Reader", samText, StringComparison.Ordinal);
                Assert.Contains("name=\"__RequestVerificationToken\"", ritaText, StringComparison.Ordinal);
            }
        }

        var anonymousHome = await anonymous.GetStringAsync("/");
        Assert.DoesNotContain("Rita Reader", anonymousHome, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Sampson", anonymousHome, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", anonymousHome, StringComparison.Ordinal);
        Assert.Contains("Sign in</a>", anonymousHome, StringComparison.Ordinal);

        // A signed-in comment goes through (its form's token is valid) and reaches the cached anonymous page at once.
        var posted = await NewsroomServer.PostFormAsync(rita, apple.Path, $"/stories/{apple.StoryId}/comments", new() { ["text"] = "Good for the region" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("Good for the region", await anonymous.GetStringAsync(apple.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_key_request_skips_the_cache()
    {
        await using var server = await NewsroomServer.StartAsync();
        await ReaderTests.PublishAppleAsync(server);
        using var anonymous = server.Anonymous();
        await anonymous.GetStringAsync("/api/stories");
        var quiet = await PublishQuietlyAsync(server, OtherTitle, OtherBody, "Chile opens a copper smelter");

        using var keyed = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "feedbot", Roles.Reader));
        using var response = await keyed.GetAsync("/api/stories");
        Assert.False(response.Headers.Contains("Age"));
        Assert.Contains($"stories/{quiet.StoryId}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain($"stories/{quiet.StoryId}", await anonymous.GetStringAsync("/api/stories"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/?ticker=AAPL")]
    [InlineData("/search?q=factory")]
    [InlineData("/rights")]
    [InlineData("/feeds/all.atom")]
    [InlineData("/api/stories")]
    [InlineData("/stories/{id}")]
    public async Task Anonymous_pages_set_no_cookie_and_refuse_framing(string path)
    {
        await using var server = await NewsroomServer.StartAsync();
        var apple = await ReaderTests.PublishAppleAsync(server);
        using var client = server.Anonymous();
        path = path.Replace("{id}", $"{apple.StoryId}/{apple.Slug}", StringComparison.Ordinal);

        for (var i = 0; i < 2; i++)
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
            Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Fact]
    public async Task The_sign_in_page_still_carries_a_csrf_token_for_anyone()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var client = server.Anonymous();
        using var response = await client.GetAsync("/account/sign-in");
        Assert.Contains("name=\"__RequestVerificationToken\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_page_rendered_before_a_publication_is_not_stored_after_it()
    {
        await using var server = await NewsroomServer.StartAsync();
        var cache = server.Services.GetRequiredService<ReaderCache>();
        var before = cache.GenerationTag();
        cache.Evict(42, lists: true);

        await cache.SetAsync("stale", [1, 2, 3], [before, ReaderCache.Lists], TimeSpan.FromMinutes(1), CancellationToken.None);
        await cache.SetAsync("fresh", [4, 5, 6], [cache.GenerationTag(), ReaderCache.Lists], TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Null(await cache.GetAsync("stale", CancellationToken.None));
        Assert.Equal([4, 5, 6], await cache.GetAsync("fresh", CancellationToken.None));
        cache.Evict(7, lists: true);
        Assert.Null(await cache.GetAsync("fresh", CancellationToken.None));
    }
}
