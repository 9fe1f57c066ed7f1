namespace Wiredesk.Verification.Checks;

/// <summary>Every date of the sentence must be a date of the aligned sources: one whose words contain the
/// sentence's ("in May" for "May 29", "Wednesday" for "Wednesday, June 26"), or one that resolves to the same
/// value ("Thursday" for "May 30" in a report of that week) without a different qualifier ("late August" is not
/// "early August"). Where the sources have no dates there, the date's words must stand in the evidence.</summary>
public sealed class DateCheck : IVerificationCheck
{
    private static readonly HashSet<string> Qualifiers = new(new[] { "early", "mid", "late", "end", "beginning", "start" }.Select(Words.KeyOf), StringComparer.Ordinal);

    public string Name => "date";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Claim.Analysis.Dates.Count == 0)
        {
            return CheckResult.Pass;
        }

        List<VerificationReason>? reasons = null;
        var evidence = context.EvidenceDates().Select(d => (d.Date.Value, Keys: KeysOf(d.Date.Text, d.Before))).ToList();
        foreach (var date in context.Claim.Analysis.Dates)
        {
            var keys = KeysOf(date.Text, CheckContext.WordBefore(context.Claim.Words, date.Start));
            var supported = context.IsSourceName(date.Start, date.End) || (evidence.Count == 0
                ? keys.TrueForAll(context.EvidenceHasKey)
                : evidence.Exists(e => keys.TrueForAll(e.Keys.Contains)
                    || date.Value is not null && e.Value == date.Value && keys.Where(Qualifiers.Contains).All(e.Keys.Contains)));
            if (!supported)
            {
                (reasons ??= []).Add(new VerificationReason(Name, "not in the aligned sources", date.Text));
            }
        }

        return CheckResult.From(reasons);
    }

    /// <summary>The date's words, and a qualifier standing just before it ("late" July) that the date reader
    /// may leave out of the date itself.</summary>
    private static List<string> KeysOf(string text, string? before)
    {
        var keys = Words.SplitShort(text).Where(w => w.IsContent || w.Is(WordKinds.Function)).Select(w => w.Key).Where(k => k is not ("on" or "in" or "at" or "of" or "the")).ToList();
        if (before is not null && Qualifiers.Contains(before) && !keys.Contains(before))
        {
            keys.Add(before);
        }

        return keys;
    }
}
