using System.Net;
using Wiredesk.Bus;
using Wiredesk.Editorial;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

public class DeskTests
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task An_editor_sees_the_draft_edits_it_is_refused_while_unsupported_and_publishes_with_an_override()
    {
        await using var server = await NewsroomServer.StartAsync();
        var (storyId, editor) = await DraftedStoryAsync(server);

        var queue = await editor.GetStringAsync("/desk");
        var desk = await new DraftStore(server.Composition.Database).GetDeskAsync(storyId);
        Assert.Contains(WebUtility.HtmlEncode(desk!.Headline), queue, StringComparison.Ordinal);
        var page = await editor.GetStringAsync($"/desk/stories/{storyId}");
        Assert.Contains("class=\"sentence supported\"", page, StringComparison.Ordinal);
        Assert.Contains("data-report=", page, StringComparison.Ordinal);

        // The editor changes a figure: the save re-runs the verifier, which flags it with its reason.
        var saved = await DeskKit.SaveEditAsync(editor, storyId, text => text.Replace("30%", "90%", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await editor.GetStringAsync($"/desk/stories/{storyId}");
        Assert.Contains("class=\"sentence unsupported\"", page, StringComparison.Ordinal);
        Assert.Contains("90%", page, StringComparison.Ordinal);
        Assert.Contains("number:", page, StringComparison.Ordinal);

        var refused = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/publish", []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("unsupported", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await new ArticleStore(server.Composition.Database).GetByStoryAsync(storyId));

        var published = server.Composition.Bus.SubscribeAsync<StoryPublished>();
        var approved = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/publish", new() { ["override"] = "Port confirmed 90% by phone" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var article = await new ArticleStore(server.Composition.Database).GetByStoryAsync(storyId);
        Assert.Equal("This story was generated using Wiredesk and edited by Ada Byron.", article!.Draft.ClosingLine);
        Assert.Equal("Ada Byron", article.EditorName);
        Assert.Equal(DeskStatus.Published, (await new DraftStore(server.Composition.Database).GetDeskAsync(storyId))!.Status);
        var audit = await new AuditLog(server.Composition.Database).LatestAsync(10, "story", storyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(audit, e => e.Action == "override" && e.Detail!.Contains("Port confirmed 90% by phone", StringComparison.Ordinal) && e.UserName == "ada");
        Assert.Contains(audit, e => e.Action == "publish");
        Assert.Contains(audit, e => e.Action == "edit");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var messages = published.GetAsyncEnumerator(wait.Token);
        Assert.True(await messages.MoveNextAsync());
        Assert.Equal((storyId, PublicationChange.Published), (messages.Current.StoryId, messages.Current.Change));
    }

    [Fact]
    public async Task Reject_needs_a_reason_a_rejected_story_can_be_reopened_and_history_shows_the_edit_as_a_diff()
    {
        await using var server = await NewsroomServer.StartAsync();
        var (storyId, editor) = await DraftedStoryAsync(server);
        await DeskKit.SaveEditAsync(editor, storyId, text => text.Replace("$450 million", "$455 million", StringComparison.Ordinal));

        var history = await editor.GetStringAsync($"/desk/stories/{storyId}/history");
        Assert.Contains("<del>$450", history, StringComparison.Ordinal);
        Assert.Contains("<ins>$455", history, StringComparison.Ordinal);

        var noReason = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/reject", new() { ["reason"] = "  " });
        Assert.Equal(HttpStatusCode.Conflict, noReason.StatusCode);
        var rejected = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/reject", new() { ["reason"] = "Local story, not for the wire" });
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        var desk = await new DraftStore(server.Composition.Database).GetDeskAsync(storyId);
        Assert.Equal((DeskStatus.Rejected, "Local story, not for the wire"), (desk!.Status, desk.StatusNote));

        // A rejected story cannot be published until it is reopened.
        var publish = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/publish", []);
        Assert.Equal(HttpStatusCode.Conflict, publish.StatusCode);
        await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/reopen", []);
        Assert.Equal(DeskStatus.Drafted, (await new DraftStore(server.Composition.Database).GetDeskAsync(storyId))!.Status);
    }

    [Fact]
    public async Task A_published_story_can_be_corrected_with_a_note_and_killed_with_a_notice_both_audited()
    {
        await using var server = await NewsroomServer.StartAsync();
        var (storyId, editor) = await DraftedStoryAsync(server);
        Assert.Equal(HttpStatusCode.Redirect, (await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/publish", [])).StatusCode);

        await DeskKit.SaveEditAsync(editor, storyId, text => text);
        var corrected = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/correct", new() { ["note"] = "An earlier version misstated the cost." });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var articles = new ArticleStore(server.Composition.Database);
        var article = await articles.GetByStoryAsync(storyId);
        Assert.Equal((2, "An earlier version misstated the cost."), (article!.Version, article.CorrectionNote));

        var killed = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/kill", new() { ["notice"] = "Withdrawn: the terminal opening was postponed." });
        Assert.Equal(HttpStatusCode.Redirect, killed.StatusCode);
        article = await articles.GetByStoryAsync(storyId);
        Assert.Equal(ArticleStatus.Killed, article!.Status);
        Assert.Equal(DeskStatus.Killed, (await new DraftStore(server.Composition.Database).GetDeskAsync(storyId))!.Status);

        var audit = await editor.GetStringAsync("/desk/audit");
        Assert.Contains("correct", audit, StringComparison.Ordinal);
        Assert.Contains("Withdrawn: the terminal opening was postponed.", audit, StringComparison.Ordinal);
        // Killed is final: no further edit or action is offered or accepted.
        Assert.Equal(HttpStatusCode.Conflict, (await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/correct", new() { ["note"] = "again" })).StatusCode);
    }

    [Fact]
    public async Task Hostile_markup_in_reports_and_headlines_is_shown_as_text_on_the_desk()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var hostile = DeskKit.Report(title: "Port of Calder <script>alert('title')</script> Opens Terminal")
            + "\nThe port said <img src=x onerror=alert('text')> more ships would follow.\n";
        var pushed = await DeskKit.PushOneAsync(api, hostile);
        var storyId = pushed.StoryId!.Value;
        await DeskKit.WaitForDeskAsync(server.Composition.Database, storyId);
        await server.AddUserAsync("ada", Roles.Editor, Password, "Ada <b>Byron</b>");
        using var editor = await server.SignInAsync("ada");
        await DeskKit.SaveEditAsync(editor, storyId, text => text, headline: "<script>alert('headline')</script> Terminal opens");

        foreach (var path in new[] { $"/desk/stories/{storyId}", "/desk", $"/desk/stories/{storyId}/edit", $"/desk/stories/{storyId}/history", "/desk/audit" })
        {
            var html = await editor.GetStringAsync(path);
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>Byron", html, StringComparison.Ordinal);
        }

        var page = await editor.GetStringAsync($"/desk/stories/{storyId}");
        Assert.Contains("&lt;script&gt;alert(&#x27;headline&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(&#x27;text&#x27;)&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_desk_form_is_refused_without_its_csrf_token()
    {
        await using var server = await NewsroomServer.StartAsync();
        var (storyId, editor) = await DraftedStoryAsync(server);
        var page = await editor.GetStringAsync($"/desk/stories/{storyId}");
        var edit = await editor.GetStringAsync($"/desk/stories/{storyId}/edit");
        var actions = System.Text.RegularExpressions.Regex.Matches(page + edit, "<form method=\"post\" action=\"(?<a>/desk/[^\"]+)\"")
            .Select(m => m.Groups["a"].Value).Distinct().ToList();
        Assert.Contains($"/desk/stories/{storyId}/publish", actions);
        Assert.Contains($"/desk/stories/{storyId}/edit", actions);
        Assert.True(actions.Count >= 3, string.Join(", ", actions));
        foreach (var action in actions)
        {
            var response = await editor.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x", ["override"] = "x", ["headline"] = "x" }));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{action}: {response.StatusCode}");
        }

        var desk = await new DraftStore(server.Composition.Database).GetDeskAsync(storyId);
        Assert.Equal((DeskStatus.Drafted, 1), (desk!.Status, (await new DraftStore(server.Composition.Database).RevisionsAsync(storyId)).Count));
    }

    [Fact]
    public async Task The_desk_hears_of_new_drafts_live()
    {
        await using var server = await NewsroomServer.StartAsync();
        await server.AddUserAsync("ada", Roles.Editor, Password, "Ada Byron");
        using var editor = await server.SignInAsync("ada");
        using var events = await editor.GetAsync("/desk/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Equal("event: ready", await reader.ReadLineAsync());

        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var pushed = await DeskKit.PushOneAsync(api, DeskKit.Report());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? line;
        while ((line = await reader.ReadLineAsync(timeout.Token)) is not null && line != "event: story-updated")
        {
        }

        Assert.Equal("event: story-updated", line);
        Assert.Equal($"data: {pushed.StoryId}", await reader.ReadLineAsync(timeout.Token));
    }

    /// <summary>A pushed report's story with its machine draft, and a signed-in editor "Ada Byron".</summary>
    private static async Task<(long StoryId, HttpClient Editor)> DraftedStoryAsync(NewsroomServer server)
    {
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var pushed = await DeskKit.PushOneAsync(api, DeskKit.Report());
        await DeskKit.WaitForDeskAsync(server.Composition.Database, pushed.StoryId!.Value);
        await server.AddUserAsync("ada", Roles.Editor, Password, "Ada Byron");
        return (pushed.StoryId.Value, await server.SignInAsync("ada"));
    }
}
