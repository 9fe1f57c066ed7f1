using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using Wiredesk.Bus;

namespace Wiredesk.App.Web.Reader;

/// <summary>The reader site's page cache: ASP.NET Core's output cache store, wrapped so that a publication drops every
/// page it can change before the publisher goes on. Lists (home and its filters, search, feeds, the story API list)
/// carry the tag <see cref="Lists"/>, one story's page and its API item the tag <see cref="StoryTag"/>. A story
/// published, corrected or killed evicts the lists and that story; a comment posted, hidden or restored evicts the
/// story alone.
/// <para>A page rendered from the store just before a publication committed could otherwise be stored just after
/// the eviction and stay stale until it expired. So every publication also moves <see cref="Generation"/> on, each
/// page is tagged with the generation it started in, and a page that started in an older one is not stored; the check
/// and the eviction take one lock, so none slips between them.</para></summary>
public sealed class ReaderCache(IOutputCacheStore inner) : IOutputCacheStore, IDisposable
{
    public const string Lists = "reader:lists";
    private const string GenerationPrefix = "reader:generation:";

    private readonly Lock _gate = new();
    private long _generation;
    private IDisposable? _observation;

    public static string StoryTag(long storyId) => "reader:story:" + storyId.ToString(CultureInfo.InvariantCulture);

    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Pages evicted since start: what tests and the benchmark look at to see invalidation happen.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    private long _evictions;

    /// <summary>Evicts on every story publication, inside the bus's publish (see <see cref="InProcessBus.Observe{T}"/>).</summary>
    public void Follow(InProcessBus bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        _observation = bus.Observe<StoryPublished>(p => Evict(p.StoryId, lists: true));
    }

    /// <summary>Drops the story's pages, and with <paramref name="lists"/> every list page too.</summary>
    public void Evict(long storyId, bool lists)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            Wait(inner.EvictByTagAsync(StoryTag(storyId), CancellationToken.None));
            if (lists)
            {
                Wait(inner.EvictByTagAsync(Lists, CancellationToken.None));
            }

            Interlocked.Increment(ref _evictions);
        }
    }

    /// <summary>The tag that records which generation a page started rendering in.</summary>
    public string GenerationTag() => GenerationPrefix + Generation.ToString(CultureInfo.InvariantCulture);

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) => inner.EvictByTagAsync(tag, cancellationToken);

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var started = tags?.FirstOrDefault(t => t.StartsWith(GenerationPrefix, StringComparison.Ordinal));
        var kept = started is null ? tags : [.. tags!.Where(t => t != started)];
        lock (_gate)
        {
            if (started is not null && started != GenerationTag())
            {
                return ValueTask.CompletedTask;
            }

            // The memory store completes at once, so the entry is in before the lock is released.
            Wait(inner.SetAsync(key, value, kept, validFor, cancellationToken));
        }

        return ValueTask.CompletedTask;
    }

    public void Dispose() => _observation?.Dispose();

    private static void Wait(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}

/// <summary>When a reader page may come from <see cref="ReaderCache"/>: a GET or HEAD from someone not signed in
/// (no sign-in cookie that authenticates, no API key, no Authorization header), answered 200 without Set-Cookie.
/// Varies by host (feeds carry absolute links) and every query value. Story pages are tagged by the route's story id.</summary>
public sealed class ReaderCachePolicy(TimeSpan lifetime, bool perStory) : IOutputCachePolicy
{
    /// <summary>Home, feeds and the API list: a publication evicts them, so the lifetime only bounds memory.</summary>
    public static readonly ReaderCachePolicy ListPages = new(TimeSpan.FromMinutes(5), perStory: false);

    /// <summary>Search: one entry per query typed, so they expire sooner.</summary>
    public static readonly ReaderCachePolicy SearchPages = new(TimeSpan.FromSeconds(60), perStory: false);

    public static readonly ReaderCachePolicy StoryPages = new(TimeSpan.FromMinutes(10), perStory: true);

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var request = http.Request;
        var anonymous = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && StringValues.IsNullOrEmpty(request.Headers.Authorization)
            && !request.Headers.ContainsKey("X-Api-Key")
            && http.User.Identity?.IsAuthenticated != true;
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = anonymous;
        context.AllowCacheStorage = anonymous;
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        context.ResponseExpirationTimeSpan = lifetime;
        var cache = http.RequestServices.GetRequiredService<ReaderCache>();
        if (perStory)
        {
            if (!long.TryParse(http.GetRouteValue("id")?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var storyId))
            {
                context.AllowCacheStorage = false;
                return ValueTask.CompletedTask;
            }

            context.Tags.Add(ReaderCache.StoryTag(storyId));
        }
        else
        {
            context.Tags.Add(ReaderCache.Lists);
        }

        context.Tags.Add(cache.GenerationTag());
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        // A cookie set for one reader must never be handed to the next; and only a complete page is worth keeping (a
        // killed story's 410 is read afresh: it is rare, and a republication must bring the story straight back).
        if (!StringValues.IsNullOrEmpty(response.Headers.SetCookie) || response.StatusCode != StatusCodes.Status200OK)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
