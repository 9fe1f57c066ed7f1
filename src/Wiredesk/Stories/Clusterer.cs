using System.Data.Common;
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
        var best = await BestMatchAsync(connection, tx, report);
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
        var keys = report.Keys.Where(k => k.Kind != KeyKind.Figure).ToList();
        if (keys.Count == 0)
        {
            return null;
        }

        var stories = await StoryStore.StoryCountAsync(connection, tx);
        var pairs = report.PairKeys;
        var counts = await StoryStore.KeyCountsAsync(connection, tx, [.. keys.Select(k => k.Key), .. pairs]);
        // Each key's IDF once per report, not once per candidate scored.
        var idfs = new Dictionary<string, double>(StringComparer.Ordinal);
        double Idf(string key)
        {
            if (!idfs.TryGetValue(key, out var idf))
            {
                idfs[key] = idf = StoryScore.Idf(counts.GetValueOrDefault(key), stories);
            }

            return idf;
        }

        // A lookup key's weight ranks candidates before they are scored: kind, salience and rarity for single keys;
        // a pair counts as much as a person, times its own (high) rarity.
        var weightOf = keys
            .Select(k => (k.Key, Weight: StoryScore.KindWeight(k.Kind) * k.Salience * Idf(k.Key)))
            .Concat(pairs.Select(p => (Key: p, Weight: StoryScore.KindWeight(KeyKind.Person) * Idf(p))))
            .ToDictionary(k => k.Key, k => k.Weight, StringComparer.Ordinal);
        var lookup = weightOf
            .OrderByDescending(k => k.Value)
            .ThenBy(k => k.Key, StringComparer.Ordinal)
            .Take(LookupKeys)
            .Select(k => k.Key)
            .ToList();
        var window = settings.StoryWindow.Days;
        var hits = await StoryStore.CandidatesForAsync(
            connection, tx, lookup, report.FirstEventDay.AddDays(-window), report.LastEventDay.AddDays(window));
        if (hits.Count == 0)
        {
            return null;
        }

        var ranked = hits
            .GroupBy(h => h.StoryId)
            .Select(g => (StoryId: g.Key, Weight: g.Sum(h => weightOf[h.Key])))
            .OrderByDescending(c => c.Weight)
            .ThenByDescending(c => c.StoryId)
            .Take(ScoredCandidates)
            .Select(c => c.StoryId)
            .ToList();
        var states = await StoryStore.StatesAsync(connection, tx, ranked);
        var side = ScoredReport.Of(report, Idf);
        return ranked
            .Select(id => StoryScore.Score(id, side, states[id].Profile))
            .OrderByDescending(m => m.Joins)
            .ThenByDescending(m => m.Score)
            .First();
    }
}
