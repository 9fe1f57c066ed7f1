using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wiredesk.Alerts;
using Wiredesk.Alerts.Delivery;
using Wiredesk.Bus;
using Wiredesk.Editorial;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

/// <summary>Webhooks through the running server: the API with personal keys, the pages with cookies and CSRF, and the
/// delivery worker posting to a real receiver — dead letters included — with every reader confined to their own.</summary>
public class WebhookTests
{
    private static Settings Fast(SmtpSettings? email = null) => new()
    {
        Delivery = new DeliverySettings
        {
            SiteUrl = "https://news.example.org",
            Email = email,
            Webhooks = new WebhookSettings
            {
                MaxAttempts = 2,
                AttemptTimeoutSeconds = 2,
                BaseDelaySeconds = 0.05,
                MaxDelaySeconds = 0.1,
                PollSeconds = 0.2,
                AllowedPrivateHosts = ["127.0.0.1"],
            },
        },
    };

    private static Task<NewsroomServer> StartAsync(Settings settings) =>
        NewsroomServer.StartAsync(settings, new App.Web.ServeOptions { PollSources = false });

    /// <summary>Stores an alert for the user as the alert-raising service does, and announces it on the bus.</summary>
    private static async Task<long> RaiseAlertAsync(NewsroomServer server, long userId, string storyId)
    {
        var database = server.Composition.Database;
        var lists = new WatchlistStore(database);
        var list = await lists.OfOwnerAsync(userId) is [var first, ..]
            ? first
            : await lists.AddAsync(userId, "Defence", [new(WatchlistItemKind.Ticker, "LMT")], DateTimeOffset.UtcNow);
        var match = new AlertMatch(list.Id, userId, 0, WatchlistItemKind.Ticker, MatchKind.Direct, new MatchReason([new ReasonStep("entity", "company:LMT", "mentions Lockheed Martin (LMT)")]));
        await new AlertStore(database).AddAsync(storyId, [match], DateTimeOffset.UtcNow);
        var id = (await new AlertStore(database).OfOwnerAsync(userId)).Max(a => a.Id);
        await server.Composition.Bus.PublishAsync(new AlertRaised(id, userId, 0, DateTimeOffset.UtcNow));
        return id;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what, int timeoutMs = 20_000)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(waited.ElapsedMilliseconds < timeoutMs, $"timed out waiting for {what}");
            await Task.Delay(25);
        }
    }

    private static async Task<JsonElement[]> DeliveriesAsync(HttpClient api, long webhook, string status)
    {
        using var response = await api.GetAsync($"/api/webhooks/{webhook}/deliveries?status={status}");
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    [Fact]
    public async Task Through_the_api_a_reader_registers_a_webhook_sees_its_dead_letter_and_replays_it_once_the_receiver_recovers()
    {
        await using var server = await StartAsync(Fast());
        await using var receiver = await WebhookReceiver.StartAsync();
        var key = await DeskKit.ApiKeyAsync(server, "rhea", Roles.Reader);
        var rhea = (await new UserStore(server.Composition.Database).FindByNameAsync("rhea"))!;
        using var api = DeskKit.ApiClient(server.BaseAddress, key);

        using var created = await api.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url.ToString() });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var registered = await created.Content.ReadFromJsonAsync<JsonElement>();
        var webhook = registered.GetProperty("webhook").GetProperty("id").GetInt64();
        receiver.Secret = registered.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", receiver.Secret, StringComparison.Ordinal);
        Assert.Equal($"/api/webhooks/{webhook}", created.Headers.Location!.OriginalString);
        var listed = await api.GetFromJsonAsync<JsonElement>("/api/webhooks");
        Assert.Equal(receiver.Url.ToString(), Assert.Single(listed.EnumerateArray()).GetProperty("url").GetString());
        Assert.DoesNotContain("whsec_", listed.GetRawText(), StringComparison.Ordinal);

        receiver.Respond = _ => (500, TimeSpan.Zero);
        var alert = await RaiseAlertAsync(server, rhea.Id, "77");
        var dead = (await WaitForAsync(async () => await DeliveriesAsync(api, webhook, "dead") is { Length: 1 } found ? found : null, "the dead letter"))[0];
        Assert.Equal((alert, 2), (dead.GetProperty("alertId").GetInt64(), dead.GetProperty("attempts").GetInt32()));
        Assert.Equal(500, dead.GetProperty("lastStatus").GetInt32());
        Assert.Equal(2, receiver.Calls.Count);

        // Another reader cannot see, replay or delete it.
        using var other = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "otto", Roles.Reader));
        var deliveryId = dead.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/webhooks/{webhook}/deliveries?status=dead")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/webhooks/{webhook}/deliveries/{deliveryId}/replay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/webhooks/{webhook}")).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/webhooks")).EnumerateArray());

        receiver.Respond = _ => (200, TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/webhooks/{webhook}/deliveries/{deliveryId}/replay", null)).StatusCode);
        var delivered = (await WaitForAsync(async () => await DeliveriesAsync(api, webhook, "delivered") is { Length: 1 } found ? found : null, "the replayed delivery"))[0];
        Assert.Equal(deliveryId, delivered.GetProperty("id").GetInt64());
        Assert.Empty(await DeliveriesAsync(api, webhook, "dead"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/webhooks/{webhook}/deliveries/{deliveryId}/replay", null)).StatusCode);
        var calls = receiver.Calls.ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.True(c.SignatureValid));
        Assert.Single(calls.Select(c => c.IdempotencyKey).Distinct());
        using (var payload = JsonDocument.Parse(calls[^1].Body))
        {
            Assert.Equal(alert, payload.RootElement.GetProperty("alertId").GetInt64());
        }

        var counts = Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/webhooks")).EnumerateArray());
        Assert.Equal((0, 1, 0), (counts.GetProperty("pending").GetInt32(), counts.GetProperty("delivered").GetInt32(), counts.GetProperty("dead").GetInt32()));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/webhooks/{webhook}")).StatusCode);
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/webhooks")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/webhooks/{webhook}/deliveries")).StatusCode);
    }

    [Fact]
    public async Task A_paused_webhook_is_sent_nothing_raised_while_paused_and_everything_raised_after_it_resumes()
    {
        await using var server = await StartAsync(Fast());
        await using var receiver = await WebhookReceiver.StartAsync();
        var key = await DeskKit.ApiKeyAsync(server, "rhea", Roles.Reader);
        var rhea = (await new UserStore(server.Composition.Database).FindByNameAsync("rhea"))!;
        using var api = DeskKit.ApiClient(server.BaseAddress, key);
        using var created = await api.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url.ToString() });
        var registered = await created.Content.ReadFromJsonAsync<JsonElement>();
        var webhook = registered.GetProperty("webhook").GetProperty("id").GetInt64();
        receiver.Secret = registered.GetProperty("secret").GetString()!;
        using var other = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "otto", Roles.Reader));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/webhooks/{webhook}/pause", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/webhooks/{webhook}/pause", null)).StatusCode);
        Assert.False(Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/webhooks")).EnumerateArray()).GetProperty("active").GetBoolean());
        var whilePaused = await RaiseAlertAsync(server, rhea.Id, "81");
        await WaitForAsync(async () => await DeliveryCursorAsync(server) >= whilePaused ? "passed" : null, "the delivery worker to pass the alert");

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/webhooks/{webhook}/resume", null)).StatusCode);
        var afterResume = await RaiseAlertAsync(server, rhea.Id, "82");
        var delivered = await WaitForAsync(async () => await DeliveriesAsync(api, webhook, "delivered") is { Length: > 0 } found ? found : null, "the delivery after resuming");

        Assert.Equal(afterResume, Assert.Single(delivered).GetProperty("alertId").GetInt64());
        var call = Assert.Single(receiver.Calls);
        Assert.True(call.SignatureValid);
        using var payload = JsonDocument.Parse(call.Body);
        Assert.Equal(afterResume, payload.RootElement.GetProperty("alertId").GetInt64());
        Assert.Contains(whilePaused, (await api.GetFromJsonAsync<JsonElement>("/api/alerts")).GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
    }

    private static async Task<long> DeliveryCursorAsync(NewsroomServer server)
    {
        await using var connection = await server.Composition.Database.ConnectAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT alert_id FROM delivery_cursor WHERE name = @name", new { name = DeliveryStore.WebhookCursor });
    }

    [Theory]
    [InlineData("http://hooks.example.org/x", "must use https://")]
    [InlineData("https://10.0.0.7/hook", "loopback or private address")]
    [InlineData("https://[::1]/hook", "loopback or private address")]
    [InlineData("not a url", "absolute https://")]
    [InlineData("", "give the URL")]
    public async Task The_api_refuses_a_bad_url_with_a_clear_message(string url, string message)
    {
        await using var server = await StartAsync(Fast());
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "rhea", Roles.Reader));
        using var response = await api.PostAsJsonAsync("/api/webhooks", new { url });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_wants_a_key_and_a_cookie_is_not_enough()
    {
        await using var server = await StartAsync(Fast());
        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/webhooks", new { url = "https://hooks.example.org/x" })).StatusCode);
        using var wrongKey = DeskKit.ApiClient(server.BaseAddress, "wd_not-a-real-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/api/webhooks")).StatusCode);
        await server.AddUserAsync("rhea", Roles.Reader);
        using var browser = await server.SignInAsync("rhea");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.DeleteAsync("/api/webhooks/1")).StatusCode);
    }

    [Fact]
    public async Task On_the_page_a_reader_registers_a_webhook_sees_the_secret_once_and_only_their_own_webhooks()
    {
        await using var server = await StartAsync(Fast());
        await server.AddUserAsync("rhea", Roles.Reader);
        await server.AddUserAsync("otto", Roles.Reader);
        using var rhea = await server.SignInAsync("rhea");
        using var otto = await server.SignInAsync("otto");

        using (var anonymous = server.Anonymous())
        {
            var refused = await anonymous.GetAsync("/webhooks");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/account/sign-in", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var page = await rhea.GetStringAsync("/webhooks");
        Assert.Contains("You have no webhooks yet.", page, StringComparison.Ordinal);
        var added = await NewsroomServer.PostFormAsync(rhea, "/webhooks", "/webhooks", new() { ["url"] = "https://hooks.example.org/rhea?a=1&b=<2>" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var shown = await added.Content.ReadAsStringAsync();
        var secret = System.Text.RegularExpressions.Regex.Match(shown, "whsec_[0-9a-f]{64}").Value;
        Assert.NotEmpty(secret);
        Assert.Contains("https://hooks.example.org/rhea?a=1&amp;b=&lt;2&gt;", shown, StringComparison.Ordinal);
        var again = await rhea.GetStringAsync("/webhooks");
        Assert.DoesNotContain(secret, again, StringComparison.Ordinal);
        Assert.Contains("hooks.example.org/rhea", again, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.example.org/rhea", await otto.GetStringAsync("/webhooks"), StringComparison.Ordinal);

        var refusedUrl = await NewsroomServer.PostFormAsync(rhea, "/webhooks", "/webhooks", new() { ["url"] = "https://192.168.0.4/hook" });
        Assert.Equal(HttpStatusCode.BadRequest, refusedUrl.StatusCode);
        Assert.Contains("192.168.0.4 is a loopback or private address; webhooks may only reach public addresses", await refusedUrl.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noToken = await rhea.PostAsync("/webhooks", new FormUrlEncodedContent(new Dictionary<string, string> { ["url"] = "https://hooks.example.org/x" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);

        var id = (await new WebhookStore(server.Composition.Database).OfOwnerAsync((await new UserStore(server.Composition.Database).FindByNameAsync("rhea"))!.Id)).Single().Webhook.Id;
        var ottoDelete = await NewsroomServer.PostFormAsync(otto, "/webhooks", $"/webhooks/{id}/delete", []);
        Assert.Equal(HttpStatusCode.NotFound, ottoDelete.StatusCode);
        var ottoReplay = await NewsroomServer.PostFormAsync(otto, "/webhooks", $"/webhooks/{id}/deliveries/1/replay", []);
        Assert.Equal(HttpStatusCode.NotFound, ottoReplay.StatusCode);
        var ottoPause = await NewsroomServer.PostFormAsync(otto, "/webhooks", $"/webhooks/{id}/pause", []);
        Assert.Equal(HttpStatusCode.NotFound, ottoPause.StatusCode);
        Assert.DoesNotContain("(paused)", await rhea.GetStringAsync("/webhooks"), StringComparison.Ordinal);
        var paused = await NewsroomServer.PostFormAsync(rhea, "/webhooks", $"/webhooks/{id}/pause", []);
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        var pausedPage = await rhea.GetStringAsync("/webhooks");
        Assert.Contains("(paused)", pausedPage, StringComparison.Ordinal);
        Assert.Contains($"action=\"/webhooks/{id}/resume\"", pausedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await NewsroomServer.PostFormAsync(rhea, "/webhooks", $"/webhooks/{id}/resume", [])).StatusCode);
        Assert.DoesNotContain("(paused)", await rhea.GetStringAsync("/webhooks"), StringComparison.Ordinal);
        var deleted = await NewsroomServer.PostFormAsync(rhea, "/webhooks", $"/webhooks/{id}/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Contains("You have no webhooks yet.", await rhea.GetStringAsync("/webhooks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_lists_dead_letters_and_replays_one()
    {
        await using var server = await StartAsync(Fast());
        await using var receiver = await WebhookReceiver.StartAsync();
        var rhea = await server.AddUserAsync("rhea", Roles.Reader);
        using var browser = await server.SignInAsync("rhea");
        var added = await NewsroomServer.PostFormAsync(browser, "/webhooks", "/webhooks", new() { ["url"] = receiver.Url.ToString() });
        receiver.Secret = System.Text.RegularExpressions.Regex.Match(await added.Content.ReadAsStringAsync(), "whsec_[0-9a-f]{64}").Value;
        receiver.Respond = _ => (410, TimeSpan.Zero);
        var alert = await RaiseAlertAsync(server, rhea.Id, "78");
        var webhook = (await new WebhookStore(server.Composition.Database).OfOwnerAsync(rhea.Id)).Single();
        var deliveries = new DeliveryStore(server.Composition.Database);
        var dead = await WaitForAsync(async () => (await deliveries.OfWebhookAsync(rhea.Id, webhook.Webhook.Id, DeliveryStatus.Dead))!.SingleOrDefault(), "the dead letter");

        var page = await browser.GetStringAsync("/webhooks");
        Assert.Contains($"Alert {alert} · 2 attempts · last: answered HTTP 410 Gone", page, StringComparison.Ordinal);
        receiver.Respond = _ => (200, TimeSpan.Zero);
        var replayed = await NewsroomServer.PostFormAsync(browser, "/webhooks", $"/webhooks/{webhook.Webhook.Id}/deliveries/{dead.Id}/replay", []);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        await receiver.WaitForAsync(calls => calls.Any(c => c.Answered == 200), TimeSpan.FromSeconds(20));
        await WaitForAsync(async () => (await deliveries.GetAsync(dead.Id))!.Status == DeliveryStatus.Delivered ? "done" : null, "delivered");
        Assert.All(receiver.Calls, c => Assert.True(c.SignatureValid));
    }

    [Fact]
    public async Task A_reader_subscribes_to_the_email_digest_and_receives_it()
    {
        await using var sink = await SmtpSink.StartAsync();
        var smtp = new SmtpSettings { Host = "127.0.0.1", Port = sink.Port, Security = "none", From = "alerts@example.org", IntervalsMinutes = [60, 1440] };
        await using var server = await StartAsync(Fast(smtp));
        var rhea = await server.AddUserAsync("rhea", Roles.Reader);
        using var browser = await server.SignInAsync("rhea");

        Assert.Contains("<option value=\"60\"", await browser.GetStringAsync("/alerts/email"), StringComparison.Ordinal);
        var bad = await NewsroomServer.PostFormAsync(browser, "/alerts/email", "/alerts/email", new() { ["address"] = "not an address", ["interval"] = "60" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Give one e-mail address", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var odd = await NewsroomServer.PostFormAsync(browser, "/alerts/email", "/alerts/email", new() { ["address"] = "rhea@example.org", ["interval"] = "7" });
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
        var ok = await NewsroomServer.PostFormAsync(browser, "/alerts/email", "/alerts/email", new() { ["address"] = "rhea@example.org", ["interval"] = "60" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("Subscribed: <strong>rhea@example.org</strong>, every hour", await browser.GetStringAsync("/alerts/email"), StringComparison.Ordinal);

        // Raise an alert, then make the digest due now rather than in an hour: the worker sends it. (In the other
        // order a pass could find the digest due with nothing new, and start the next hour.)
        await RaiseAlertAsync(server, rhea.Id, "79");
        var database = server.Composition.Database;
        await using (var connection = await database.ConnectAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE email_digests SET created_at = '2000-01-01T00:00:00.0000000Z', last_sent_at = NULL");
        }

        await WaitForAsync(() => Task.FromResult(sink.Messages.IsEmpty ? null : "sent"), "the digest");
        var message = Assert.Single(sink.Messages);
        Assert.Equal("rhea@example.org", Assert.Single(message.To.Mailboxes).Address);
        Assert.Contains("mentions Lockheed Martin (LMT)", message.TextBody, StringComparison.Ordinal);

        var unsubscribed = await NewsroomServer.PostFormAsync(browser, "/alerts/email", "/alerts/email/unsubscribe", []);
        Assert.Equal(HttpStatusCode.Redirect, unsubscribed.StatusCode);
        Assert.Null(await new EmailDigestStore(database).GetAsync(rhea.Id));
    }

    [Fact]
    public async Task Without_an_smtp_server_the_digest_page_says_so_and_refuses_to_subscribe()
    {
        await using var server = await StartAsync(Fast());
        await server.AddUserAsync("rhea", Roles.Reader);
        using var browser = await server.SignInAsync("rhea");
        var page = await browser.GetStringAsync("/alerts/email");
        Assert.Contains("E-mail digests are not set up on this server.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" action=\"/alerts/email\"", page, StringComparison.Ordinal);
        var refused = await NewsroomServer.PostFormAsync(browser, "/webhooks", "/alerts/email", new() { ["address"] = "rhea@example.org", ["interval"] = "60" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }
}
