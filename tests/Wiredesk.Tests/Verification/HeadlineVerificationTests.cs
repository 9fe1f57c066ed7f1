using Wiredesk.Drafting;
using Wiredesk.Verification;

namespace Wiredesk.Tests.Verification;

/// <summary>The headline is a claim like any sentence: title case must not hide a swapped name, a changed number or
/// an added negation, and its verdict travels in the draft.</summary>
public class HeadlineVerificationTests
{
    private static readonly Verifier Verifier = new(VerificationTestSource.Analyzer);

    private static VerifiedDraft VerifyHeadline(string headline) =>
        DraftVerification.Verify(Verifier, new Draft { Headline = headline }, [VerificationTestSource.Source]);

    [Theory]
    [InlineData("North Korea Fires Two Short-Range Ballistic Missiles Into the Sea")]
    [InlineData("Samsung Electronics Shares Rise 3% After $1.2 Billion Quarterly Profit")]
    [InlineData("Officials Deny Reports That the Talks Have Collapsed")]
    public void A_faithful_headline_is_supported(string headline)
    {
        var verified = VerifyHeadline(headline);

        Assert.True(verified.Headline.Supported, string.Join(" | ", verified.Headline.Reasons));
        Assert.Equal(Verdicts.Supported, verified.Draft.HeadlineVerdict);
        Assert.Empty(verified.Draft.HeadlineReasons);
    }

    [Theory]
    [InlineData("Russia Fires Two Short-Range Ballistic Missiles Into the Sea", "name", "Russia")]
    [InlineData("North Korea Fires Three Short-Range Ballistic Missiles Into the Sea", "number", "Three")]
    [InlineData("Samsung Electronics Shares Rise 3% After $1.2 Million Quarterly Profit", "number", "Million")]
    [InlineData("Officials Confirm Reports That the Talks Have Collapsed", "negation", "Confirm")]
    [InlineData("North Korea Did Not Fire Missiles Into the Sea", "negation", "Not")]
    public void A_headline_with_a_wrong_name_number_or_negation_is_unsupported_with_the_reason(string headline, string check, string token)
    {
        var verified = VerifyHeadline(headline);

        Assert.False(verified.Headline.Supported);
        Assert.False(verified.AllSupported);
        Assert.Equal(Verdicts.Unsupported, verified.Draft.HeadlineVerdict);
        Assert.Contains(verified.Headline.Reasons, r => r.Check == check && r.Token.Contains(token, StringComparison.Ordinal));
        Assert.Contains(verified.Draft.HeadlineReasons, r => r.StartsWith(check + ": ", StringComparison.Ordinal));
    }
}
