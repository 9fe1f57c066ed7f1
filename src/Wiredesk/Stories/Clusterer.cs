using System.Data.Common;
using System.Runtime.InteropServices;
using Wiredesk.Storage;

namespace Wiredesk.Stories;

/// <summary>What story assignment did with a report: joined a story (with the winning match), started one, or kept
/// the story an earlier version of the report is on.</summary>
public sealed record StoryAssignment(long StoryId, StoryAssignmentKind Kind, StoryMatch? Match);

public enum StoryAssignmentKind
{
    Started,
    Joined,
    Kept,
}

/// <summary>Puts a stored report on a story, inside the ingest's write transaction: candidates come from the key
/// index within a time window around the report's event days (never a scan over all stories), each candidate is
/// scored (<see cref="StoryScore"/>), and the report joins the best one at or above the threshold or starts a story.</summary>
public sealed class Clusterer(Settings settings)
{
    /// <summary>Keys looked up per report, strongest first (entity pairs, then single entities and amounts): enough
    /// for the specific entities of a wire report while keeping the lookup a fixed number of index searches.</summary>
    public const int LookupKeys = 32;

    /// <summary>Candidates scored in full, ranked by the IDF weight of the keys they share with the report.</summary>
    public const int ScoredCandidates = 12;

    public async Task<StoryAssignment> AssignAsync(DbConnection connection, DbTransaction tx, long reportId, StoryFeatures report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ct.ThrowIfCancellationRequested();
        if (await StoryStore.StoryOfAsync(connection, tx, reportId) is { } storyId)
        {
            await StoryStore.RefreshAsync(connection, tx, storyId, reportId, report);
            return new(storyId, StoryAssignmentKind.Kept, null);
        }

        return await AssignNewAsync(connection, tx, reportId, report, ct);
    }

    /// <summary><see cref="AssignAsync"/> for a report just stored, which no story holds yet.</summary>
    public async Task<StoryAssignment> AssignNewAsync(DbConnection connection, DbTransaction tx, long reportId, StoryFeatures report, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ct.ThrowIfCancellationRequested();
        return await AssignToBestAsync(connection, tx, reportId, report, await BestMatchAsync(connection, tx, report));
    }

    /// <summary>Puts a report no story holds yet on the story <paramref name="best"/> names when it joins (the
    /// <see cref="BestMatchAsync"/> of the report in this transaction), else on a new story.</summary>
    public static async Task<StoryAssignment> AssignToBestAsync(DbConnection connection, DbTransaction tx, long reportId, StoryFeatures report, StoryMatch? best)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (best is { Joins: true })
        {
            var state = (await StoryStore.StatesAsync(connection, tx, [best.StoryId]))[best.StoryId];
            await StoryStore.JoinAsync(connection, tx, state, reportId, report, best.Score);
            return new(best.StoryId, StoryAssignmentKind.Joined, best);
        }

        var id = await StoryStore.AddAsync(connection, tx, reportId, report, StoryProfile.Of(report));
        return new(id, StoryAssignmentKind.Started, best);
    }

    /// <summary>The best-scoring candidate story for the report (joining or not), or null when no story in the window
    /// shares a key with it.</summary>
    public async Task<StoryMatch?> BestMatchAsync(DbConnection connection, DbTransaction? tx, StoryFeatures report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var keys = new List<ReportKey>(report.Keys.Count);
        foreach (var key in report.Keys)
        {
            if (key.Kind != KeyKind.Figure)
            {
                keys.Add(key);
            }
        }

        if (keys.Count == 0)
        {
            return null;
        }

        var stories = await StoryStore.StoryCountAsync(connection, tx);
        var pairs = report.PairKeys;
        var keyNames = new List<string>(keys.Count + pairs.Count);
        keyNames.AddRange(keys.Select(k => k.Key));
        keyNames.AddRange(pairs);
        var counts = await StoryStore.KeyCountsAsync(connection, tx, keyNames);
        // Each key's IDF once per report, not once per candidate scored.
        var idfs = new Dictionary<string, double>(keyNames.Count, StringComparer.Ordinal);
        double Idf(string key)
        {
            if (!idfs.TryGetValue(key, out var idf))
            {
                idfs[key] = idf = StoryScore.Idf(counts.GetValueOrDefault(key), stories);
            }

            return idf;
        }

        // A lookup key's weight ranks candidates before they are scored: kind, salience and rarity for single keys;
        // a pair counts as much as a person, times its own (high) rarity. Keys are distinct.
        var weightOf = new Dictionary<string, double>(keyNames.Count, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            weightOf.Add(key.Key, StoryScore.KindWeight(key.Kind) * key.Salience * Idf(key.Key));
        }

        foreach (var pair in pairs)
        {
            weightOf.Add(pair, StoryScore.KindWeight(KeyKind.Person) * Idf(pair));
        }

        // Heaviest first, ties by key: a total order, so the keys taken do not depend on the sort.
        var byWeight = weightOf.ToArray();
        Array.Sort(byWeight, static (a, b) => b.Value.CompareTo(a.Value) is var w and not 0 ? w : string.CompareOrdinal(a.Key, b.Key));
        var lookup = new List<string>(Math.Min(LookupKeys, byWeight.Length));
        for (var i = 0; i < byWeight.Length && i < LookupKeys; i++)
        {
            lookup.Add(byWeight[i].Key);
        }

        var window = settings.StoryWindow.Days;
        var hits = await StoryStore.CandidatesForAsync(
            connection, tx, lookup, report.FirstEventDay.AddDays(-window), report.LastEventDay.AddDays(window));
        if (hits.Count == 0)
        {
            return null;
        }

        var ranked = Ranked(hits, weightOf);
        var states = await StoryStore.StatesAsync(connection, tx, ranked);
        var side = ScoredReport.Of(report, Idf);
        // The first of the joining matches with the highest score, else the first with the highest score (in rank order).
        StoryMatch? best = null;
        foreach (var id in ranked)
        {
            var match = StoryScore.Score(id, side, states[id].Profile);
            if (best is null || (match.Joins && !best.Joins) || (match.Joins == best.Joins && match.Score > best.Score))
            {
                best = match;
            }
        }

        return best;
    }

    /// <summary>The <see cref="ScoredCandidates"/> stories with the highest summed weight of the keys they share with
    /// the report, heaviest first (ties: higher story id). Weights are summed in the order of the hits.</summary>
    private static List<long> Ranked(IReadOnlyList<(long StoryId, string Key)> hits, Dictionary<string, double> weightOf)
    {
        var sums = new Dictionary<long, double>(hits.Count);
        foreach (var (storyId, key) in hits)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(sums, storyId, out _);
            sum += weightOf[key];
        }

        var candidates = sums.ToArray();
        Array.Sort(candidates, static (a, b) => b.Value.CompareTo(a.Value) is var w and not 0 ? w : b.Key.CompareTo(a.Key));
        var ranked = new List<long>(Math.Min(ScoredCandidates, candidates.Length));
        for (var i = 0; i < candidates.Length && i < ScoredCandidates; i++)
        {
            ranked.Add(candidates[i].Key);
        }

        return ranked;
    }
}
