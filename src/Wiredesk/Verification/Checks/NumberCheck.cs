namespace Wiredesk.Verification.Checks;

/// <summary>Every number of the sentence must stand in the aligned sources with the same value (magnitude folded:
/// "$1.2 billion" is not "$1.2 million") and a compatible unit: currencies, percent, percentage points and basis
/// points must agree exactly; counted nouns ("missiles") may be dropped. Digits the number reader does not
/// claim must appear as digits in the evidence.</summary>
public sealed class NumberCheck : IVerificationCheck
{
    public string Name => "number";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = context.Claim;
        List<VerificationReason>? reasons = null;
        // Most claims carry no number the analyzer found: the evidence's numbers are listed only for one that does.
        var evidence = claim.Analysis.Numbers.Count == 0 ? [] : context.EvidenceNumbers().ToList();
        foreach (var number in claim.Analysis.Numbers)
        {
            if (evidence.Exists(e => SameValue(e.Value, number.Value) && CompatibleUnits(number.Unit, e.Unit)) || evidence.Exists(e => SameText(e.Text, number.Text))
                || context.IsSourceName(number.Start, number.End))
            {
                continue;
            }

            var sameValue = evidence.Find(e => SameValue(e.Value, number.Value));
            (reasons ??= []).Add(sameValue is null
                ? new VerificationReason(Name, "not in the aligned sources", number.Text)
                : new VerificationReason(Name, $"unit differs from the source's “{sameValue.Text}”", number.Text));
        }

        foreach (var word in claim.Words)
        {
            if (word.Is(WordKinds.Number) && !claim.IsInNumberOrDate(word) && !context.EvidenceHasKey(word.Key) && !context.IsSourceName(word))
            {
                (reasons ??= []).Add(new VerificationReason(Name, "not in the aligned sources", claim.TextOf(word)));
            }
        }

        return CheckResult.From(reasons);
    }

    private static bool SameValue(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>Units that change what a number means must agree; a counted noun or none may differ.</summary>
    private static bool CompatibleUnits(string? claim, string? source)
    {
        if (claim is null || string.Equals(claim, source, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !IsMeasure(claim) && (source is null || !IsMeasure(source));
    }

    private static bool IsMeasure(string unit) =>
        unit is "percent" or "percentage point" or "basis point" || unit.Length == 3 && unit.All(char.IsAsciiLetterUpper);

    private static bool SameText(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || string.Equals(Squeeze(a), Squeeze(b), StringComparison.OrdinalIgnoreCase);

    private static string Squeeze(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
