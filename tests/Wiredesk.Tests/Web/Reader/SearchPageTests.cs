using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wiredesk.App.Web;
using Wiredesk.App.Web.Reader;
using Wiredesk.Storage;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web.Reader;

/// <summary>A signed-out reader's search page is written around the layout rendered once (no Razor per request); it
/// must be exactly the page Razor renders for that reader, whatever the query and the stories hold.</summary>
public class SearchPageTests
{
    [Theory]
    [InlineData("/search")]
    [InlineData("/search?q=factory")]
    [InlineData("/search?q=factory&page=2")]
    [InlineData("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20%22factory%22%20%26")]
    [InlineData("/search?q=nothing-matches-this")]
    public async Task A_signed_out_readers_search_page_is_the_page_Razor_renders(string path)
    {
        await using var server = await NewsroomServer.StartAsync();
        var (report, _) = await PublishingKit.IngestAsync(server.Composition.Pipeline, ReaderTests.AppleTitle, ReaderTests.AppleBody, database: server.Composition.Database);
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 23; i++)
        {
            // More than a page of matches, some with hostile markup in the headline and the text.
            var headline = i % 2 == 0 ? $"Factory <script>alert({i})</script> & \"plant\" number {i}" : $"Factory number {i} opens";
            await PublishingKit.PublishAsync(server.Composition.Database, 9000 + i,
                PublishingKit.Draft(headline, report, [$"The factory <b>{i}</b> makes chips & \"boards\"."]), at.AddMinutes(i));
        }

        using var client = server.Anonymous();
        var served = await client.GetStringAsync(path);

        Assert.Equal(await RazorPageAsync(server, path), served);
        Assert.DoesNotContain("<script>", served[served.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    /// <summary>SearchPage.razor for a signed-out reader, with the hits the endpoint would read.</summary>
    private static async Task<string> RazorPageAsync(NewsroomServer server, string path)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query);
        var text = query["q"] ?? "";
        var number = int.TryParse(query["page"], out var n) ? n : 1;
        var pageSize = ReaderEndpoints.SearchPageSize;
        var hits = text.Length == 0 ? [] : await server.Services.GetRequiredService<ArticleStore>().SearchAsync(text, (number - 1) * pageSize, pageSize + 1);
        await using var renderer = new HtmlRenderer(server.Services, server.Services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<SearchPage>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(SearchPage.Page)] = new PageContext(null, "", "", path),
            [nameof(SearchPage.Query)] = text,
            [nameof(SearchPage.Hits)] = hits.Take(pageSize).ToList(),
            [nameof(SearchPage.PageNumber)] = number,
            [nameof(SearchPage.HasMore)] = hits.Count > pageSize,
        }))).ToHtmlString());
    }
}
