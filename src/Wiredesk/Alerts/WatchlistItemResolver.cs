using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Analysis.Topics;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Alerts;

/// <summary>What a watchlist item stands for once understood: a match key (a knowledge-base id such as
/// "company:LMT", "symbol:EWY" for an instrument the knowledge base does not list as a company, or a topic code
/// such as "medtop:04000000") or a parsed keyword query; Label is how alerts name it.</summary>
public sealed record ResolvedItem(WatchlistItemKind Kind, string? Key, KeywordQuery? Query, string Label);

/// <summary>Turns what a reader typed into match keys through the knowledge base, so that the ticker "LMT" and the
/// company "Lockheed Martin" are the same key. Immutable once built; safe to share.</summary>
public sealed partial class WatchlistItemResolver
{
    public const string SymbolPrefix = "symbol:";

    private readonly KnowledgeBaseIndex _knowledgeBase;
    private readonly FrozenDictionary<string, KnowledgeBaseEntry> _companyByTicker;
    private readonly FrozenDictionary<string, KnowledgeBaseEntry> _byName;
    private readonly FrozenDictionary<string, Topic> _topics;

    public WatchlistItemResolver(KnowledgeBaseIndex knowledgeBase)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        _knowledgeBase = knowledgeBase;
        _companyByTicker = knowledgeBase.Entries.Where(e => e.Type == EntityType.Company && !string.IsNullOrWhiteSpace(e.Ticker))
            .GroupBy(e => e.Ticker!.ToUpperInvariant()).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // One key per type and name: "Georgia" the country and "Georgia" the place do not collide.
        var byName = new Dictionary<string, KnowledgeBaseEntry>(StringComparer.Ordinal);
        foreach (var e in knowledgeBase.Entries)
        {
            foreach (var name in e.Aliases.Prepend(e.Name))
            {
                byName.TryAdd(NameKey(e.Type, name), e);
            }
        }

        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _topics = TopicClassifier.All.SelectMany(t => new[] { (t.Code, t), (t.Code["medtop:".Length..], t), (t.Name.ToLowerInvariant(), t) })
            .DistinctBy(x => x.Item1).ToFrozenDictionary(x => x.Item1, x => x.t, StringComparer.Ordinal);
    }

    public KnowledgeBaseIndex KnowledgeBase => _knowledgeBase;

    /// <summary>The key of a traded symbol: the company's knowledge-base id when it lists the ticker, else "symbol:X".</summary>
    public string SymbolKey(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        var upper = symbol.Trim().ToUpperInvariant();
        return _companyByTicker.TryGetValue(upper, out var company) ? company.Id : SymbolPrefix + upper;
    }

    /// <summary>Resolves the item or throws <see cref="ArgumentException"/> whose message says what is wrong
    /// (for a query: the parser's message with its position).</summary>
    public ResolvedItem Resolve(WatchlistItem item) =>
        TryResolve(item, out var resolved, out var error) ? resolved! : throw new ArgumentException(error, nameof(item));

    public bool TryResolve(WatchlistItem item, out ResolvedItem? resolved, out string? error)
    {
        ArgumentNullException.ThrowIfNull(item);
        resolved = null;
        var value = item.Value?.Trim() ?? "";
        error = value.Length == 0 ? $"the {KindName(item.Kind)} is empty" : null;
        if (error is not null)
        {
            return false;
        }

        (resolved, error) = item.Kind switch
        {
            WatchlistItemKind.Ticker => Ticker(value),
            WatchlistItemKind.Company => Entity(value, EntityType.Company, "company", allowUnknown: false),
            WatchlistItemKind.Person => Entity(value, EntityType.Person, "person", allowUnknown: true),
            WatchlistItemKind.Country => Entity(value, EntityType.Country, "country", allowUnknown: false),
            WatchlistItemKind.Topic => Topic(value),
            WatchlistItemKind.Query => Query(value),
            _ => (null, $"unknown item kind {item.Kind}"),
        };
        return resolved is not null;
    }

    private (ResolvedItem?, string?) Ticker(string value)
    {
        if (!TickerShape().IsMatch(value))
        {
            return (null, $"'{value}' is not a ticker symbol (letters, digits and . - ^ = only, at most 20)");
        }

        var key = SymbolKey(value);
        var label = _knowledgeBase.Find(key) is { } company ? $"{value.ToUpperInvariant()} ({company.Name})" : value.ToUpperInvariant();
        return (new ResolvedItem(WatchlistItemKind.Ticker, key, null, label), null);
    }

    private (ResolvedItem?, string?) Entity(string value, EntityType type, string kind, bool allowUnknown)
    {
        var entry = _knowledgeBase.Find(value) is { } byId && byId.Type == type ? byId
            : _byName.GetValueOrDefault(NameKey(type, value))
            ?? (type == EntityType.Company ? _companyByTicker.GetValueOrDefault(value.ToUpperInvariant()) : null)
            ?? (type == EntityType.Country && value.Length == 2 ? _knowledgeBase.Find("country:" + value.ToUpperInvariant()) : null);
        var itemKind = type switch
        {
            EntityType.Company => WatchlistItemKind.Company,
            EntityType.Person => WatchlistItemKind.Person,
            _ => WatchlistItemKind.Country,
        };
        if (entry is not null)
        {
            return (new ResolvedItem(itemKind, entry.Id, null, entry.Name), null);
        }

        // A person the knowledge base does not know keeps the id the entity recogniser gives names it finds by rule.
        var slug = NameText.Slug(value);
        return allowUnknown && slug.Length > 0
            ? (new ResolvedItem(itemKind, "person:" + slug, null, value), null)
            : (null, $"unknown {kind} '{value}': the knowledge base does not list it (follow it with a keyword query instead)");
    }

    private (ResolvedItem?, string?) Topic(string value) =>
        _topics.TryGetValue(value.ToLowerInvariant(), out var topic)
            ? (new ResolvedItem(WatchlistItemKind.Topic, topic.Code, null, topic.Name), null)
            : (null, $"unknown topic '{value}': use an IPTC Media Topic code such as medtop:04000000 or its name");

    private static (ResolvedItem?, string?) Query(string value) =>
        KeywordQuery.TryParse(value, out var query, out var error)
            ? (new ResolvedItem(WatchlistItemKind.Query, null, query, query!.ToString()), null)
            : (null, "invalid query: " + error!.Message);

    private static string NameKey(EntityType type, string name) => (int)type + "|" + NameText.Normalize(name).ToLowerInvariant();

    private static string KindName(WatchlistItemKind kind) => kind.ToString().ToLowerInvariant();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.\-^=]{0,19}$")]
    private static partial Regex TickerShape();
}
