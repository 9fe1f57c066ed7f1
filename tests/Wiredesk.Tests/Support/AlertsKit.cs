using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Wiredesk.App.Web;
using Wiredesk.Editorial;
using Wiredesk.Storage;

namespace Wiredesk.Tests.Support;

/// <summary>Steps the alerts tests share: a server whose test wire can be set to auto-publish or breaking, pushing
/// a report from that wire, publishing through the desk, reading a reader's alerts and their live stream.</summary>
public static class AlertsKit
{
    public const string Wire = "Calder Wire";

    public static Task<NewsroomServer> StartAsync(SourceSetting? wire = null, string? dataFolder = null) =>
        NewsroomServer.StartAsync(
            new Settings { Sources = new Dictionary<string, SourceSetting>(StringComparer.OrdinalIgnoreCase) { [Wire] = wire ?? new SourceSetting() } },
            new ServeOptions { PollSources = false },
            dataFolder);

    public static SourceSetting AutoPublish { get; } = new() { Trusted = true, AutoPublish = true };

    /// <summary>A second invented report about something else entirely, so it forms a story of its own.</summary>
    public static string DairyReport() =>
        """
        Brindle Valley Dairy Cooperative Cuts Milk Prices

        The Brindle Valley Dairy Cooperative cut the price it pays farmers for milk by 4% on Tuesday, citing a surplus of butter.

        The cooperative has 800 member farms and sold 1.2 billion litres last year, its annual report said.

        "Nobody likes this decision, but the market left us no choice," chair Marta Olsen said.
        """;

    /// <summary>Pushes a plain-text report (title line, then paragraphs) as JSON from the test wire; returns its story.</summary>
    public static async Task<long> PushFromWireAsync(HttpClient api, string report, string source = Wire)
    {
        var newline = report.IndexOf('\n', StringComparison.Ordinal);
        var json = JsonSerializer.Serialize(new { source, title = report[..newline].Trim(), body = report[(newline + 1)..].Trim() });
        using var response = await DeskKit.PushAsync(api, json, "application/json");
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<App.Web.Api.PushResult>(JsonDefaults.Options);
        return Assert.Single(result!.Reports).StoryId!.Value;
    }

    /// <summary>Pushes the report and waits until the desk has its draft; returns the story id.</summary>
    public static async Task<long> DraftedAsync(NewsroomServer server, HttpClient wire, string report)
    {
        var storyId = await PushFromWireAsync(wire, report);
        await DeskKit.WaitForDeskAsync(server.Composition.Database, storyId);
        return storyId;
    }

    /// <summary>The editor publishes the story from the desk (with an override, so the test does not hang on the
    /// verifier's view of the invented report).</summary>
    public static async Task PublishAsync(HttpClient editor, long storyId)
    {
        var response = await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}", $"/desk/stories/{storyId}/publish", new() { ["override"] = "checked with the port" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Waits until the reader has alerts satisfying the condition; returns them, newest first.</summary>
    public static async Task<IReadOnlyList<StoredAlert>> WaitForAlertsAsync(NewsroomServer server, long ownerId, Func<IReadOnlyList<StoredAlert>, bool> until, int timeoutMs = 20_000)
    {
        var store = new AlertStore(server.Composition.Database);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var alerts = await store.OfOwnerAsync(ownerId);
            if (until(alerts))
            {
                return alerts;
            }

            if (waited.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"reader {ownerId} has {alerts.Count} alert(s) after {timeoutMs} ms, not the ones expected");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Creates a watchlist through the API and returns its id.</summary>
    public static async Task<long> WatchlistAsync(HttpClient api, string name, params (string Kind, string Value)[] items)
    {
        using var response = await api.PostAsJsonAsync("/api/watchlists", new { name, items = items.Select(i => new { kind = i.Kind, value = i.Value }) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>A reader with a sign-in and an API key.</summary>
    public static async Task<(User User, HttpClient Browser, HttpClient Api)> ReaderAsync(NewsroomServer server, string name)
    {
        var user = await server.AddUserAsync(name, Roles.Reader, displayName: name[..1].ToUpperInvariant() + name[1..]);
        var (key, _) = await new UserStore(server.Composition.Database).CreateApiKeyAsync(user.Id, "tests", DateTimeOffset.UtcNow);
        return (user, await server.SignInAsync(name), DeskKit.ApiClient(server.BaseAddress, key));
    }

    /// <summary>Reads server-sent events until one named <paramref name="name"/> arrives; returns its data line.</summary>
    public static async Task<string> NextEventAsync(StreamReader reader, string name, CancellationToken ct)
    {
        var current = "";
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                current = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && current == name)
            {
                return line["data: ".Length..];
            }
        }

        throw new EndOfStreamException($"the stream ended before a '{name}' event");
    }
}
