using System.ComponentModel;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Wiredesk.App.Web.Reader;
using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Api;

/// <summary>The JSON API under /api: stories in IPTC ninjs, pushed reports.</summary>
public static class ApiEndpoints
{
    public const int MaxPageSize = 100;

    /// <summary>API JSON escapes &lt;, &gt;, &amp; and quotes (the default encoder): a report's markup stays inert
    /// even in a client that wrongly drops the JSON into HTML.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Default);

    public static WebApplication MapApi(this WebApplication app)
    {
        var stories = app.MapGroup("/api/stories").WithTags("Stories");
        stories.MapGet("", ListAsync)
            .CacheOutput(ReaderCachePolicy.ListPages)
            .WithName("ListStories")
            .WithSummary("Published stories, newest first, as IPTC ninjs news objects")
            .WithDescription("Live stories only (a killed story leaves the list; GET /api/stories/{id} still answers with pubStatus \"canceled\"). Filters combine; q is a full-text search.");
        stories.MapGet("/{id:long}", GetAsync)
            .CacheOutput(ReaderCachePolicy.StoryPages)
            .WithName("GetStory")
            .WithSummary("One published story as an IPTC ninjs news object")
            .WithDescription("id is the story id (as in /stories/{id}/{slug}). A corrected story answers with its current version; a killed one with pubStatus \"canceled\", its kill notice and no body.");
        return app;
    }

    private static async Task<Results<Ok<StoryList>, BadRequest<string>>> ListAsync(
        HttpContext http,
        ArticleStore store,
        [Description("Ticker symbol, any case (AAPL)")] string? ticker,
        [Description("Company, by name or slug (apple)")] string? company,
        [Description("Person, by name or slug (tim-cook)")] string? person,
        [Description("Country, by name or slug (south-korea)")] string? country,
        [Description("IPTC media topic, by name or slug (economy-business-and-finance)")] string? topic,
        [Description("Full-text search words")] string? q,
        [Description("Page number, from 1")] int? page,
        [Description("Stories per page, 1 to 100 (default 20)")] int? pageSize)
    {
        var number = page ?? 1;
        var size = pageSize ?? 20;
        if (number < 1 || size < 1 || size > MaxPageSize)
        {
            return TypedResults.BadRequest($"page must be 1 or more and pageSize between 1 and {MaxPageSize}");
        }

        var filter = new ArticleFilter { Ticker = ticker, Company = company, Person = person, Country = country, Topic = topic, Query = q };
        var articles = await store.LatestAsync(filter, (number - 1) * size, size + 1, http.RequestAborted);
        var site = ReaderEndpoints.SiteOf(http.Request);
        string? next = null;
        if (articles.Count > size)
        {
            var query = http.Request.Query.Where(p => p.Key != "page").Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}")
                .Append($"page={number + 1}");
            next = new Uri(site, "api/stories?" + string.Join('&', query)).ToString();
        }

        return TypedResults.Ok(new StoryList([.. articles.Take(size).Select(a => Ninjs.From(a, site))], number, size, next));
    }

    private static async Task<Results<Ok<NinjsItem>, NotFound>> GetAsync(HttpContext http, ArticleStore store, long id)
    {
        var article = await store.GetByStoryAsync(id, http.RequestAborted);
        return article is null ? TypedResults.NotFound() : TypedResults.Ok(Ninjs.From(article, ReaderEndpoints.SiteOf(http.Request)));
    }
}

/// <summary>A page of stories: the ninjs items, the page asked for, and the address of the next page (null on the last).</summary>
public sealed record StoryList(IReadOnlyList<NinjsItem> Items, int Page, int PageSize, string? Next);
