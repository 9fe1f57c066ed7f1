namespace Wiredesk.Verification.Checks;

/// <summary>Negation and modality must survive: every "not", "will", "may", "is expected to" of the sentence stands
/// before the same words in the evidence, and every one the evidence puts before words the sentence repeats is kept
/// ("will meet" is not "met"; "did not attack" is not "attacked"). A word swapped for its opposite ("confirmed" for
/// "denied") fails too.</summary>
public sealed class NegationCheck : IVerificationCheck
{
    private const int ScopeWindow = 5;

    public string Name => "negation";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        List<VerificationReason>? reasons = null;
        var claimOperators = Operators(claim.Words);
        var evidenceOperators = context.Evidence.SelectMany(u => Operators(u.Words)).ToList();

        foreach (var op in claimOperators)
        {
            if (!evidenceOperators.Exists(e => e.Key == op.Key && e.Shares(op)))
            {
                (reasons ??= []).Add(new VerificationReason(Name, $"{KindOf(op)} added", claim.Text[op.Start..op.ScopeEnd]));
            }
        }

        var claimKeys = claim.Words.Where(w => w.IsContent).Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var op in evidenceOperators)
        {
            if (claimKeys.Contains(op.Scope1) && !claimOperators.Exists(c => c.Key == op.Key && (c.Scope1 == op.Scope1 || c.Scope2 == op.Scope1)))
            {
                var word = claim.Words.First(w => w.Key == op.Scope1);
                (reasons ??= []).Add(new VerificationReason(Name, $"{KindOf(op)} dropped", claim.TextOf(word)));
            }
        }

        foreach (var word in claim.Words)
        {
            if (word.IsContent && !context.EvidenceHasKey(word.Key) && OppositeInEvidence(context, word.Key) is { } opposite)
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

    /// <summary>Each negator, modal or hedge with the first two content words after it (its scope).</summary>
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

            string? first = null;
            string? second = null;
            var end = w.End;
            for (var j = i + 1; j < words.Length && j <= i + ScopeWindow && second is null; j++)
            {
                var s = words[j];
                if (!s.IsContent || s.Key.EndsWith("ly", StringComparison.Ordinal))
                {
                    continue;
                }

                if (first is null)
                {
                    first = s.Key;
                    end = s.End;
                }
                else
                {
                    second = s.Key;
                }
            }

            if (first is not null)
            {
                operators.Add(new Operator(w.Key, kind, first, second ?? first, w.Start, end));
            }
        }

        return operators;
    }

    private readonly record struct Operator(string Key, WordKinds Kind, string Scope1, string Scope2, int Start, int ScopeEnd)
    {
        public bool Shares(Operator other) =>
            Scope1 == other.Scope1 || Scope1 == other.Scope2 || Scope2 == other.Scope1 || Scope2 == other.Scope2;
    }
}
