using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Wiredesk.App.Web.Api;
using Wiredesk.Storage;

namespace Wiredesk.Tests.Support;

/// <summary>Steps the newsroom tests share: an account with an API key, pushing a report, waiting for its draft.</summary>
public static class DeskKit
{
    /// <summary>A short report the team wrote for these tests (invented facts): title line, then paragraphs.</summary>
    public static string Report(string place = "Calder", int percent = 30, string? title = null) =>
        $"""
        {title ?? $"Port of {place} Opens New Container Terminal"}

        The Port of {place} opened a new container terminal on Monday, raising its capacity by {percent}%.

        The terminal cost $450 million and took three years to build, the port authority said.

        "This terminal lets us handle the largest ships afloat," port director Anna Hale said.
        """;

    public static async Task<string> ApiKeyAsync(NewsroomServer server, string name, string role)
    {
        var user = await server.AddUserAsync(name, role);
        var (key, _) = await new UserStore(server.Composition.Database).CreateApiKeyAsync(user.Id, "tests", DateTimeOffset.UtcNow);
        return key;
    }

    public static HttpClient ApiClient(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static Task<HttpResponseMessage> PushAsync(HttpClient client, string body, string contentType = "text/plain") =>
        client.PostAsync("/api/reports", new StringContent(body, Encoding.UTF8, contentType));

    public static async Task<PushedReport> PushOneAsync(HttpClient client, string body)
    {
        using var response = await PushAsync(client, body);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<PushResult>(JsonDefaults.Options);
        return Assert.Single(result!.Reports);
    }

    /// <summary>Waits until the story's desk row satisfies the condition (by default: it exists).</summary>
    public static async Task<DeskStory> WaitForDeskAsync(Database database, long storyId, Func<DeskStory, bool>? until = null, int timeoutMs = 20_000)
    {
        var store = new DraftStore(database);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await store.GetDeskAsync(storyId) is { } desk && (until?.Invoke(desk) ?? true))
            {
                return desk;
            }

            if (waited.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"story {storyId} has no draft after {timeoutMs} ms");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Posts the desk's edit form with every sentence passed through <paramref name="change"/>, as an editor's
    /// browser would.</summary>
    public static async Task<HttpResponseMessage> SaveEditAsync(HttpClient editor, long storyId, Func<string, string> change, string? headline = null)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await editor.GetStringAsync($"/desk/stories/{storyId}/draft.json"));
        var draft = json.RootElement.GetProperty("draft");
        var fields = new Dictionary<string, string> { ["headline"] = headline ?? draft.GetProperty("headline").GetString()! };
        var s = 0;
        foreach (var section in draft.GetProperty("sections").EnumerateArray())
        {
            fields[$"section-{s}"] = "1";
            var i = 0;
            foreach (var sentence in section.GetProperty("sentences").EnumerateArray())
            {
                fields[$"s-{s}-{i++}"] = change(sentence.GetProperty("text").GetString()!);
            }

            s++;
        }

        return await NewsroomServer.PostFormAsync(editor, $"/desk/stories/{storyId}/edit", $"/desk/stories/{storyId}/edit", fields);
    }
}
