using System.Data.Common;
using Wiredesk.Storage;

namespace Wiredesk.Ingest.Dedup;

public enum DedupVerdict
{
    New,
    /// <summary>The same content is already stored (any version of any report): dropped.</summary>
    Duplicate,
    /// <summary>A re-send of a stored report with edits: becomes that report's next version.</summary>
    Update,
}

public sealed record DedupDecision(DedupVerdict Verdict, long? ReportId, string Reason);

/// <summary>The fingerprint of one incoming report, computed once outside the write transaction.</summary>
public sealed record DedupFingerprint(string ContentHash, HashSet<ulong> Shingles, long[] BandHashes)
{
    /// <summary>The shingles in ascending order: what the writer compares and keeps (8 bytes a shingle instead of about
    /// 30 in a set), sorted once here, on the preparing threads, not on the writer.</summary>
    public ulong[] SortedShingles => _sorted ??= TextFingerprint.Sorted(Shingles);

    private ulong[]? _sorted;

    public static DedupFingerprint Of(string title, string text)
    {
        var shingles = TextFingerprint.Shingles(text);
        var fingerprint = new DedupFingerprint(TextFingerprint.ContentHash(title, text), shingles, MinHash.BandHashes(shingles));
        _ = fingerprint.SortedShingles;
        return fingerprint;
    }
}

/// <summary>Decides whether an incoming report is new, a duplicate, or an update of a stored one. Runs inside
/// the write transaction so that two copies arriving at once cannot both become new reports.</summary>
public static class Deduplicator
{
    /// <summary>Above either figure two texts are versions of one report. A corrected number or a changed quote
    /// keeps Jaccard above 0.9; an added paragraph keeps the old text contained in the new. Different statements on
    /// the same subject in the corpus stay below 0.31 Jaccard and 0.50 containment (docs/decisions.md).</summary>
    public const double UpdateJaccard = 0.6;
    public const double UpdateContainment = 0.8;

    public static async Task<DedupDecision> DecideAsync(DbConnection connection, DbTransaction tx, ParsedReport report, DedupFingerprint fingerprint)
    {
        if (await ReportStore.FindByContentHashAsync(connection, tx, fingerprint.ContentHash) is { } same)
        {
            return new(DedupVerdict.Duplicate, same, "same content as a stored version");
        }

        if (report.Guid is { } guid && await ReportStore.FindByGuidAsync(connection, tx, report.Source, guid) is { } sameGuid)
        {
            return new(DedupVerdict.Update, sameGuid, "same source and id as a stored report, new content");
        }

        var best = (Id: 0L, Jaccard: 0.0, Containment: 0.0);
        foreach (var candidate in await ReportStore.FindNearDuplicateCandidatesAsync(connection, tx, fingerprint.BandHashes))
        {
            var stored = await StoredShinglesAsync(connection, tx, candidate);
            var (jaccard, containment) = TextFingerprint.Compare(fingerprint.SortedShingles.AsSpan(), stored);
            if (jaccard > best.Jaccard || (jaccard == best.Jaccard && containment > best.Containment))
            {
                best = (candidate, jaccard, containment);
            }
        }

        return best.Jaccard >= UpdateJaccard || best.Containment >= UpdateContainment
            ? new(DedupVerdict.Update, best.Id, $"near-duplicate (Jaccard {best.Jaccard:0.00}, containment {best.Containment:0.00})")
            : new(DedupVerdict.New, null, "no stored report is close");
    }

    /// <summary>Tells de-duplication the shingles of the text just stored for the report (its fingerprint's), so the
    /// batched writer compares the next reports with it from memory.</summary>
    public static void Stored(DbConnection connection, long reportId, DedupFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        StoryStateCache.Of(connection).SetShingles(reportId, fingerprint.SortedShingles);
    }

    private static async Task<ulong[]> StoredShinglesAsync(DbConnection connection, DbTransaction tx, long reportId)
    {
        if (StoryStateCache.Of(connection).TryGetShingles(reportId, out var kept))
        {
            return kept;
        }

        var shingles = TextFingerprint.Sorted(TextFingerprint.Shingles(await ReportStore.GetTextAsync(connection, tx, reportId) ?? ""));
        StoryStateCache.Of(connection).SetShingles(reportId, shingles);
        return shingles;
    }
}
