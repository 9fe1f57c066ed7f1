namespace Wiredesk.Alerts;

/// <summary>Direct: the story names the followed thing or its text matches the query. Exposure: the story
/// triggers a knowledge-base exposure fact that points to the followed thing. Direct ranks first.</summary>
public enum MatchKind
{
    Direct,
    Exposure,
}

/// <summary>One step of a reason. Kind is "entity" (the story names it), "topic", "query", "trigger" (what set off
/// an exposure fact), "fact" (an exposure fact, Id its id) or "instrument" (Id the symbol).</summary>
public sealed record ReasonStep(string Kind, string Id, string Label);

/// <summary>Why a story matched: the path from the story to the followed item, printable as
/// "mentions North Korea, “missile” → defence (korea) → LMT (Lockheed Martin)". Matches for the same reason
/// share one instance; a query's reason is spelt out only when read.</summary>
public sealed class MatchReason
{
    private readonly Func<IReadOnlyList<ReasonStep>>? _build;
    private IReadOnlyList<ReasonStep>? _path;

    public MatchReason(IReadOnlyList<ReasonStep> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = path;
    }

    internal MatchReason(Func<IReadOnlyList<ReasonStep>> build) => _build = build;

    // Building twice on a race gives equal paths, so no lock is needed.
    public IReadOnlyList<ReasonStep> Path => _path ??= _build!();

    public string Text => string.Join(" → ", Path.Select(s => s.Label));

    /// <summary>The exposure fact ids on the path (none for a direct match).</summary>
    public IEnumerable<string> FactIds => Path.Where(s => s.Kind == "fact").Select(s => s.Id);

    public override string ToString() => Text;
}

/// <summary>A watchlist item a story matched: the watchlist, its owner, the item by its position in the
/// watchlist, the item's kind, direct or exposure, and why.</summary>
public readonly record struct AlertMatch(long WatchlistId, long OwnerId, int ItemIndex, WatchlistItemKind ItemKind, MatchKind Kind, MatchReason Reason);
