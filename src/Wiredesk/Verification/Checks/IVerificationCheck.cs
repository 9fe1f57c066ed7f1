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
    internal CheckContext(Claim claim, List<SourceUnit> evidence, IReadOnlyList<VerificationSource> sources)
    {
        Claim = claim;
        Evidence = evidence;
        Sources = sources;
        _sourceName = SourceNameWords(claim);
    }

    private readonly bool[] _sourceName;

    public Claim Claim { get; }
    // A list, not the interface: every check walks it, and the interface's enumerator is an allocation.
    internal List<SourceUnit> Evidence { get; }
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

    /// <summary>A capitalised word the evidence names as a country or region ("Korean" where it says "Korea").</summary>
    public bool EvidenceHasDemonymBase(Word word)
    {
        if (!char.IsUpper(Claim.Text[word.Start]))
        {
            return false;
        }

        foreach (var key in Lexicon.DemonymBases(Claim.TextOf(word).ToLowerInvariant()))
        {
            if (EvidenceHasKey(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A word of the claim's attribution that names a source's publisher ("according to the State
    /// Department"): the publisher need not name itself in its own text.</summary>
    public bool IsSourceName(Word word)
    {
        var i = Claim.IndexOf(word);
        return i >= 0 && _sourceName[i];
    }

    /// <summary>The same for a stretch of the claim (a name, a number, a date): all its content words.</summary>
    public bool IsSourceName(int start, int end)
    {
        var any = false;
        for (var i = 0; i < Claim.Words.Length; i++)
        {
            var w = Claim.Words[i];
            if (w.Start >= start && w.End <= end && w.IsContent)
            {
                if (!_sourceName[i])
                {
                    return false;
                }

                any = true;
            }
        }

        return any;
    }

    /// <summary>Words of a publisher's name that stand in the attribution, or in one run of such words reaching
    /// it ("according to the U.S. Department of State transcript").</summary>
    private bool[] SourceNameWords(Claim claim)
    {
        var words = claim.Words;
        var marked = new bool[words.Length];
        var any = false;
        for (var i = 0; i < words.Length; i++)
        {
            marked[i] = words[i].IsContent && IsSourceNameKey(words[i].Key) && claim.IsInAttribution(words[i]);
            any |= marked[i];
        }

        if (!any)
        {
            return marked;
        }

        for (var pass = 0; pass < 2; pass++)
        {
            for (var k = 0; k < words.Length; k++)
            {
                var i = pass == 0 ? k : words.Length - 1 - k;
                var neighbour = pass == 0 ? i - 1 : i + 1;
                if (!marked[i] && neighbour >= 0 && neighbour < words.Length && (marked[neighbour] || !words[neighbour].IsContent && Touches(marked, neighbour, pass))
                    && words[i].IsContent && IsSourceNameKey(words[i].Key))
                {
                    marked[i] = true;
                }
            }
        }

        return marked;
    }

    /// <summary>A function word ("of") continues a name run when the word before it (in the sweep's direction) is marked.</summary>
    private static bool Touches(bool[] marked, int functionWord, int pass)
    {
        var before = pass == 0 ? functionWord - 1 : functionWord + 1;
        return before >= 0 && before < marked.Length && marked[before];
    }

    private bool IsSourceNameKey(string key)
    {
        for (var s = 0; s < Sources.Count; s++)
        {
            var source = Sources[s];
            if (source.NameKeys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    public IEnumerable<NumberMention> EvidenceNumbers() => Evidence.SelectMany(u => u.Numbers);

    /// <summary>Dates of the evidence, each with the word just before it ("late" in "late July").</summary>
    public IEnumerable<(DateMention Date, string? Before)> EvidenceDates() =>
        Evidence.SelectMany(u => u.Dates.Select(d => (d, WordBefore(u.Words, d.Start))));

    /// <summary>The key of the last word ending at or before the offset, if it is right there.</summary>
    internal static string? WordBefore(Word[] words, int offset)
    {
        for (var i = words.Length - 1; i >= 0; i--)
        {
            if (words[i].End <= offset)
            {
                return offset - words[i].End <= 2 ? words[i].Key : null;
            }
        }

        return null;
    }
}
