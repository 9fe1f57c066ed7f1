using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

public class UnsupportedContentCheckTests
{
    [Theory]
    [InlineData("North Korea fired two short-range ballistic missiles into the sea off its east coast on Thursday.", true, null)]
    [InlineData("According to South Korea's Joint Chiefs of Staff, North Korea fired two short-range ballistic missiles.", true, null)]
    [InlineData("North Korea fired two short-range ballistic missiles, Example Wire Service reported.", true, null)]
    [InlineData("Samsung Electronics shares increased 3% after the firm reported a $1.2 billion quarterly profit.", true, null)]
    [InlineData("North Korea launched two short-range ballistic missiles into the sea, the Joint Chiefs of Staff told reporters.", true, null)]
    [InlineData("North Korea fired two short-range ballistic missiles, escalating tensions sharply.", false, "escalating")]
    [InlineData("Samsung Electronics shares rose 3% after the company reported a record quarterly profit.", false, "record")]
    [InlineData("The ministry is expected to announce new sanctions on oil exports next week.", false, "oil")]
    public void The_sentence_says_nothing_the_sources_do_not(string sentence, bool supported, string? offending)
    {
        var verdict = VerificationTestSource.Verify(new UnsupportedContentCheck(), sentence);

        VerificationTestSource.AssertVerdict(verdict, supported, offending);
        Assert.All(verdict.Reasons, r => Assert.Equal("content", r.Check));
    }
}
