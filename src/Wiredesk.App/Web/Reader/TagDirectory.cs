using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Reader;

/// <summary>The names readers filter by: the most used per kind (the home page's side column), cached for a minute
/// because counting every tag of a large store on each page view would cost more than the page itself. Two requests
/// that find the cache stale at once both refresh it: harmless, and cheaper than a lock on every page view.</summary>
public sealed class TagDirectory(ArticleStore store, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private volatile Snapshot? _cached;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ArticleTag>>> PopularAsync(CancellationToken ct)
    {
        if (_cached is { } fresh && time.GetUtcNow() - fresh.At < Lifetime)
        {
            return fresh.Tags;
        }

        var tags = new Dictionary<string, IReadOnlyList<ArticleTag>>();
        foreach (var kind in TagKinds.Filters)
        {
            tags[kind] = [.. (await store.PopularTagsAsync(kind, 8, ct)).Select(t => t.Tag)];
        }

        _cached = new Snapshot(time.GetUtcNow(), tags);
        return tags;
    }

    /// <summary>The display name of a filter value, or the value itself when no story carries it.</summary>
    public async Task<string> NameAsync(string kind, string value, CancellationToken ct) =>
        await store.TagNameAsync(kind, value, ct) ?? value;

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyDictionary<string, IReadOnlyList<ArticleTag>> Tags);
}
