namespace Wiredesk.Verification.Checks;

/// <summary>Words inside quotation marks must stand verbatim in a source (see <see cref="QuoteText"/> for the
/// typography allowed to differ). A quote is the one place where copying is the rule.</summary>
public sealed class QuoteCheck : IVerificationCheck
{
    public string Name => "quote";

    public CheckResult Check(CheckContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        List<VerificationReason>? reasons = null;
        var claim = context.Claim;
        foreach (var (start, end) in claim.Quoted)
        {
            var quoted = claim.Text[start..end];
            if (quoted.Any(char.IsLetterOrDigit) && QuoteText.Find(quoted, context.Sources) is null)
            {
                (reasons ??= []).Add(new VerificationReason(Name, "not verbatim in any source", quoted.Trim()));
            }
        }

        return CheckResult.From(reasons);
    }
}
