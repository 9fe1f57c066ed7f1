using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Wiredesk.Bus;
using Wiredesk.Editorial;
using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Reader;

/// <summary>The reader site: home, story pages, search, comments, feeds and live updates.</summary>
public static class ReaderEndpoints
{
    public const int PageSize = 20;

    /// <summary>Search results a page: ten, as search engines show, and each one's marks and snippet cost a read of
    /// its text (docs/publishing.md, "Search").</summary>
    public const int SearchPageSize = 10;

    /// <summary>Comments a reader may post in <see cref="CommentWindow"/>: enough to take part, too few to flood.</summary>
    public const int CommentsPerWindow = 5;

    public static readonly TimeSpan CommentWindow = TimeSpan.FromMinutes(10);

    /// <summary>How often a live stream sends a heartbeat, so proxies keep it open and a client notices a dead one.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddReader(this IServiceCollection services)
    {
        // The page cache wraps the output cache's own store (a memory cache bounded by OutputCacheOptions.SizeLimit).
        services.AddOutputCache(options => options.UseCaseSensitivePaths = true);
        var store = services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        var createStore = store.ImplementationFactory ?? throw new InvalidOperationException("the output cache store is no longer made by a factory");
        services.Remove(store);
        return services
            .AddSingleton(sp => new ReaderCache((IOutputCacheStore)createStore(sp)))
            .AddSingleton<IOutputCacheStore>(sp => sp.GetRequiredService<ReaderCache>())
            .AddSingleton(sp => new ArticleStore(sp.GetRequiredService<Database>()))
            .AddSingleton(sp => new CommentStore(sp.GetRequiredService<Database>()))
            .AddSingleton<TagDirectory>()
            .AddSingleton<AnonymousPages>();
    }

    public static WebApplication MapReader(this WebApplication app)
    {
        app.Services.GetRequiredService<ReaderCache>().Follow(app.Services.GetRequiredService<Composition>().Bus);
        var site = app.MapGroup("").ExcludeFromDescription();
        site.MapGet("/", HomeAsync).CacheOutput(ReaderCachePolicy.ListPages);
        site.MapGet("/live", Live);
        site.MapGet("/stories/{id:long}", StoryAsync);
        site.MapGet("/stories/{id:long}/{slug}", StoryAsync);
        site.MapPost("/stories/{id:long}/comments", CommentAsync).RequireAuthorization(Roles.Reader);
        site.MapPost("/comments/{id:long}/hide", (HttpContext http, CommentStore comments, TimeProvider time, long id, [FromForm(Name = "returnUrl")] string? returnUrl) =>
            ModerateAsync(http, comments, id, returnUrl, (viewer, ct) => comments.HideAsync(id, viewer.DisplayName, time.GetUtcNow(), ct))).RequireAuthorization(Roles.Editor);
        site.MapPost("/comments/{id:long}/restore", (HttpContext http, CommentStore comments, long id, [FromForm(Name = "returnUrl")] string? returnUrl) =>
            ModerateAsync(http, comments, id, returnUrl, (_, ct) => comments.RestoreAsync(id, ct))).RequireAuthorization(Roles.Editor);
        site.MapGet("/search", SearchAsync).CacheOutput(ReaderCachePolicy.SearchPages);
        site.MapGet("/rights", (HttpContext http) => new RazorComponentResult<RightsPage>(new { Page = PageContext.For(http) })).CacheOutput(ReaderCachePolicy.ListPages);
        site.MapGet("/feeds/all.{format}", (HttpContext http, ArticleStore store, TimeProvider time, string format) =>
            FeedAsync(http, store, time, format, ArticleFilter.None, new FeedInfo("Wiredesk: latest stories", "/", $"/feeds/all.{format}"))).CacheOutput(ReaderCachePolicy.ListPages);
        site.MapGet("/feeds/ticker/{ticker}.{format}", async (HttpContext http, ArticleStore store, TagDirectory tags, TimeProvider time, string ticker, string format) =>
            await FeedAsync(http, store, time, format, new ArticleFilter { Ticker = ticker },
                new FeedInfo($"Wiredesk: {await tags.NameAsync(TagKinds.Ticker, ticker, http.RequestAborted)}", $"/?ticker={Uri.EscapeDataString(ticker)}", $"/feeds/ticker/{Uri.EscapeDataString(ticker)}.{format}"))).CacheOutput(ReaderCachePolicy.ListPages);
        site.MapGet("/feeds/topic/{topic}.{format}", async (HttpContext http, ArticleStore store, TagDirectory tags, TimeProvider time, string topic, string format) =>
            await FeedAsync(http, store, time, format, new ArticleFilter { Topic = topic },
                new FeedInfo($"Wiredesk: {await tags.NameAsync(TagKinds.Topic, topic, http.RequestAborted)}", $"/?topic={Uri.EscapeDataString(topic)}", $"/feeds/topic/{Uri.EscapeDataString(topic)}.{format}"))).CacheOutput(ReaderCachePolicy.ListPages);
        return app;
    }

    /// <summary>The site's own address as the request names it, for absolute links in feeds and the API.</summary>
    public static Uri SiteOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }

    public static ArticleFilter FilterOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var q = request.Query;
        return new ArticleFilter
        {
            Ticker = Clip(q[TagKinds.Ticker]),
            Company = Clip(q[TagKinds.Company]),
            Person = Clip(q[TagKinds.Person]),
            Country = Clip(q[TagKinds.Country]),
            Topic = Clip(q[TagKinds.Topic]),
        };
    }

    private static string? Clip(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Length > 100 ? value[..100] : value;

    private static async Task<RazorComponentResult<HomePage>> HomeAsync(HttpContext http, ArticleStore store, TagDirectory tags, int? page)
    {
        var ct = http.RequestAborted;
        var filter = FilterOf(http.Request);
        var number = Math.Clamp(page ?? 1, 1, 10_000);
        var articles = await store.LatestAsync(filter, (number - 1) * PageSize, PageSize + 1, ct);
        var active = new List<(ArticleTag Tag, string RemovePath)>();
        foreach (var (kind, key) in filter.Tags())
        {
            var name = await tags.NameAsync(kind, key, ct);
            active.Add((new ArticleTag(kind, key, name, null), RemoveFilter(http.Request, kind)));
        }

        return new RazorComponentResult<HomePage>(new
        {
            Page = PageContext.For(http),
            Articles = articles.Take(PageSize).ToList(),
            Active = active,
            Directory = await tags.PopularAsync(ct),
            PageNumber = number,
            HasOlder = articles.Count > PageSize,
            Query = http.Request.QueryString.Value ?? "",
        });
    }

    private static string RemoveFilter(HttpRequest request, string kind)
    {
        var rest = request.Query.Where(p => p.Key != kind && p.Key != "page")
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value.ToString())}").ToList();
        return rest.Count == 0 ? "/" : "/?" + string.Join('&', rest);
    }

    private static async Task<IResult> StoryAsync(HttpContext http, ArticleStore store, CommentStore comments, long id, string? slug)
    {
        var ct = http.RequestAborted;
        var story = await store.PageAsync(id, ct);
        if (story is null)
        {
            return new RazorComponentResult<NotFoundPage>(new { Page = PageContext.For(http) }) { StatusCode = StatusCodes.Status404NotFound };
        }

        if (slug != story.Slug && story.Status == ArticleStatus.Live)
        {
            return Results.Redirect(story.Path, permanent: true);
        }

        if (story.Status == ArticleStatus.Live && Viewer.From(http.User) is null)
        {
            var visible = story.VisibleComments == 0 ? [] : await comments.ForArticleAsync(story.Id, includeHidden: false, ct);
            return await http.RequestServices.GetRequiredService<AnonymousPages>().StoryAsync(http, story, visible);
        }

        return await StoryPageAsync(http, comments, story, null, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> StoryPageAsync(HttpContext http, CommentStore comments, ArticlePage story, string? commentError, string? draftComment, int status)
    {
        var ct = http.RequestAborted;
        var page = PageContext.For(http);
        var killed = story.Status == ArticleStatus.Killed;
        return new RazorComponentResult<StoryPage>(new
        {
            Page = page,
            Story = story,
            Comments = killed ? [] : await comments.ForArticleAsync(story.Id, includeHidden: page.IsEditor, ct),
            CommentError = commentError,
            DraftComment = draftComment,
        })
        {
            // A killed story's page stays, with its notice, but says the story is gone.
            StatusCode = killed ? StatusCodes.Status410Gone : status,
        };
    }

    private static async Task<IResult> CommentAsync(
        HttpContext http, ArticleStore store, CommentStore comments, TimeProvider time, long id, [FromForm(Name = "text")] string? text)
    {
        var ct = http.RequestAborted;
        var viewer = Viewer.From(http.User)!;
        var article = await store.PageAsync(id, ct);
        if (article is null || article.Status == ArticleStatus.Killed)
        {
            return Results.NotFound();
        }

        var body = (text ?? "").Trim();
        if (body.Length == 0)
        {
            return await StoryPageAsync(http, comments, article, "Write something before posting.", body, StatusCodes.Status400BadRequest);
        }

        if (body.Length > CommentStore.MaxLength)
        {
            return await StoryPageAsync(http, comments, article, $"A comment is at most {CommentStore.MaxLength:N0} characters; yours has {body.Length:N0}.", body, StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow();
        if (await comments.CountByUserSinceAsync(viewer.Id, now - CommentWindow, ct) >= CommentsPerWindow)
        {
            return await StoryPageAsync(http, comments, article, $"You have posted {CommentsPerWindow} comments in the last {CommentWindow.TotalMinutes:0} minutes. Please wait a little.", body, StatusCodes.Status429TooManyRequests);
        }

        var comment = await comments.AddAsync(article.Id, viewer.Id, viewer.DisplayName, body, now, ct);
        http.RequestServices.GetRequiredService<ReaderCache>().Evict(article.StoryId, lists: false);
        return Results.Redirect($"{article.Path}#comment-{comment.Id}");
    }

    private static async Task<IResult> ModerateAsync(HttpContext http, CommentStore comments, long id, string? returnUrl, Func<Viewer, CancellationToken, Task<bool>> change)
    {
        var viewer = Viewer.From(http.User)!;
        if (!await change(viewer, http.RequestAborted))
        {
            return Results.NotFound();
        }

        var comment = await comments.GetAsync(id, http.RequestAborted);
        if (await http.RequestServices.GetRequiredService<ArticleStore>().GetAsync(comment!.ArticleId, http.RequestAborted) is { } article)
        {
            http.RequestServices.GetRequiredService<ReaderCache>().Evict(article.StoryId, lists: false);
        }

        return Results.LocalRedirect($"{Account.AccountEndpoints.SafeReturnUrl(returnUrl).Split('#')[0]}#comment-{comment!.Id}");
    }

    private static async Task<IResult> SearchAsync(HttpContext http, ArticleStore store, string? q, int? page)
    {
        var number = Math.Clamp(page ?? 1, 1, 500);
        var query = Clip(q);
        var hits = query is null ? [] : await store.SearchAsync(query, (number - 1) * SearchPageSize, SearchPageSize + 1, http.RequestAborted);
        if (Viewer.From(http.User) is null)
        {
            return await http.RequestServices.GetRequiredService<AnonymousPages>().SearchAsync(http, query ?? "", [.. hits.Take(SearchPageSize)], number, hits.Count > SearchPageSize);
        }

        return new RazorComponentResult<SearchPage>(new
        {
            Page = PageContext.For(http),
            Query = query ?? "",
            Hits = hits.Take(SearchPageSize).ToList(),
            PageNumber = number,
            HasMore = hits.Count > SearchPageSize,
        });
    }

    private static async Task<IResult> FeedAsync(HttpContext http, ArticleStore store, TimeProvider time, string format, ArticleFilter filter, FeedInfo feed)
    {
        if (format is not ("rss" or "atom"))
        {
            return Results.NotFound();
        }

        var articles = await store.LatestAsync(filter, 0, 50, http.RequestAborted);
        var site = SiteOf(http.Request);
        return format == "rss"
            ? Results.Text(Feeds.Rss(feed, articles, site, time.GetUtcNow()), "application/rss+xml; charset=utf-8")
            : Results.Text(Feeds.Atom(feed, articles, site, time.GetUtcNow()), "application/atom+xml; charset=utf-8");
    }

    /// <summary>Server-sent events: each story published, corrected or killed (matching the page's filters), and a
    /// heartbeat every <see cref="Heartbeat"/>. The bus subscription starts before the store is read, and the stream
    /// first sends the live stories published after <c>since</c> (the page's newest story, in Unix milliseconds) or
    /// after the Last-Event-ID a reconnecting browser sends: a story published while the page loaded or the connection
    /// dropped is not missed.</summary>
    private static ServerSentEventsResult<LiveStory> Live(HttpContext http, IBus bus, ArticleStore store, TimeProvider time, long? since)
    {
        var filter = FilterOf(http.Request);
        var messages = bus.SubscribeAsync<StoryPublished>(http.RequestAborted);
        var resume = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var last) ? last : since;
        return TypedResults.ServerSentEvents(LiveAsync(messages, store, filter, time, resume, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<LiveStory>> LiveAsync(
        IAsyncEnumerable<StoryPublished> messages, ArticleStore store, ArticleFilter filter, TimeProvider time, long? since, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var next = messages.GetAsyncEnumerator(ct);
        var pending = next.MoveNextAsync().AsTask();
        yield return new SseItem<LiveStory>(LiveStory.Hello(time.GetUtcNow()), "hello") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
        var sent = new HashSet<(long, int, PublicationChange)>();
        if (since is { } after)
        {
            var missed = (await store.LatestAsync(filter, 0, PageSize, ct)).Where(a => a.FirstPublishedAt.ToUnixTimeMilliseconds() > after).Reverse();
            foreach (var article in missed)
            {
                sent.Add((article.Id, article.Version, PublicationChange.Published));
                yield return Event(article, PublicationChange.Published);
            }
        }

        while (!ct.IsCancellationRequested)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(Heartbeat, time, beat.Token);
            if (await Task.WhenAny(pending, delay) != pending)
            {
                yield return new SseItem<LiveStory>(LiveStory.Hello(time.GetUtcNow()), "heartbeat");
                continue;
            }

            await beat.CancelAsync();
            if (!await pending)
            {
                yield break;
            }

            var message = next.Current;
            pending = next.MoveNextAsync().AsTask();
            var article = await store.GetAsync(message.ArticleId, ct);
            if (article is not null && sent.Add((article.Id, article.Version, message.Change)) && (message.Change == PublicationChange.Killed || Matches(article, filter)))
            {
                yield return Event(article, message.Change);
            }
        }
    }

    /// <summary>The event id is the story's first-publication time, which a reconnecting browser sends back.</summary>
    private static SseItem<LiveStory> Event(Article article, PublicationChange change) =>
        new(LiveStory.From(article, change), "story") { EventId = article.FirstPublishedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private static bool Matches(Article article, ArticleFilter filter) =>
        filter.Tags().All(f => article.Tags.Any(t => t.Kind == f.Kind && t.Key == f.Key));
}

/// <summary>What the live stream says about a story: enough for the page to add, update or remove its card.</summary>
public sealed record LiveStory(string Change, long StoryId, string Headline, string Path, DateTimeOffset At, string Summary, IReadOnlyList<string> Tickers)
{
    public static LiveStory Hello(DateTimeOffset now) => new("none", 0, "", "", now, "", []);

    public static LiveStory From(Article article, PublicationChange change) => new(
        change.ToString().ToLowerInvariant(), article.StoryId, article.Headline, article.Path, article.FirstPublishedAt,
        Feeds.Summary(article), [.. article.TagsOf(TagKinds.Ticker).Select(t => t.Name)]);
}
