using Wiredesk.Drafting;

namespace Wiredesk.Alerts;

/// <summary>The keys one story reaches and why: directly (its entities, their tickers, its topics) and through the
/// exposure map (facts its main entities and words trigger → the instruments they name). A key reached directly is
/// not also reached by exposure; of several facts reaching one key, the first in the exposure map's order tells
/// the reason. Keys are in rank order.</summary>
public sealed class StoryRoutes
{
    private StoryRoutes(List<(string Key, MatchReason Reason)> direct, List<(string Key, MatchReason Reason)> exposure)
    {
        Direct = direct;
        Exposure = exposure;
        DirectByKey = direct.ToDictionary(x => x.Key, x => x.Reason, StringComparer.Ordinal);
        ExposureByKey = exposure.ToDictionary(x => x.Key, x => x.Reason, StringComparer.Ordinal);
    }

    /// <summary>The reader's home market: the exposure map's instruments are those a US investor holds (EWY is how
    /// "investors abroad" hold South Korea), and its country fact for the United States (S&amp;P 500, SPY, the dollar)
    /// would reach those instruments on every other story, which tells a reader following SPY or USD nothing. So
    /// alerts skip it; theme facts that name US instruments (the Fed → USD, tariffs → SPY) still apply, and a
    /// reader who follows the country itself is matched directly.</summary>
    public const string HomeMarketCountry = "country:US";

    public IReadOnlyList<(string Key, MatchReason Reason)> Direct { get; }
    public IReadOnlyList<(string Key, MatchReason Reason)> Exposure { get; }
    public IReadOnlyDictionary<string, MatchReason> DirectByKey { get; }
    public IReadOnlyDictionary<string, MatchReason> ExposureByKey { get; }

    /// <summary>The reason a matching query gives.</summary>
    public static MatchReason QueryReason(string canonicalQuery) => new(QueryPath(canonicalQuery));

    internal static IReadOnlyList<ReasonStep> QueryPath(string canonicalQuery) =>
        [new ReasonStep("query", canonicalQuery, $"matches the query {canonicalQuery}")];

    internal static StoryRoutes Of(StoryDocument story, WatchlistItemResolver resolver, ExposureRouter exposures)
    {
        var direct = new List<(string, MatchReason)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in story.Entities)
        {
            var reason = new MatchReason([new ReasonStep("entity", e.Id, "mentions " + e.Name + (e.Ticker is { } t ? $" ({t})" : ""))]);
            if (seen.Add(e.Id))
            {
                direct.Add((e.Id, reason));
            }

            if (e.Ticker is { } ticker && seen.Add(resolver.SymbolKey(ticker)))
            {
                direct.Add((resolver.SymbolKey(ticker), reason));
            }
        }

        foreach (var topic in story.Topics)
        {
            if (seen.Add(topic.Code))
            {
                direct.Add((topic.Code, new MatchReason([new ReasonStep("topic", topic.Code, $"is about {topic.Name}")])));
            }
        }

        var exposure = new List<(string, MatchReason)>();
        foreach (var (fact, trigger) in exposures.Facts(story))
        {
            var factStep = new ReasonStep("fact", fact.Id, exposures.Label(fact));
            foreach (var instrument in fact.Instruments)
            {
                var key = resolver.SymbolKey(instrument.Symbol);
                if (seen.Add(key))
                {
                    var label = instrument.Symbol + (resolver.KnowledgeBase.Find(key) is { } company ? $" ({company.Name})" : $" ({instrument.Name})");
                    exposure.Add((key, new MatchReason([trigger, factStep, new ReasonStep("instrument", instrument.Symbol, label)])));
                }
            }
        }

        return new StoryRoutes(direct, exposure);
    }
}

/// <summary>The exposure map prepared for per-story use: facts filed under their trigger entities, so a story
/// checks the keywords only of facts its main entities can trigger (plus facts with keyword triggers alone).
/// Which facts apply, and their order, is exactly <see cref="ExposureMap.Match"/>, less the home market's country
/// fact (<see cref="StoryRoutes.HomeMarketCountry"/>).</summary>
internal sealed class ExposureRouter
{
    private readonly Dictionary<string, List<int>> _byEntity = new(StringComparer.Ordinal);
    private readonly List<int> _keywordOnly = [];
    private readonly IReadOnlyList<ExposureFact> _facts;
    private readonly string[][] _lowerKeywords;
    private readonly Analysis.KnowledgeBase.KnowledgeBase _knowledgeBase;

    public ExposureRouter(ExposureMap map, Analysis.KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        _facts = map.Facts;
        _lowerKeywords = [.. _facts.Select(f => f.Triggers.Keywords.Select(k => k.ToLowerInvariant()).ToArray())];
        _knowledgeBase = knowledgeBase;
        for (var i = 0; i < _facts.Count; i++)
        {
            if (IsHomeMarket(_facts[i]))
            {
                continue;
            }

            if (_facts[i].Triggers.Entities.Count == 0)
            {
                _keywordOnly.Add(i);
            }

            foreach (var id in _facts[i].Triggers.Entities)
            {
                if (!_byEntity.TryGetValue(id, out var list))
                {
                    _byEntity[id] = list = [];
                }

                list.Add(i);
            }
        }
    }

    internal static bool IsHomeMarket(ExposureFact fact) =>
        fact.Kind == ExposureKinds.Country && fact.Triggers.Entities.Count > 0
        && fact.Triggers.Entities.All(e => e == StoryRoutes.HomeMarketCountry) && fact.Triggers.Keywords.Count == 0;

    /// <summary>The facts that apply, in the exposure map's order, each with the step saying what triggered it.</summary>
    public IEnumerable<(ExposureFact Fact, ReasonStep Trigger)> Facts(StoryDocument story)
    {
        var candidates = new SortedSet<int>(_keywordOnly);
        foreach (var id in story.MainEntityIds)
        {
            if (_byEntity.TryGetValue(id, out var list))
            {
                candidates.UnionWith(list);
            }
        }

        // The exposure map matches lower-cased text and keywords (ordinal searches, see ExposureFact.ContainsWord).
        // Each candidate's keywords are searched once: whether it applies, how many match, which names the trigger.
        var text = story.LowerText;
        var applying = new List<(int Index, string? Entity, string? Keyword, int Keywords)>();
        foreach (var i in candidates)
        {
            var fact = _facts[i];
            var entity = fact.Triggers.Entities.FirstOrDefault(story.MainEntityIds.Contains);
            if (fact.Triggers.Entities.Count > 0 && entity is null)
            {
                continue;
            }

            var (keyword, count) = ((string?)null, 0);
            var keywords = _lowerKeywords[i];
            for (var k = 0; k < keywords.Length; k++)
            {
                if (ExposureFact.ContainsWord(text, keywords[k]))
                {
                    keyword ??= fact.Triggers.Keywords[k];
                    count++;
                }
            }

            if (keywords.Length == 0 || count > 0)
            {
                applying.Add((i, entity, keyword, count));
            }
        }

        // Themes before countries; higher priority, then more keywords matched; otherwise the map's order.
        foreach (var (i, entity, keyword, _) in applying
            .OrderBy(x => _facts[x.Index].Kind == ExposureKinds.Country ? 1 : 0)
            .ThenByDescending(x => _facts[x.Index].Priority)
            .ThenByDescending(x => x.Keywords))
        {
            var name = entity is null ? null : story.Entities.FirstOrDefault(e => e.Id == entity)?.Name ?? _knowledgeBase.Find(entity)?.Name ?? entity;
            var label = "mentions " + string.Join(", ", new[] { name, keyword is null ? null : $"“{keyword}”" }.OfType<string>());
            yield return (_facts[i], new ReasonStep("trigger", entity ?? keyword ?? "", label));
        }
    }

    /// <summary>A short name for a fact: "defence (korea)", "South Korea market".</summary>
    public string Label(ExposureFact fact)
    {
        var parts = fact.Id.Split(':');
        var rest = parts.Length > 1 && parts[0] == "exposure" ? parts[1..] : parts;
        if (rest.Length == 0)
        {
            return fact.Id;
        }

        if (fact.Kind == ExposureKinds.Country)
        {
            return (_knowledgeBase.Find("country:" + rest[^1])?.Name ?? rest[^1]) + " market";
        }

        var head = rest[0].Replace('-', ' ');
        return rest.Length == 1 ? head : $"{head} ({string.Join(' ', rest[1..]).Replace('-', ' ')})";
    }
}
