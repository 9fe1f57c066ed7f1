namespace Wiredesk.Verification.Checks;

/// <summary>Every date of the sentence must be a date of the aligned sources: the same resolved value, or a less
/// precise one ("in May" for "May 29"). Where either side cannot be resolved, the date's words must stand in the
/// evidence.</summary>
public sealed class DateCheck : IVerificationCheck
{
    public string Name => "date";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<VerificationReason>? reasons = null;
        var evidence = context.EvidenceDates().ToList();
        var resolved = evidence.Where(d => d.Value is not null).ToList();
        foreach (var date in context.Claim.Analysis.Dates)
        {
            var supported = date.Value is { } value && resolved.Count > 0
                ? resolved.Exists(d => Covers(d.Value!, value))
                : Words.Split(date.Text).Where(w => w.IsContent).All(w => context.EvidenceHasKey(w.Key));
            if (!supported)
            {
                (reasons ??= []).Add(new VerificationReason(Name, "not in the aligned sources", date.Text));
            }
        }

        return CheckResult.From(reasons);
    }

    /// <summary>"2024-05" is covered by "2024-05-29"; "2024-05-29" is not covered by "2024-05".</summary>
    private static bool Covers(string source, string claim) =>
        source.StartsWith(claim, StringComparison.Ordinal) && (source.Length == claim.Length || source[claim.Length] is '-' or 'T');
}
