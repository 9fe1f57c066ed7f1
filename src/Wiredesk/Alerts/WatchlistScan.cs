using Wiredesk.Drafting;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Alerts;

/// <summary>The straightforward way to match: every item of every watchlist checked against the story. The
/// reference the index is tested and benchmarked against (same items, same reasons); fine for a few hundred
/// watchlists, too slow for many. Not thread-safe.</summary>
public sealed class WatchlistScan(KnowledgeBaseIndex knowledgeBase, ExposureMap exposures)
{
    private readonly WatchlistItemResolver _resolver = new(knowledgeBase);
    private readonly ExposureRouter _exposures = new(exposures, knowledgeBase);
    private readonly List<(Watchlist List, ResolvedItem?[] Items)> _lists = [];

    public int Count => _lists.Count;

    public void Add(Watchlist watchlist)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        _lists.Add((watchlist, [.. watchlist.Items.Select(i => _resolver.TryResolve(i, out var r, out _) ? r : null)]));
    }

    public IReadOnlyList<AlertMatch> Match(StoryDocument story)
    {
        ArgumentNullException.ThrowIfNull(story);
        var routes = StoryRoutes.Of(story, _resolver, _exposures);
        var matches = new List<AlertMatch>();
        foreach (var (list, items) in _lists)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (items[i] is not { } item)
                {
                    continue;
                }

                if (item.Query is { } query)
                {
                    if (query.Matches(story))
                    {
                        matches.Add(new AlertMatch(list.Id, list.OwnerId, i, item.Kind, MatchKind.Direct, StoryRoutes.QueryReason(query.ToString())));
                    }
                }
                else if (routes.DirectByKey.TryGetValue(item.Key!, out var direct))
                {
                    matches.Add(new AlertMatch(list.Id, list.OwnerId, i, item.Kind, MatchKind.Direct, direct));
                }
                else if (routes.ExposureByKey.TryGetValue(item.Key!, out var exposure))
                {
                    matches.Add(new AlertMatch(list.Id, list.OwnerId, i, item.Kind, MatchKind.Exposure, exposure));
                }
            }
        }

        return matches;
    }
}
