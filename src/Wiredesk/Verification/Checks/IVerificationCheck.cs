using Wiredesk.Analysis;

namespace Wiredesk.Verification.Checks;

/// <summary>One rule a sentence must satisfy against its evidence (Sonarr's decision-engine specifications:
/// one small class per rule, each returning pass or fail with reasons). Implementations are stateless.</summary>
public interface IVerificationCheck
{
    /// <summary>Short lower-case name that starts every reason of this check ("name", "number").</summary>
    string Name { get; }

    CheckResult Check(CheckContext context);
}

/// <summary>Pass (no reasons) or fail with the reasons.</summary>
public sealed record CheckResult(IReadOnlyList<VerificationReason> Reasons)
{
    public static readonly CheckResult Pass = new([]);

    public bool Passed => Reasons.Count == 0;

    public static CheckResult From(List<VerificationReason>? reasons) => reasons is null || reasons.Count == 0 ? Pass : new(reasons);
}

/// <summary>What a check sees: the claim, the source sentences it was aligned to, and every source (quotes may
/// be looked up anywhere in them).</summary>
public sealed class CheckContext
{
    internal CheckContext(Claim claim, IReadOnlyList<SourceUnit> evidence, IReadOnlyList<VerificationSource> sources)
    {
        Claim = claim;
        Evidence = evidence;
        Sources = sources;
    }

    public Claim Claim { get; }
    internal IReadOnlyList<SourceUnit> Evidence { get; }
    public IReadOnlyList<VerificationSource> Sources { get; }

    public bool EvidenceHasKey(string key)
    {
        foreach (var unit in Evidence)
        {
            if (unit.Keys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A word every source may lend: the publisher's name ("according to the State Department").</summary>
    public bool IsSourceNameKey(string key)
    {
        foreach (var source in Sources)
        {
            if (source.NameKeys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<NumberMention> EvidenceNumbers() =>
        Evidence.SelectMany(u => u.Source.Analysis.Numbers.Where(n => u.Contains(n.Start, n.End)));

    public IEnumerable<DateMention> EvidenceDates() =>
        Evidence.SelectMany(u => u.Source.Analysis.Dates.Where(d => u.Contains(d.Start, d.End)));

    /// <summary>Entities with a mention inside the evidence, with that source (for its other mentions).</summary>
    internal IEnumerable<(Entity Entity, VerificationSource Source)> EvidenceEntities() =>
        Evidence.SelectMany(u => u.Source.Analysis.Entities.Where(e => e.Mentions.Any(m => u.Contains(m.Start, m.End))).Select(e => (e, u.Source)));
}
