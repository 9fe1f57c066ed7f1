namespace Wiredesk.Alerts;

/// <summary>What one story matched in an <see cref="AlertMatcher"/>, before fan-out: the followed keys it
/// reaches (each standing for every watchlist item filed under it) and the keyword queries it satisfies.
/// <see cref="ItemCount"/> is known at once; the per-item <see cref="AlertMatch"/>es, in rank order, are made by
/// <see cref="CopyTo"/> or <see cref="ToList"/>. Not thread-safe (one caller per result).</summary>
public sealed class StoryMatches
{
    private readonly AlertMatcher _matcher;

    internal StoryMatches(AlertMatcher matcher, StoryDocument story, StoryRoutes routes)
    {
        _matcher = matcher;
        Story = story;
        Routes = routes;
    }

    public StoryDocument Story { get; }

    /// <summary>The watchlist items matched: as many as the fan-out yields.</summary>
    public int ItemCount { get; internal set; }

    /// <summary>Followed keys the story reaches (directly or by exposure).</summary>
    public int KeyCount => DirectKeys.Count + ExposureKeys.Count;

    /// <summary>Keyword queries the story satisfies.</summary>
    public int QueryCount => Queries.Count;

    /// <summary>Keyword queries the story's words triggered and the matcher verified (the index's query work).</summary>
    public int QueriesVerified { get; internal set; }

    /// <summary>Of <see cref="QueriesVerified"/>, those that had something left to check once the story brought
    /// their trigger (a phrase, a NOT, another word): the rest are satisfied by the trigger itself.</summary>
    public int QueriesEvaluated { get; internal set; }

    internal StoryRoutes Routes { get; }
    internal long Version { get; private set; }
    internal List<(int KeyId, MatchReason Reason)> DirectKeys { get; } = [];
    internal List<(int KeyId, MatchReason Reason)> ExposureKeys { get; } = [];
    internal List<int> Queries { get; } = [];

    /// <summary>Adds every matched item to the list (one the caller may reuse), in the order of
    /// <see cref="AlertMatcher.Match(StoryDocument)"/>.</summary>
    public void CopyTo(List<AlertMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        _matcher.CopyTo(this, matches);
    }

    public IReadOnlyList<AlertMatch> ToList()
    {
        var matches = new List<AlertMatch>(ItemCount);
        CopyTo(matches);
        return matches;
    }

    internal void Reset(long version)
    {
        Version = version;
        ItemCount = 0;
        QueriesVerified = 0;
        QueriesEvaluated = 0;
        DirectKeys.Clear();
        ExposureKeys.Clear();
        Queries.Clear();
    }
}
