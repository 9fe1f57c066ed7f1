namespace Wiredesk.Alerts;

/// <summary>A reader's list of things to hear about. Items keep their order: an alert names an item by its
/// position (<see cref="AlertMatch.ItemIndex"/>).</summary>
public sealed record Watchlist(long Id, long OwnerId, string Name, IReadOnlyList<WatchlistItem> Items)
{
    public const int MaxItems = 255;
    public const int MaxNameLength = 100;
}

/// <summary>One thing followed, as the reader gave it: a ticker ("LMT"), a company or person (a knowledge-base id
/// or a name), a country (id, ISO code or name), a topic (IPTC Media Topic code or name) or a keyword query.</summary>
public sealed record WatchlistItem(WatchlistItemKind Kind, string Value);

public enum WatchlistItemKind
{
    Ticker,
    Company,
    Person,
    Country,
    Topic,
    Query,
}
