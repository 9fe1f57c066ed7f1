using System.Text.Json.Serialization;
using Wiredesk.Analysis;

namespace Wiredesk.Stories;

/// <summary>Reports about one event: its title (from its earliest report), its main entities, when it was first
/// seen and last updated (report times: published, else received), and its timeline, oldest first.</summary>
public sealed record Story(
    long Id,
    string Title,
    int ReportCount,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastUpdated,
    IReadOnlyList<StoryEntity> Entities,
    IReadOnlyList<TimelineEntry> Timeline);

public sealed record StoryEntity(string Id, string Name, EntityType Type);

/// <summary>One report on a story's timeline. At is the report's published time, else its received time.</summary>
public sealed record TimelineEntry(long Report, DateTimeOffset At, DateTimeOffset? Published, DateTimeOffset Received, string Title, string? Source);

/// <summary>What a story's reports have in common, stored with the story and scored against each new report:
/// how many of its reports carry each key, its term centroid, its event days and the amounts its reports lead with.</summary>
public sealed record StoryProfile
{
    /// <summary>Event days kept per story; older ones fall off so a long-running story keeps a bounded profile.</summary>
    public const int MaxDays = 60;

    /// <summary>Keys kept per story, most carried first: a story that grows to hundreds of reports keeps a profile of
    /// bounded size, so joining it costs the same as joining a small one. Keys that fall off stay in the index.</summary>
    public const int MaxKeys = 256;

    /// <summary>Lead amounts kept per story.</summary>
    public const int MaxLeadAmounts = 16;

    public int Reports
    {
        get => _reports;
        init
        {
            _reports = value;
            _entityWeightTotal = null;
        }
    }

    public Dictionary<string, ProfileKey> Keys
    {
        get => _keys;
        init
        {
            _keys = value;
            _entityWeightTotal = null;
        }
    }

    public Dictionary<string, double> Terms
    {
        get => _terms;
        init
        {
            _terms = value;
            _centroid = null;
        }
    }

    public List<DateOnly> Days { get; init; } = [];

    public List<string> LeadAmounts { get; init; } = [];

    /// <summary>Computed once per profile: a story is scored against many reports between two of its own changes.</summary>
    [JsonIgnore]
    public TermVector Centroid => _centroid ??= TermVector.FromWeights(Terms);

    private int _reports;
    private readonly Dictionary<string, ProfileKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _terms = new(StringComparer.Ordinal);
    private TermVector? _centroid;
    private double? _entityWeightTotal;

    /// <summary>What a key of the story weighs in entity overlap: its kind's weight times the share of the story's
    /// reports carrying it.</summary>
    public double EntityWeight(ProfileKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return StoryScore.KindWeight(key.Kind) * key.Count / Math.Max(1, Reports);
    }

    /// <summary>The summed <see cref="EntityWeight"/> of the story's keys (figures aside), computed once per profile.</summary>
    [JsonIgnore]
    public double EntityWeightTotal => _entityWeightTotal ??= SumOfEntityWeights();

    private double SumOfEntityWeights()
    {
        double total = 0;
        foreach (var key in Keys.Values)
        {
            if (key.Kind != KeyKind.Figure)
            {
                total += EntityWeight(key);
            }
        }

        return total;
    }

    public static StoryProfile Of(StoryFeatures report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Empty.With(report);
    }

    private static StoryProfile Empty => new();

    /// <summary>The profile once the report has joined: key counts and event days grow, the centroid moves toward it.</summary>
    public StoryProfile With(StoryFeatures report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Sized for the report's keys too, so adding them never grows the table; entries keep the profile's order.
        var keys = new Dictionary<string, ProfileKey>(Keys.Count + report.Keys.Count, StringComparer.Ordinal);
        foreach (var (key, known) in Keys)
        {
            keys.Add(key, known);
        }

        foreach (var key in report.Keys)
        {
            keys[key.Key] = keys.TryGetValue(key.Key, out var known)
                ? known with { Count = known.Count + 1, Salience = known.Salience + key.Salience }
                : new ProfileKey(key.Kind, key.Name, 1, key.Salience);
        }

        if (keys.Count > MaxKeys)
        {
            // Most carried first, ties by salience then key: a total order (keys are distinct), so an unstable sort
            // keeps the same keys in the same order as a stable one. The order is the profile's (its JSON, its sums).
            var ranked = keys.ToArray();
            Array.Sort(ranked, static (a, b) =>
                b.Value.Count != a.Value.Count ? b.Value.Count.CompareTo(a.Value.Count)
                : b.Value.Salience.CompareTo(a.Value.Salience) is var bySalience and not 0 ? bySalience
                : string.CompareOrdinal(a.Key, b.Key));
            keys = new Dictionary<string, ProfileKey>(MaxKeys, StringComparer.Ordinal);
            for (var i = 0; i < MaxKeys; i++)
            {
                keys.Add(ranked[i].Key, ranked[i].Value);
            }
        }

        return new StoryProfile
        {
            Reports = Reports + 1,
            Keys = keys,
            Terms = new(Centroid.MergedWith(report.Terms, Reports).Weights, StringComparer.Ordinal),
            Days = LatestDays(Days, report.EventDays),
            LeadAmounts = [.. LeadAmounts.Union(report.LeadAmounts, StringComparer.Ordinal).Take(MaxLeadAmounts)],
        };
    }

    /// <summary>The union of the two lists of days, in order, the latest <see cref="MaxDays"/>. Both are ascending and
    /// distinct (a profile's days and a report's event days are built so), so one merge gives what sorting the union
    /// gives; a list that is not is sorted the slow way.</summary>
    private static List<DateOnly> LatestDays(List<DateOnly> story, IReadOnlyList<DateOnly> report)
    {
        if (!IsAscending(story) || !IsAscending(report))
        {
            return [.. story.Union(report).Order().TakeLast(MaxDays)];
        }

        var merged = new List<DateOnly>(story.Count + report.Count);
        int i = 0, j = 0;
        while (i < story.Count || j < report.Count)
        {
            if (j == report.Count || (i < story.Count && story[i] < report[j]))
            {
                merged.Add(story[i++]);
            }
            else if (i == story.Count || report[j] < story[i])
            {
                merged.Add(report[j++]);
            }
            else
            {
                merged.Add(story[i++]);
                j++;
            }
        }

        if (merged.Count > MaxDays)
        {
            merged.RemoveRange(0, merged.Count - MaxDays);
        }

        return merged;
    }

    private static bool IsAscending(IReadOnlyList<DateOnly> days)
    {
        for (var i = 1; i < days.Count; i++)
        {
            if (days[i] <= days[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The entities the story is most about: carried by most of its reports, specific kinds first.</summary>
    public IReadOnlyList<StoryEntity> MainEntities(int count) =>
        [.. Keys.Where(k => k.Value.Kind is not (KeyKind.Amount or KeyKind.Figure))
            .OrderByDescending(k => k.Value.Count * StoryScore.KindWeight(k.Value.Kind))
            .ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(count)
            .Select(k => new StoryEntity(k.Key, k.Value.Name, TypeOf(k.Value.Kind)))];

    private static EntityType TypeOf(KeyKind kind) => kind switch
    {
        KeyKind.Person => EntityType.Person,
        KeyKind.Company => EntityType.Company,
        KeyKind.Organization => EntityType.Organization,
        KeyKind.Place => EntityType.Place,
        _ => EntityType.Country,
    };
}

/// <summary>A key of a story: how many of its reports carry it, and their summed salience (1 prominent, 0.5 passing).</summary>
public sealed record ProfileKey(KeyKind Kind, string Name, int Count, double Salience);
