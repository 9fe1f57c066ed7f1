using System.Globalization;
using Wiredesk.Analysis;

namespace Wiredesk.Stories;

/// <summary>What a key says about a story. Entities are named by the analysis; amounts are money figures
/// ("$275 million"); figures are other numbers with a unit ("8 targets", "1/2 percentage point").</summary>
public enum KeyKind
{
    Person,
    Company,
    Organization,
    Place,
    Country,
    Amount,
    Figure,
}

/// <summary>One key of a report: an entity id ("org:houthis"), an amount ("amount:USD:275000000") or a figure
/// ("figure:8:targets"). Salience is 1 for what the report is about (named in the title or the opening, or named
/// more than once) and 0.5 for passing mentions.</summary>
public sealed record ReportKey(string Key, KeyKind Kind, string Name, double Salience);

/// <summary>The features of one report that story assignment compares: its keys, the days its events happen on,
/// the money amounts its opening leads with, and its word profile. Computed before the write transaction.</summary>
public sealed record StoryFeatures
{
    /// <summary>Mentioned days further back than this are background ("the strikes of January 11"), not the event.</summary>
    public static readonly TimeSpan EventLookBack = TimeSpan.FromDays(7);

    /// <summary>Mentioned days up to this far ahead are scheduled parts of the event ("results on May 7").</summary>
    public static readonly TimeSpan EventLookAhead = TimeSpan.FromDays(30);

    private const int OpeningSentences = 2;

    public required string Title { get; init; }

    /// <summary>When the report happened for the timeline: published, else received.</summary>
    public required DateTimeOffset At { get; init; }

    public required IReadOnlyList<ReportKey> Keys
    {
        get => _keys;
        init
        {
            _keys = value;
            _pairKeys = null;
        }
    }

    /// <summary>The report's own day plus the days it mentions within the look-back and look-ahead.</summary>
    public required IReadOnlyList<DateOnly> EventDays { get; init; }

    /// <summary>Money amounts in the title or the opening sentence: the decision the report is about.</summary>
    public required IReadOnlyList<string> LeadAmounts { get; init; }

    public required TermVector Terms { get; init; }

    /// <summary>Specific entities whose pairs are indexed: the strongest few, chosen without store statistics so
    /// that indexing and lookup pick the same ones.</summary>
    public const int PairedEntities = 5;

    public DateOnly FirstEventDay => EventDays[0];

    /// <summary>Keys for pairs of the report's strongest specific entities ("pair:company:x|person:y"). A busy
    /// entity (a central bank, a president) is on hundreds of stories in a week, too many to read them all; the pair
    /// of it and a second actor is on a handful, so a follow-up still finds its story when the single keys cannot.
    /// Computed once per report (the writer reads them for the lookup and again for the index).</summary>
    public IReadOnlyList<string> PairKeys => _pairKeys ??= PairKeysOf(Keys);

    private readonly IReadOnlyList<ReportKey> _keys = [];
    private IReadOnlyList<string>? _pairKeys;

    private static string[] PairKeysOf(IReadOnlyList<ReportKey> keys)
    {
        var strongest = keys
            .Where(k => k.Kind is KeyKind.Person or KeyKind.Company or KeyKind.Organization or KeyKind.Place)
            .OrderByDescending(k => k.Salience)
            .ThenByDescending(k => StoryScore.KindWeight(k.Kind))
            .ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(PairedEntities)
            .Select(k => k.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        var pairs = new List<string>();
        for (var i = 0; i < strongest.Count; i++)
        {
            for (var j = i + 1; j < strongest.Count; j++)
            {
                pairs.Add($"pair:{strongest[i]}|{strongest[j]}");
            }
        }

        return [.. pairs];
    }

    public DateOnly LastEventDay => EventDays[^1];

    public static StoryFeatures Of(string title, string text, ReportAnalysis analysis, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(analysis);
        var openingEnd = analysis.Sentences.Count > OpeningSentences ? analysis.Sentences[OpeningSentences - 1].End : text.Length;
        var leadEnd = analysis.Sentences.Count > 0 ? analysis.Sentences[0].End : text.Length;

        var keys = new Dictionary<string, ReportKey>(StringComparer.Ordinal);
        foreach (var entity in analysis.Entities)
        {
            var inTitle = entity.Mentions.Any(m => title.Contains(m.Text, StringComparison.OrdinalIgnoreCase));
            var salient = inTitle || entity.Mentions.Count > 1 || entity.Mentions.Any(m => m.Start < openingEnd);
            keys.TryAdd(entity.Id, new ReportKey(entity.Id, KindOf(entity.Type), entity.Name, salient ? 1 : 0.5));
        }

        var leadAmounts = new List<string>();
        foreach (var number in analysis.Numbers)
        {
            if (NumberKey(number) is not { } key)
            {
                continue;
            }

            var isAmount = key.Kind == KeyKind.Amount;
            var inLead = number.End <= leadEnd || title.Contains(number.Text, StringComparison.OrdinalIgnoreCase);
            if (isAmount && inLead && !leadAmounts.Contains(key.Key))
            {
                leadAmounts.Add(key.Key);
            }

            keys.TryAdd(key.Key, key with { Salience = inLead || number.Start < openingEnd ? 1 : 0.5 });
        }

        var features = new StoryFeatures
        {
            Title = title,
            At = at,
            Keys = [.. keys.Values],
            EventDays = EventDaysOf(analysis.Dates, at),
            LeadAmounts = leadAmounts,
            Terms = TermVector.Of(title, text),
        };
        // Computed here, on the preparing threads: left lazy, the single writer computed them.
        _ = features.PairKeys;
        return features;
    }

    public static KeyKind KindOf(EntityType type) => type switch
    {
        EntityType.Person => KeyKind.Person,
        EntityType.Company => KeyKind.Company,
        EntityType.Organization => KeyKind.Organization,
        EntityType.Place => KeyKind.Place,
        _ => KeyKind.Country,
    };

    /// <summary>Money becomes an amount key; other numbers with a unit become figure keys. Bare numbers, ordinals and
    /// telephone numbers say nothing about which event a report is on.</summary>
    private static ReportKey? NumberKey(NumberMention number)
    {
        var value = number.Value.ToString("0.######", CultureInfo.InvariantCulture);
        return number.Unit switch
        {
            null or "ordinal" or "telephone number" => null,
            { Length: 3 } unit when unit.All(char.IsAsciiLetterUpper) => new ReportKey($"amount:{unit}:{value}", KeyKind.Amount, number.Text, 1),
            var unit => new ReportKey($"figure:{value}:{unit.ToLowerInvariant()}", KeyKind.Figure, number.Text, 1),
        };
    }

    private static DateOnly[] EventDaysOf(IReadOnlyList<DateMention> dates, DateTimeOffset at)
    {
        var own = DateOnly.FromDateTime(at.UtcDateTime);
        var from = own.AddDays(-(int)EventLookBack.TotalDays);
        var to = own.AddDays((int)EventLookAhead.TotalDays);
        var days = new SortedSet<DateOnly> { own };
        foreach (var date in dates)
        {
            // Only day-precise values ("2024-01-11", "2024-01-11T09:00"); a month or a year is too coarse to place an event.
            if (date.Value is { Length: >= 10 } value
                && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                && day >= from && day <= to)
            {
                days.Add(day);
            }
        }

        return [.. days];
    }
}
