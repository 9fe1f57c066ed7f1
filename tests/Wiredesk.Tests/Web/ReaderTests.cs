using System.Net;
using Wiredesk.Editorial;
using Wiredesk.Publishing;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

public class ReaderTests
{
    internal const string AppleTitle = "Apple to build factory in South Korea";

    internal const string AppleBody =
        "Apple Inc. said on Tuesday that it would build a new factory in South Korea. Chief executive Tim Cook said the plant would open next year. Shares of Apple rose 2% as investors welcomed the investment, which analysts said would lift revenue and profit.";

    internal const string BrazilTitle = "Brazil lowers interest rate";

    internal const string BrazilBody =
        "Brazil's central bank cut its benchmark interest rate by half a point on Wednesday, citing slowing inflation. Economists had expected the cut, and the real weakened slightly against the dollar.";

    internal static Task<Article> PublishAppleAsync(NewsroomServer server, string? imageUrl = null, string? imageCredit = null) =>
        ServerPublishing.PublishAsync(server, AppleTitle, AppleBody, "Apple plans South Korea factory",
            ["Apple Inc. will build a factory in South Korea, Tim Cook said."], ["Apple shares rose 2% on the news."], imageUrl, imageCredit);

    internal static Task<Article> PublishBrazilAsync(NewsroomServer server) =>
        ServerPublishing.PublishAsync(server, BrazilTitle, BrazilBody, "Brazil cuts interest rate", ["Brazil's central bank cut its interest rate by half a point."]);

    [Fact]
    public async Task The_home_page_lists_published_stories_newest_first_and_filters_by_tag()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var client = server.Anonymous();
        Assert.Contains("No stories published yet", await client.GetStringAsync("/"), StringComparison.Ordinal);

        var apple = await PublishAppleAsync(server);
        var brazil = await PublishBrazilAsync(server);
        var home = await client.GetStringAsync("/");
        var applePosition = home.IndexOf(apple.Path, StringComparison.Ordinal);
        var brazilPosition = home.IndexOf(brazil.Path, StringComparison.Ordinal);
        Assert.True(applePosition > 0 && brazilPosition > 0);
        Assert.True(brazilPosition < applePosition, "the newer story comes first");
        Assert.Contains("href=\"/?ticker=AAPL\"", home, StringComparison.Ordinal);

        var byTicker = await client.GetStringAsync("/?ticker=aapl");
        Assert.Contains(apple.Path, byTicker, StringComparison.Ordinal);
        Assert.DoesNotContain(brazil.Path, byTicker, StringComparison.Ordinal);
        var byCountry = await client.GetStringAsync("/?country=brazil");
        Assert.Contains(brazil.Path, byCountry, StringComparison.Ordinal);
        Assert.DoesNotContain(apple.Path, byCountry, StringComparison.Ordinal);
        var byPerson = await client.GetStringAsync("/?person=tim-cook");
        Assert.Contains(apple.Path, byPerson, StringComparison.Ordinal);
        Assert.Contains("Tim Cook", byPerson, StringComparison.Ordinal);
        Assert.DoesNotContain(brazil.Path, await client.GetStringAsync("/?company=apple"), StringComparison.Ordinal);
        Assert.Contains("No published story matches", await client.GetStringAsync("/?ticker=AAPL&country=brazil"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_page_shows_the_story_with_its_byline_image_credit_tags_sources_and_disclaimer()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server, "https://images.example.com/plant.jpg", "Image via Example Photos");
        using var client = server.Anonymous();

        var page = await client.GetStringAsync(article.Path);

        Assert.Contains("<h1>Apple plans South Korea factory</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Edited by <strong>Ada Byron</strong>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>What Happened</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Why It Matters</h2>", page, StringComparison.Ordinal);
        Assert.Contains("src=\"https://images.example.com/plant.jpg\"", page, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Image via Example Photos</figcaption>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/?ticker=AAPL\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/?topic=", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Sources</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Nothing here is investment advice", page, StringComparison.Ordinal);
        Assert.Contains("Sign in</a> to comment", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_address_without_or_with_a_stale_slug_redirects_and_an_unknown_story_is_404()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server);
        using var client = server.Anonymous();

        var bare = await client.GetAsync($"/stories/{article.StoryId}");
        Assert.Equal(HttpStatusCode.MovedPermanently, bare.StatusCode);
        Assert.Equal(article.Path, bare.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.MovedPermanently, (await client.GetAsync($"/stories/{article.StoryId}/old-headline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/stories/{article.StoryId + 99}/x")).StatusCode);
    }

    [Fact]
    public async Task A_correction_shows_its_note_and_keeps_the_earlier_version_in_the_history()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server);
        var corrected = await ServerPublishing.CorrectAsync(server, article, "Apple plans South Korea plant", ["Apple Inc. will build a plant in South Korea."], "An earlier version misnamed the project.");
        using var client = server.Anonymous();

        var page = await client.GetStringAsync(corrected.Path);

        Assert.Contains("An earlier version misnamed the project.", page, StringComparison.Ordinal);
        Assert.Contains("Version history (2 versions)", page, StringComparison.Ordinal);
        Assert.Contains("“Apple plans South Korea factory”", page, StringComparison.Ordinal);
        Assert.Contains("Corrected", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_story_shows_its_notice_and_leaves_the_home_page()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server);
        await ServerPublishing.KillAsync(server, article, "This story was withdrawn because the plan was not confirmed.");
        using var client = server.Anonymous();

        var response = await client.GetAsync(article.Path);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("This story has been withdrawn", page, StringComparison.Ordinal);
        Assert.Contains("the plan was not confirmed", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Tim Cook said", page, StringComparison.Ordinal);
        Assert.DoesNotContain(article.Path, await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_marks_the_matched_words_and_survives_query_syntax()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server);
        await PublishBrazilAsync(server);
        using var client = server.Anonymous();

        var page = await client.GetStringAsync("/search?q=factory");
        Assert.Contains(article.Path, page, StringComparison.Ordinal);
        Assert.Contains("<mark>factory</mark>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Brazil cuts", page, StringComparison.Ordinal);

        foreach (var hostile in new[] { "\"", "AND (", "factory NEAR/2", "*", "headline:x", "'; DROP TABLE articles; --" })
        {
            var response = await client.GetAsync($"/search?q={Uri.EscapeDataString(hostile)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Comments_need_a_signed_in_reader_and_a_csrf_token_and_are_shown_as_text()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server);
        await server.AddUserAsync("rita", Roles.Reader, displayName: "Rita <b>Reader</b>");

        using var anonymous = server.Anonymous();
        var refused = await anonymous.PostAsync($"/stories/{article.StoryId}/comments", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "hello" }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/sign-in", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var rita = await server.SignInAsync("rita");
        var withoutToken = await rita.PostAsync($"/stories/{article.StoryId}/comments", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "no token" }));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var posted = await NewsroomServer.PostFormAsync(rita, article.Path, $"/stories/{article.StoryId}/comments", new() { ["text"] = "<script>alert('x')</script> Good news\nfor Korea" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await anonymous.GetStringAsync(article.Path);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Good news", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Contains("Rita &lt;b&gt;Reader&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("no token", page, StringComparison.Ordinal);
        Assert.DoesNotContain("hello", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_is_length_limited_and_a_reader_is_rate_limited()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server);
        await server.AddUserAsync("rita", Roles.Reader);
        using var rita = await server.SignInAsync("rita");
        var action = $"/stories/{article.StoryId}/comments";

        var tooLong = await NewsroomServer.PostFormAsync(rita, article.Path, action, new() { ["text"] = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 2,000 characters", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var empty = await NewsroomServer.PostFormAsync(rita, article.Path, action, new() { ["text"] = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await NewsroomServer.PostFormAsync(rita, article.Path, action, new() { ["text"] = $"comment number {i}" })).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Redirect, 5).Append(HttpStatusCode.TooManyRequests), statuses);
        var page = await rita.GetStringAsync(article.Path);
        Assert.Contains("comment number 4", page, StringComparison.Ordinal);
        Assert.DoesNotContain("comment number 5", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editors_hide_and_restore_comments_which_are_kept_and_readers_may_not()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await PublishAppleAsync(server);
        await server.AddUserAsync("rita", Roles.Reader);
        await server.AddUserAsync("ed", Roles.Editor, displayName: "Ed Itor");
        using var rita = await server.SignInAsync("rita");
        using var ed = await server.SignInAsync("ed");
        using var anonymous = server.Anonymous();
        await NewsroomServer.PostFormAsync(rita, article.Path, $"/stories/{article.StoryId}/comments", new() { ["text"] = "A rude remark" });
        var comment = Assert.Single(await new Wiredesk.Storage.CommentStore(server.Composition.Database).ForArticleAsync(article.Id, includeHidden: true));

        var byReader = await NewsroomServer.PostFormAsync(rita, article.Path, $"/comments/{comment.Id}/hide", new() { ["returnUrl"] = article.Path });
        Assert.Equal(HttpStatusCode.Redirect, byReader.StatusCode);
        Assert.StartsWith("/account/denied", byReader.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await rita.GetAsync(byReader.Headers.Location)).StatusCode);
        Assert.DoesNotContain("Hide</button>", await rita.GetStringAsync(article.Path), StringComparison.Ordinal);
        Assert.Contains("A rude remark", await anonymous.GetStringAsync(article.Path), StringComparison.Ordinal);

        var hidden = await NewsroomServer.PostFormAsync(ed, article.Path, $"/comments/{comment.Id}/hide", new() { ["returnUrl"] = article.Path });
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.DoesNotContain("A rude remark", await anonymous.GetStringAsync(article.Path), StringComparison.Ordinal);
        var editorView = await ed.GetStringAsync(article.Path);
        Assert.Contains("A rude remark", editorView, StringComparison.Ordinal);
        Assert.Contains("Hidden by Ed Itor", editorView, StringComparison.Ordinal);
        var stored = await new Wiredesk.Storage.CommentStore(server.Composition.Database).GetAsync(comment.Id);
        Assert.NotNull(stored);
        Assert.True(stored.IsHidden);
        Assert.Equal("A rude remark", stored.Text);

        await NewsroomServer.PostFormAsync(ed, article.Path, $"/comments/{comment.Id}/restore", new() { ["returnUrl"] = article.Path });
        Assert.Contains("A rude remark", await anonymous.GetStringAsync(article.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_stream_sends_a_story_as_it_is_published()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var client = server.Anonymous();
        client.Timeout = TimeSpan.FromSeconds(30);
        using var response = await client.GetAsync("/live", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("event: hello", await reader.ReadLineAsync());

        var article = await PublishAppleAsync(server);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? data = null;
        while (data is null && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == "event: story")
            {
                data = await reader.ReadLineAsync(timeout.Token);
            }
        }

        Assert.NotNull(data);
        Assert.Contains("\"headline\":\"Apple plans South Korea factory\"", data, StringComparison.Ordinal);
        Assert.Contains($"\"path\":\"{article.Path}\"", data, StringComparison.Ordinal);
        Assert.Contains("\"change\":\"published\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_live_stream_first_sends_what_was_published_since_the_page_was_rendered()
    {
        await using var server = await NewsroomServer.StartAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds();
        await PublishAppleAsync(server);
        using var client = server.Anonymous();
        using var response = await client.GetAsync($"/live?since={before}", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var lines = new List<string>();
        while (!lines.Contains("event: story") && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
        }

        Assert.Contains("event: story", lines);
    }
}
