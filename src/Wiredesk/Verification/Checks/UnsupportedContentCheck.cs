namespace Wiredesk.Verification.Checks;

/// <summary>The sentence as a whole may say nothing the aligned source sentences do not: each of its content
/// words (after folding inflection and the paraphrase lexicon) must stand in the evidence. Function words,
/// attribution ("said", "according to") and the source's own name are free; names, numbers and dates are left to
/// their own checks. This is what catches a claim appended to an otherwise supported sentence.</summary>
public sealed class UnsupportedContentCheck : IVerificationCheck
{
    public string Name => "content";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        List<VerificationReason>? reasons = null;
        foreach (var word in claim.Words)
        {
            if (!word.IsContent || word.Is(WordKinds.Capitalized | WordKinds.Number | WordKinds.Attribution)
                || context.EvidenceHasKey(word.Key) || context.IsSourceName(word) || claim.IsInNumberOrDate(word)
                || context.EvidenceHasDemonymBase(word))
            {
                continue;
            }

            (reasons ??= []).Add(new VerificationReason(Name, "not in the aligned sources", claim.TextOf(word)));
        }

        return CheckResult.From(reasons);
    }
}
