namespace Wiredesk.Stories;

/// <summary>How well a report fits a story, with the parts that made the score, and why it may not join at all.</summary>
public sealed record StoryMatch(long StoryId, double Score, double Entities, double Text, double Days, double Figures, string? Veto)
{
    public bool Joins => Veto is null && Score >= StoryScore.JoinThreshold;

    public override string ToString() =>
        $"story {StoryId}: {Score:F3} (entities {Entities:F2}, text {Text:F2}, days {Days:F0}, figures {Figures:F0}){(Veto is null ? "" : $" vetoed: {Veto}")}";
}

/// <summary>Scores a report against a candidate story. Entities carry most of the weight (what the event is about),
/// word overlap confirms it, a shared event day and a shared figure tip the balance. Two rules are absolute: a report
/// must share something more specific than a country (or read almost the same), and a report leading with a
/// different money amount is a different decision ($275 million is not the $725 million package).</summary>
public static class StoryScore
{
    /// <summary>At or above this a report joins the best story. Half the entities shared (0.5 → 0.225) is not enough
    /// alone; with a shared event day and some common wording (text 0.2 → 0.07) it is. See docs/stories.md.</summary>
    public const double JoinThreshold = 0.38;

    public const double EntityWeight = 0.45;
    public const double TextWeight = 0.35;
    public const double DayWeight = 0.10;
    public const double FigureWeight = 0.10;

    /// <summary>Text this similar joins even without a shared specific entity (the analysis may have missed it).</summary>
    public const double SameWordingText = 0.5;

    /// <summary>How much a shared key of each kind says that two reports are on the same event: a person, a company
    /// or a money amount narrows it most; organisations and places less; a country hardly at all.</summary>
    public static double KindWeight(KeyKind kind) => kind switch
    {
        KeyKind.Person or KeyKind.Company or KeyKind.Amount => 3,
        KeyKind.Organization => 2,
        KeyKind.Place => 1.5,
        KeyKind.Country => 0.5,
        _ => 1,
    };

    public static bool IsSpecific(KeyKind kind) => kind is not (KeyKind.Country or KeyKind.Figure);

    /// <summary>Inverse document frequency over stories: a key most stories share (a busy country, a central bank in a
    /// week of rate decisions) weighs less than one few share.</summary>
    public static double Idf(long storiesWithKey, long stories) => Math.Log(1 + ((stories + 1.0) / (storiesWithKey + 1.0)));

    public static StoryMatch Score(long storyId, StoryFeatures report, StoryProfile story, Func<string, double> idf) =>
        Score(storyId, ScoredReport.Of(report, idf), story);

    /// <summary>Scores with the report's side computed once for all the candidates it is scored against.</summary>
    public static StoryMatch Score(long storyId, ScoredReport report, StoryProfile story)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(story);
        var features = report.Features;
        var entities = EntityOverlap(report, story);
        var text = Math.Max(0, features.Terms.Cosine(story.Centroid));
        var days = SharesDay(features.EventDays, story.Days) ? 1 : 0;
        var figures = SharesFigure(features.Keys, story.Keys) ? 1 : 0;
        var score = (EntityWeight * entities) + (TextWeight * text) + (DayWeight * days) + (FigureWeight * figures);
        return new StoryMatch(storyId, score, entities, text, days, figures, Veto(features, story, text));
    }

    // Plain loops: a report is scored against a dozen stories, and these ran as LINQ with a closure per call.
    private static bool SharesDay(IReadOnlyList<DateOnly> days, List<DateOnly> storyDays)
    {
        for (var i = 0; i < days.Count; i++)
        {
            if (storyDays.Contains(days[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SharesFigure(IReadOnlyList<ReportKey> keys, Dictionary<string, ProfileKey> storyKeys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Kind is KeyKind.Figure or KeyKind.Amount && storyKeys.ContainsKey(keys[i].Key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SharesSpecific(IReadOnlyList<ReportKey> keys, Dictionary<string, ProfileKey> storyKeys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (IsSpecific(keys[i].Kind) && storyKeys.ContainsKey(keys[i].Key))
            {
                return true;
            }
        }

        return false;
    }

    private static string? Veto(StoryFeatures report, StoryProfile story, double text)
    {
        var sharesSpecific = SharesSpecific(report.Keys, story.Keys);
        if (!sharesSpecific && text < SameWordingText)
        {
            return "shares no person, organisation, company, place or amount";
        }

        if (report.LeadAmounts.Count > 0 && story.LeadAmounts.Count > 0 && !report.LeadAmounts.Any(story.Keys.ContainsKey))
        {
            return $"leads with a different amount ({string.Join(", ", report.LeadAmounts)})";
        }

        return null;
    }

    /// <summary>The geometric mean of two containments: how much of the report's weighted entities the story holds,
    /// and how much of the story's entities (weighted by the share of its reports naming them) the report names.
    /// Both must be high: a long statement naming one of a story's actors in passing is not on that story.</summary>
    private static double EntityOverlap(ScoredReport report, StoryProfile story)
    {
        double reportShared = 0;
        for (var i = 0; i < report.Keys.Length; i++)
        {
            if (story.Keys.ContainsKey(report.Keys[i]))
            {
                reportShared += report.Weights[i];
            }
        }

        // The story's side walks the report's few keys, not the story's hundreds; its total is the profile's own.
        var storyTotal = story.EntityWeightTotal;
        double storyShared = 0;
        foreach (var key in report.DistinctKeys)
        {
            if (story.Keys.TryGetValue(key, out var known) && known.Kind != KeyKind.Figure)
            {
                storyShared += story.EntityWeight(known);
            }
        }

        var reportTotal = report.Total;
        return reportTotal == 0 || storyTotal == 0 ? 0 : Math.Sqrt(reportShared / reportTotal * (storyShared / storyTotal));
    }
}

/// <summary>What entity overlap needs of the report, whatever the story: its keys' weights (figures aside) in
/// the report's order, their total, and its distinct keys.</summary>
public sealed class ScoredReport
{
    private ScoredReport(StoryFeatures features, string[] keys, double[] weights, double total, string[] distinctKeys)
    {
        Features = features;
        Keys = keys;
        Weights = weights;
        Total = total;
        DistinctKeys = distinctKeys;
    }

    public StoryFeatures Features { get; }

    internal string[] Keys { get; }

    internal double[] Weights { get; }

    internal double Total { get; }

    internal string[] DistinctKeys { get; }

    public static ScoredReport Of(StoryFeatures report, Func<string, double> idf)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(idf);
        var keys = new List<string>(report.Keys.Count);
        var weights = new List<double>(report.Keys.Count);
        double total = 0;
        foreach (var key in report.Keys)
        {
            if (key.Kind == KeyKind.Figure)
            {
                continue;
            }

            var weight = StoryScore.KindWeight(key.Kind) * key.Salience * idf(key.Key);
            keys.Add(key.Key);
            weights.Add(weight);
            total += weight;
        }

        return new ScoredReport(report, [.. keys], [.. weights], total, [.. report.Keys.Select(k => k.Key).Distinct(StringComparer.Ordinal)]);
    }
}
