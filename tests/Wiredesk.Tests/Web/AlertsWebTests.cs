using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wiredesk.Editorial;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

/// <summary>The reader's side of alerts against the real server and SQLite file: watchlists on pages and through the
/// API, ownership, alerts raised by the desk arriving on a reader's live stream, edits applying to the next story,
/// corrections and kills following the story, alerts surviving a restart, read and unread.</summary>
public class AlertsWebTests
{
    [Fact]
    public async Task Watchlists_are_created_edited_and_deleted_on_pages_and_a_refused_item_is_shown_inline_with_its_message()
    {
        await using var server = await AlertsKit.StartAsync();
        var (rita, browser, _) = await AlertsKit.ReaderAsync(server, "rita");

        // An unbalanced query and an unknown company: 400, the page shows each message beside its item, nothing saved.
        var refused = await NewsroomServer.PostFormPairsAsync(browser, "/watchlists", "/watchlists", Form("Ports <b>", ("query", "(container OR terminal"), ("company", "Nonexistent Widgets Ltd")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("invalid query: unbalanced parenthesis at 1: &#x27;(&#x27; is never closed", page, StringComparison.Ordinal);
        Assert.Contains("unknown company &#x27;Nonexistent Widgets Ltd&#x27;", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Ports &lt;b&gt;\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.Empty(await server.Composition.Alerting.Watchlists.OfOwnerAsync(rita.Id));

        var created = await NewsroomServer.PostFormPairsAsync(browser, "/watchlists", "/watchlists", Form("Ports", ("query", "container AND terminal"), ("ticker", "LMT"), ("country", "KR")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var path = created.Headers.Location!.OriginalString;
        var list = await browser.GetStringAsync("/watchlists");
        Assert.Contains("Ports", list, StringComparison.Ordinal);
        Assert.Contains("container AND terminal", list, StringComparison.Ordinal);

        var edited = await NewsroomServer.PostFormPairsAsync(browser, path, path, Form("Harbours", ("topic", "economy, business and finance"), ("person", "Anna Hale")));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var edit = await browser.GetStringAsync(path);
        Assert.Contains("value=\"Harbours\"", edit, StringComparison.Ordinal);
        Assert.Contains("value=\"Anna Hale\"", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("container AND terminal", edit, StringComparison.Ordinal);

        var deleted = await NewsroomServer.PostFormAsync(browser, path, path + "/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(path)).StatusCode);
        Assert.Equal(0, server.Composition.Alerting.Matcher.Count);
    }

    [Fact]
    public async Task A_form_post_without_its_csrf_token_is_refused()
    {
        await using var server = await AlertsKit.StartAsync();
        var (user, browser, _) = await AlertsKit.ReaderAsync(server, "rita");
        using var response = await browser.PostAsync("/watchlists", new FormUrlEncodedContent(Form("Ports", ("query", "terminal"))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await server.Composition.Alerting.Watchlists.OfOwnerAsync(user.Id));

        // A button that posts no field of its own is checked too.
        var (key, info) = await new UserStore(server.Composition.Database).CreateApiKeyAsync(user.Id, "script", DateTimeOffset.UtcNow);
        using var revoke = await browser.PostAsync($"/account/keys/{info.Id}/revoke", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, revoke.StatusCode);
        using var api = DeskKit.ApiClient(server.BaseAddress, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/alerts")).StatusCode);
    }

    [Theory]
    [InlineData("query", "(missile OR rocket", "unbalanced parenthesis at 1", 1)]
    [InlineData("query", "missile OR rocket) launch", "unbalanced parenthesis at 18", 18)]
    [InlineData("query", "korea NOT", "NOT needs a term after it at 7", 7)]
    [InlineData("query", "NOT korea", "a story cannot be found by what it lacks", 1)]
    [InlineData("company", "Nonexistent Widgets Ltd", "unknown company", null)]
    [InlineData("country", "Atlantis", "unknown country", null)]
    [InlineData("ticker", "NOT A TICKER", "is not a ticker symbol", null)]
    [InlineData("planet", "Mars", "unknown item kind 'planet'", null)]
    public async Task The_api_answers_an_invalid_item_with_400_and_the_message_and_position(string kind, string value, string message, int? position)
    {
        await using var server = await AlertsKit.StartAsync();
        var (user, _, api) = await AlertsKit.ReaderAsync(server, "rita");
        using var response = await api.PostAsJsonAsync("/api/watchlists", new { name = "Bad", items = new[] { new { kind = "ticker", value = "LMT" }, new { kind, value } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("item").GetInt32());
        Assert.Contains(message, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(position, error.GetProperty("position").ValueKind == JsonValueKind.Null ? null : error.GetProperty("position").GetInt32());
        Assert.Empty(await server.Composition.Alerting.Watchlists.OfOwnerAsync(user.Id));
    }

    [Fact]
    public async Task The_api_creates_reads_replaces_and_deletes_watchlists()
    {
        await using var server = await AlertsKit.StartAsync();
        var (_, _, api) = await AlertsKit.ReaderAsync(server, "rita");
        var id = await AlertsKit.WatchlistAsync(api, "Defence", ("ticker", "LMT"), ("query", "missile AND korea"));

        var lists = await api.GetFromJsonAsync<JsonElement>("/api/watchlists");
        var only = Assert.Single(lists.EnumerateArray());
        Assert.Equal("Defence", only.GetProperty("name").GetString());
        Assert.Equal(["ticker:LMT", "query:missile AND korea"], only.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("kind").GetString()}:{i.GetProperty("value").GetString()}"));

        using var put = await api.PutAsJsonAsync($"/api/watchlists/{id}", new { name = "Korea", items = new[] { new { kind = "country", value = "South Korea" } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var one = await api.GetFromJsonAsync<JsonElement>($"/api/watchlists/{id}");
        Assert.Equal("Korea", one.GetProperty("name").GetString());
        Assert.Equal("South Korea", Assert.Single(one.GetProperty("items").EnumerateArray()).GetProperty("value").GetString());

        using var duplicate = await api.PostAsJsonAsync("/api/watchlists", new { name = "Korea", items = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/watchlists/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/watchlists/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/watchlists/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_reader_never_sees_or_changes_another_readers_watchlists_or_alerts()
    {
        await using var server = await AlertsKit.StartAsync(AlertsKit.AutoPublish);
        var (rita, _, ritaApi) = await AlertsKit.ReaderAsync(server, "rita");
        var (_, sam, samApi) = await AlertsKit.ReaderAsync(server, "sam");
        var ritas = await AlertsKit.WatchlistAsync(ritaApi, "Ports", ("query", "container AND terminal"));
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        await AlertsKit.PushFromWireAsync(wire, DeskKit.Report());
        var alert = (await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Count == 1))[0];

        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync($"/watchlists/{ritas}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await NewsroomServer.PostFormPairsAsync(sam, "/watchlists", $"/watchlists/{ritas}", Form("Mine now", ("ticker", "LMT")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await NewsroomServer.PostFormAsync(sam, "/watchlists", $"/watchlists/{ritas}/delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync($"/alerts/{alert.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await NewsroomServer.PostFormAsync(sam, "/alerts", $"/alerts/{alert.Id}/read", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await samApi.GetAsync($"/api/watchlists/{ritas}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await samApi.PutAsJsonAsync($"/api/watchlists/{ritas}", new { name = "x", items = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await samApi.DeleteAsync($"/api/watchlists/{ritas}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await samApi.PostAsync($"/api/alerts/{alert.Id}/read", null)).StatusCode);
        Assert.Empty((await samApi.GetFromJsonAsync<JsonElement>("/api/watchlists")).EnumerateArray());
        Assert.Empty((await samApi.GetFromJsonAsync<JsonElement>("/api/alerts")).GetProperty("alerts").EnumerateArray());
        Assert.DoesNotContain(alert.Headline, await sam.GetStringAsync("/alerts"), StringComparison.Ordinal);

        // Rita's list and alert are untouched.
        Assert.NotNull(await server.Composition.Alerting.Watchlists.GetAsync(rita.Id, ritas));
        Assert.Null((await new AlertStore(server.Composition.Database).GetAsync(rita.Id, alert.Id))!.ReadAt);
    }

    [Fact]
    public async Task A_signed_in_readers_event_stream_gets_the_alert_with_headline_and_reason_when_the_desk_publishes_a_matching_story()
    {
        await using var server = await AlertsKit.StartAsync();
        var (rita, browser, ritaApi) = await AlertsKit.ReaderAsync(server, "rita");
        var (sam, _, samApi) = await AlertsKit.ReaderAsync(server, "sam");
        await AlertsKit.WatchlistAsync(ritaApi, "Ports", ("query", "container AND terminal"), ("person", "Anna Hale"));
        await AlertsKit.WatchlistAsync(samApi, "Dairy", ("query", "dairy"));
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var storyId = await AlertsKit.DraftedAsync(server, wire, DeskKit.Report());
        await server.AddUserAsync("ada", Roles.Editor, displayName: "Ada Byron");
        using var editor = await server.SignInAsync("ada");

        using var events = await browser.GetAsync("/alerts/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(0, JsonDocument.Parse(await AlertsKit.NextEventAsync(reader, "hello", timeout.Token)).RootElement.GetProperty("unread").GetInt32());

        await AlertsKit.PublishAsync(editor, storyId);
        var article = await new ArticleStore(server.Composition.Database).GetByStoryAsync(storyId);
        using var notice = JsonDocument.Parse(await AlertsKit.NextEventAsync(reader, "alert", timeout.Token));
        var data = notice.RootElement;
        Assert.Equal(article!.Headline, data.GetProperty("headline").GetString());
        Assert.Equal("published", data.GetProperty("change").GetString());
        Assert.Equal($"/stories/{storyId}", data.GetProperty("link").GetString());
        var reason = data.GetProperty("reason").GetString()!;
        Assert.True(reason.Contains("Anna Hale", StringComparison.Ordinal) || reason.Contains("container AND terminal", StringComparison.Ordinal), reason);
        Assert.True(data.GetProperty("unread").GetInt32() >= 1);

        // Stored, listed newest first with the reason and the matched item; Sam's dairy list matched nothing.
        var stored = await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Count >= 1);
        Assert.Contains(stored, a => a.Id == data.GetProperty("id").GetInt64());
        Assert.All(stored, a => Assert.Equal((AlertChange.Published, storyId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (a.Change, a.StoryId)));
        var page = await browser.GetStringAsync("/alerts");
        Assert.Contains(System.Net.WebUtility.HtmlEncode(article.Headline), page, StringComparison.Ordinal);
        Assert.Contains("query: container AND terminal", page, StringComparison.Ordinal);
        Assert.Contains("matches the query container AND terminal", page, StringComparison.Ordinal);
        Assert.Empty(await new AlertStore(server.Composition.Database).OfOwnerAsync(sam.Id));
    }

    [Fact]
    public async Task An_edit_to_a_watchlist_takes_effect_for_the_next_story()
    {
        await using var server = await AlertsKit.StartAsync(AlertsKit.AutoPublish);
        var (rita, _, api) = await AlertsKit.ReaderAsync(server, "rita");
        var id = await AlertsKit.WatchlistAsync(api, "Food", ("query", "butter OR cheese"));
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));

        // The port story does not match "butter OR cheese".
        var port = await AlertsKit.PushFromWireAsync(wire, DeskKit.Report());
        await WaitForArticleAsync(server, port);
        await server.Composition.Alerting.CatchUpAsync(CancellationToken.None);
        Assert.Empty(await new AlertStore(server.Composition.Database).OfOwnerAsync(rita.Id));

        // Now the list follows milk: the next story (the dairy one) alerts at once, without a restart.
        using var put = await api.PutAsJsonAsync($"/api/watchlists/{id}", new { name = "Food", items = new[] { new { kind = "query", value = "milk AND farmers" } } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var dairy = await AlertsKit.PushFromWireAsync(wire, AlertsKit.DairyReport());
        var alert = Assert.Single(await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Count > 0));
        Assert.Equal(dairy.ToString(System.Globalization.CultureInfo.InvariantCulture), alert.StoryId);
        Assert.Equal("matches the query milk AND farmers", alert.ReasonText);
        Assert.Equal("query: milk AND farmers", alert.ItemLabel);
    }

    [Fact]
    public async Task Corrections_and_kills_alert_every_reader_alerted_before_with_what_changed_even_when_their_list_no_longer_matches()
    {
        await using var server = await AlertsKit.StartAsync();
        var (rita, _, ritaApi) = await AlertsKit.ReaderAsync(server, "rita");
        var (sam, _, _) = await AlertsKit.ReaderAsync(server, "sam");
        var ritas = await AlertsKit.WatchlistAsync(ritaApi, "Ports", ("query", "container AND terminal"));
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var storyId = await AlertsKit.DraftedAsync(server, wire, DeskKit.Report());
        await server.AddUserAsync("ada", Roles.Editor, displayName: "Ada Byron");
        using var editor = await server.SignInAsync("ada");
        await AlertsKit.PublishAsync(editor, storyId);
        await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Count == 1);

        // Rita stops following ports; the correction still reaches her, with the note.
        Assert.Equal(HttpStatusCode.NoContent, (await ritaApi.DeleteAsync($"/api/watchlists/{ritas}")).StatusCode);
        const string Note = "An earlier version misstated the cost of the terminal.";
        var corrected = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/correct", new() { ["note"] = Note, ["override"] = "checked" });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var correction = (await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Any(x => x.Change == AlertChange.Corrected)))[0];
        Assert.Equal((AlertChange.Corrected, 2, Note), (correction.Change, correction.Version, correction.Note));

        const string Notice = "Withdrawn: the terminal opening was postponed.";
        var killed = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/kill", new() { ["notice"] = Notice });
        Assert.Equal(HttpStatusCode.Redirect, killed.StatusCode);
        var alerts = await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Any(x => x.Change == AlertChange.Killed));
        Assert.Equal([AlertChange.Killed, AlertChange.Corrected, AlertChange.Published], alerts.Select(a => a.Change));
        Assert.Equal(Notice, alerts[0].Note);

        // Reading the same publications again adds nothing; Sam, never alerted, hears nothing.
        await using (var connection = await server.Composition.Database.ConnectAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE alert_progress SET publications_at = ''");
        }

        Assert.Empty(await server.Composition.Alerting.CatchUpAsync(CancellationToken.None));
        Assert.Equal(3, (await new AlertStore(server.Composition.Database).OfOwnerAsync(rita.Id)).Count);
        Assert.Empty(await new AlertStore(server.Composition.Database).OfOwnerAsync(sam.Id));
        using var list = await ritaApi.GetFromJsonAsync<JsonDocument>("/api/alerts");
        var first = list!.RootElement.GetProperty("alerts")[0];
        Assert.Equal(("killed", Notice), (first.GetProperty("change").GetString(), first.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task Alerts_are_stored_before_delivery_and_a_publication_made_while_the_server_was_down_alerts_on_the_next_start()
    {
        var folder = TestPaths.NewTempFolder();
        long ritaId;
        long storyId;
        long firstAlert;
        await using (var server = await AlertsKit.StartAsync(AlertsKit.AutoPublish, folder))
        {
            var (rita, _, api) = await AlertsKit.ReaderAsync(server, "rita");
            ritaId = rita.Id;
            await AlertsKit.WatchlistAsync(api, "Ports", ("query", "container AND terminal"), ("query", "dairy"));
            using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
            var raised = server.Composition.Bus.SubscribeAsync<Bus.AlertRaised>();
            await AlertsKit.PushFromWireAsync(wire, DeskKit.Report());
            await using var messages = raised.GetAsyncEnumerator();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            Assert.True(await messages.MoveNextAsync().AsTask().WaitAsync(wait.Token));
            // When the message is out, the alert it names is already in the store.
            var stored = await new AlertStore(server.Composition.Database).GetAsync(ritaId, messages.Current.AlertId);
            Assert.NotNull(stored);
            firstAlert = stored.Id;
            // The dairy story comes from a wire that does not auto-publish: it waits on the desk.
            storyId = await AlertsKit.PushFromWireAsync(wire, AlertsKit.DairyReport(), "Other Wire");
            await DeskKit.WaitForDeskAsync(server.Composition.Database, storyId);
        }

        // With no server running, the dairy story is published straight into the store: no bus, no alert worker.
        using (var offline = await App.Composition.CreateAsync(new Settings { DataFolder = folder }, CancellationToken.None))
        {
            var alertsBefore = await new AlertStore(offline.Database).OfOwnerAsync(ritaId);
            Assert.DoesNotContain(alertsBefore, a => a.StoryId == storyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await PublishDirectlyAsync(offline.Database, storyId);
        }

        await using (var restarted = await AlertsKit.StartAsync(AlertsKit.AutoPublish, folder))
        {
            var alerts = await AlertsKit.WaitForAlertsAsync(restarted, ritaId, a => a.Any(x => x.StoryId == storyId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Contains(alerts, a => a.Id == firstAlert);
            Assert.Equal(2, alerts.Count);
        }
    }

    [Fact]
    public async Task Alerts_are_marked_read_and_unread_one_at_a_time_or_all_at_once_on_pages_and_through_the_api()
    {
        await using var server = await AlertsKit.StartAsync(AlertsKit.AutoPublish);
        var (rita, browser, api) = await AlertsKit.ReaderAsync(server, "rita");
        await AlertsKit.WatchlistAsync(api, "Everything", ("query", "terminal"), ("query", "dairy"), ("person", "Anna Hale"));
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        await AlertsKit.PushFromWireAsync(wire, DeskKit.Report());
        await AlertsKit.PushFromWireAsync(wire, AlertsKit.DairyReport());
        var alerts = await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Select(x => x.StoryId).Distinct().Count() == 2);
        var store = new AlertStore(server.Composition.Database);
        Assert.True(alerts.Count >= 3);

        var one = alerts[^1];
        Assert.Equal(HttpStatusCode.Redirect, (await NewsroomServer.PostFormAsync(browser, "/alerts", $"/alerts/{one.Id}/read", [])).StatusCode);
        Assert.NotNull((await store.GetAsync(rita.Id, one.Id))!.ReadAt);
        var unreadPage = await browser.GetStringAsync("/alerts?unread=true");
        Assert.DoesNotContain($"data-alert=\"{one.Id}\"", unreadPage, StringComparison.Ordinal);
        Assert.Contains($"data-alert=\"{alerts[0].Id}\"", unreadPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await NewsroomServer.PostFormAsync(browser, "/alerts", $"/alerts/{one.Id}/unread", [])).StatusCode);
        Assert.Null((await store.GetAsync(rita.Id, one.Id))!.ReadAt);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/alerts/{alerts[0].Id}/read", null)).StatusCode);
        var unread = await api.GetFromJsonAsync<JsonElement>("/api/alerts?unread=true");
        Assert.Equal(alerts.Count - 1, unread.GetProperty("unread").GetInt32());
        Assert.Equal(alerts.Skip(1).Select(a => a.Id), unread.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));

        // Paging: one a page, newest first, following next to the end.
        var seen = new List<long>();
        var next = "/api/alerts?limit=1";
        while (next is not null)
        {
            var page = await api.GetFromJsonAsync<JsonElement>(next);
            seen.AddRange(page.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }

        Assert.Equal(alerts.Select(a => a.Id), seen);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/alerts?limit=0")).StatusCode);

        using var all = await api.PostAsync("/api/alerts/read-all", null);
        Assert.Equal(alerts.Count - 1, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("marked").GetInt32());
        Assert.Equal(0, await store.UnreadCountAsync(rita.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/alerts/{one.Id}/unread", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await NewsroomServer.PostFormAsync(browser, "/alerts", "/alerts/read-all", [])).StatusCode);
        Assert.Equal(0, await store.UnreadCountAsync(rita.Id));
    }

    [Fact]
    public async Task A_readers_api_key_works_for_their_alerts_api_and_is_refused_on_editor_routes()
    {
        await using var server = await AlertsKit.StartAsync();
        var (_, _, api) = await AlertsKit.ReaderAsync(server, "rita");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/watchlists")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DeskKit.PushAsync(api, DeskKit.Report())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/desk/")).StatusCode);

        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/watchlists")).StatusCode);
        using var openApi = JsonDocument.Parse(await anonymous.GetStringAsync("/api/openapi.json"));
        var paths = openApi.RootElement.GetProperty("paths");
        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _))
            .Select(o => o.Value.GetProperty("operationId").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "ListWatchlists", "CreateWatchlist", "GetWatchlist", "ReplaceWatchlist", "DeleteWatchlist", "ListAlerts", "MarkAlertRead", "MarkAlertUnread", "MarkAllAlertsRead" }, operations);
        Assert.False(paths.TryGetProperty("/watchlists", out _));

        using var wrong = DeskKit.ApiClient(server.BaseAddress, "wd_not_a_real_key_at_all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/alerts")).StatusCode);
        var signIn = await anonymous.GetAsync("/watchlists");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/account/sign-in", new Uri(server.BaseAddress, signIn.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task A_signed_in_user_creates_a_key_sees_it_once_uses_it_and_revokes_it()
    {
        await using var server = await AlertsKit.StartAsync();
        await server.AddUserAsync("rita", Roles.Reader);
        using var browser = await server.SignInAsync("rita");
        var created = await NewsroomServer.PostFormAsync(browser, "/account/keys", "/account/keys", new() { ["name"] = "Portfolio <script>" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await created.Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(page, "id=\"new-key\">(wd_[0-9a-f]+)<").Groups[1].Value;
        Assert.NotEmpty(key);
        Assert.Contains("Portfolio &lt;script&gt;", page, StringComparison.Ordinal);

        // Shown once: the list afterwards has the name and prefix, never the key; the store has only its hash.
        var list = await browser.GetStringAsync("/account/keys");
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.Contains(key[..9], list, StringComparison.Ordinal);
        using var api = DeskKit.ApiClient(server.BaseAddress, key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/alerts")).StatusCode);

        var info = Assert.Single(await new UserStore(server.Composition.Database).ApiKeysOfAsync((await new UserStore(server.Composition.Database).FindByNameAsync("rita"))!.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await NewsroomServer.PostFormAsync(browser, "/account/keys", $"/account/keys/{info.Id}/revoke", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/alerts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await NewsroomServer.PostFormAsync(browser, "/account/keys", $"/account/keys/{info.Id}/revoke", [])).StatusCode);
    }

    [Fact]
    public async Task A_breaking_sources_fully_supported_draft_alerts_before_publication_and_the_alert_page_says_it_is_unedited()
    {
        await using var server = await AlertsKit.StartAsync(new SourceSetting { Breaking = true });
        var (rita, browser, api) = await AlertsKit.ReaderAsync(server, "rita");
        await AlertsKit.WatchlistAsync(api, "Ports", ("query", "container AND terminal"));
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var storyId = await AlertsKit.PushFromWireAsync(wire, DeskKit.Report());

        var alert = Assert.Single(await AlertsKit.WaitForAlertsAsync(server, rita.Id, a => a.Count > 0));
        Assert.Equal((AlertChange.Breaking, (long?)null), (alert.Change, alert.ArticleId));
        Assert.Null(await new ArticleStore(server.Composition.Database).GetByStoryAsync(storyId));
        var desk = await new DraftStore(server.Composition.Database).GetDeskAsync(storyId);
        Assert.Equal((0, desk!.Headline), (desk.Unsupported, alert.Headline));
        Assert.Contains("container terminal", alert.Summary, StringComparison.Ordinal);

        var page = await browser.GetStringAsync($"/alerts/{alert.Id}");
        Assert.Contains("Unedited.", page, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(alert.Summary), page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/alerts/{alert.Id}\"", await browser.GetStringAsync("/alerts"), StringComparison.Ordinal);
    }

    /// <summary>A watchlist form's fields: the name, then one "kind" and one "value" per row, repeated in order.</summary>
    private static List<KeyValuePair<string, string>> Form(string name, params (string Kind, string Value)[] items) =>
        [new("name", name), .. items.SelectMany(i => new KeyValuePair<string, string>[] { new("kind", i.Kind), new("value", i.Value) })];

    private static async Task<Article> WaitForArticleAsync(NewsroomServer server, long storyId)
    {
        var store = new ArticleStore(server.Composition.Database);
        for (var i = 0; i < 800; i++)
        {
            if (await store.GetByStoryAsync(storyId) is { } article)
            {
                return article;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"story {storyId} was not published");
    }

    private static async Task PublishDirectlyAsync(Database database, long storyId)
    {
        var desk = await new DraftStore(database).GetDeskAsync(storyId);
        var revision = await new DraftStore(database).GetRevisionAsync(desk!.CurrentDraftId);
        await using var connection = await database.ConnectAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await ArticleStore.PublishAsync(connection, tx, new Publication { StoryId = storyId, DraftId = revision!.Id, Draft = revision.Draft, EditorName = "Ada Byron", At = DateTimeOffset.UtcNow });
        await tx.CommitAsync();
    }
}
