namespace Wiredesk.Verification.Checks;

/// <summary>Negation and modality must survive: every "not", "will", "may", "is expected to" of the sentence stands
/// before the same words in the evidence, and every one the evidence puts before words the sentence repeats is kept
/// ("will meet" is not "met"; "did not attack" is not "attacked"). A word swapped for its opposite ("confirmed" for
/// "denied") fails too.</summary>
public sealed class NegationCheck : IVerificationCheck
{
    private const int ScopeWindow = 7;
    private const int ReachWindow = 10;

    /// <summary>A source sentence's operators, computed once however many claims align to it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SourceUnit, List<Operator>> UnitOperators = [];

    public string Name => "negation";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        List<VerificationReason>? reasons = null;
        var claimOperators = Operators(claim.Words);
        var evidenceOperators = new List<Operator>();
        foreach (var unit in context.Evidence)
        {
            evidenceOperators.AddRange(UnitOperators.GetValue(unit, u => Operators(u.Words)));
        }

        foreach (var op in claimOperators)
        {
            if (!evidenceOperators.Exists(e => e.Key == op.Key && e.Reaches(op.Scope)))
            {
                (reasons ??= []).Add(new VerificationReason(Name, $"{KindOf(op)} added", claim.Text[op.Start..op.ScopeEnd]));
            }
        }

        // The claim's content keys matter only against an operator of the evidence: made only when there is one.
        var claimKeys = evidenceOperators.Count == 0 ? null : claim.Words.Where(w => w.IsContent).Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var op in evidenceOperators)
        {
            if (claimKeys!.Contains(op.Scope) && !claimOperators.Exists(c => c.Key == op.Key && c.Reaches(op.Scope)))
            {
                var word = claim.Words.First(w => w.Key == op.Scope);
                (reasons ??= []).Add(new VerificationReason(Name, $"{KindOf(op)} dropped", claim.TextOf(word)));
            }
        }

        foreach (var word in claim.Words)
        {
            if (word.IsContent && Lexicon.HasOpposite(word.Key) && !context.EvidenceHasKey(word.Key) && OppositeInEvidence(context, word.Key) is { } opposite)
            {
                (reasons ??= []).Add(new VerificationReason(Name, $"opposite of the source's “{opposite}”", claim.TextOf(word)));
            }
        }

        return CheckResult.From(reasons);
    }

    private static string? OppositeInEvidence(CheckContext context, string key)
    {
        foreach (var unit in context.Evidence)
        {
            foreach (var w in unit.Words)
            {
                if (Lexicon.AreOpposite(key, w.Key))
                {
                    return unit.Source.Text[w.Start..w.End];
                }
            }
        }

        return null;
    }

    private static string KindOf(Operator op) => op.Kind switch
    {
        WordKinds.Negation => "negation",
        WordKinds.Hedge => "hedge",
        _ => "modality",
    };

    /// <summary>Each negator, modal or hedge with its scope (the first content word after it, adverbs in -ly
    /// skipped) and its reach (the content words of the next few words), so that a rewrite that drops an adverb or a
    /// side phrase between "will" and its verb still keeps the modal on that verb.</summary>
    private static List<Operator> Operators(Word[] words)
    {
        var operators = new List<Operator>();
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            var kind = w.Kinds & (WordKinds.Negation | WordKinds.Modal | WordKinds.Hedge);
            if (kind == 0 || w.Is(WordKinds.Negation) && i + 1 < words.Length && words[i + 1].Key == "only")
            {
                continue;
            }

            string? scope = null;
            var end = w.End;
            var reach = new List<string>(4);
            for (var j = i + 1; j < words.Length && j <= i + ReachWindow; j++)
            {
                var s = words[j];
                if (!s.IsContent)
                {
                    continue;
                }

                reach.Add(s.Key);
                if (scope is null && j <= i + ScopeWindow && !s.Key.EndsWith("ly", StringComparison.Ordinal))
                {
                    scope = s.Key;
                    end = s.End;
                }
            }

            if (scope is not null)
            {
                operators.Add(new Operator(w.Key, kind, scope, reach, w.Start, end));
            }
        }

        return operators;
    }

    private sealed record Operator(string Key, WordKinds Kind, string Scope, List<string> Reach, int Start, int ScopeEnd)
    {
        public bool Reaches(string key) => Reach.Contains(key);
    }
}
