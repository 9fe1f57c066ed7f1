using System.Text.Json;
using System.Xml;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

/// <summary>Markup in reports, headlines, editor names and search text reaches readers as text on every surface.</summary>
public class HostileMarkupTests
{
    private const string Payload = "<script>alert('wd')</script>";

    [Fact]
    public async Task Script_payloads_are_text_on_the_home_page_story_page_search_feeds_and_api()
    {
        await using var server = await NewsroomServer.StartAsync();
        var article = await ServerPublishing.PublishAsync(server,
            $"Apple {Payload} to build factory in South Korea", $"{ReaderTests.AppleBody} <img src=x onerror=alert(1)>",
            $"Apple {Payload} factory", [$"Apple Inc. will build a factory {Payload} in South Korea.", "Look <img src=x onerror=alert(1)> here."],
            imageUrl: "javascript:alert(1)", imageCredit: Payload, editor: $"Mallory {Payload}");
        using var client = server.Anonymous();

        var pages = new Dictionary<string, string>
        {
            ["home"] = await client.GetStringAsync("/"),
            ["story"] = await client.GetStringAsync(article.Path),
            ["search"] = await client.GetStringAsync("/search?q=factory"),
            ["search for payload"] = await client.GetStringAsync($"/search?q={Uri.EscapeDataString(Payload)}"),
            ["filter"] = await client.GetStringAsync($"/?ticker={Uri.EscapeDataString(Payload)}"),
        };
        foreach (var (name, html) in pages)
        {
            Assert.False(html.Contains("<script>alert", StringComparison.Ordinal), $"{name} page has a raw script element");
            Assert.False(html.Contains("<img src=x", StringComparison.Ordinal), $"{name} page has a raw img element");
            Assert.False(html.Contains("javascript:alert", StringComparison.Ordinal), $"{name} page has a javascript: URL");
        }

        Assert.Contains("&lt;script&gt;alert(&#x27;wd&#x27;)&lt;/script&gt;", pages["story"], StringComparison.Ordinal);
        Assert.Contains("Mallory &lt;script&gt;", pages["story"], StringComparison.Ordinal);
        Assert.Contains("<mark>factory</mark>", pages["search"], StringComparison.Ordinal);

        foreach (var feed in new[] { "/feeds/all.rss", "/feeds/all.atom" })
        {
            var xml = await client.GetStringAsync(feed);
            Assert.DoesNotContain("<script>", xml, StringComparison.Ordinal);
            var document = new XmlDocument { XmlResolver = null };
            document.LoadXml(xml);
            Assert.Contains(Payload, document.InnerText, StringComparison.Ordinal);
        }

        var json = await client.GetStringAsync($"/api/stories/{article.StoryId}");
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);
        using var story = JsonDocument.Parse(json);
        Assert.Equal($"Apple {Payload} factory", story.RootElement.GetProperty("headlines")[0].GetProperty("value").GetString());
        Assert.False(story.RootElement.TryGetProperty("associations", out _), "a javascript: image is not published");
    }
}
