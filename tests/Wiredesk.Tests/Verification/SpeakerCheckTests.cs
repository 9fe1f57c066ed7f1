using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

public class SpeakerCheckTests
{
    [Theory]
    [InlineData("“We will never tolerate such provocations,” Shin Won-sik said.", true, null)]
    [InlineData("“We will never tolerate such provocations,” Defence Minister Shin Won-sik said.", true, null)]
    [InlineData("“We will never tolerate such provocations,” he said.", true, null)]
    [InlineData("“We will never tolerate such provocations,” Fumio Kishida said.", false, "Kishida")]
    [InlineData("Prime Minister Fumio Kishida said: “We will never tolerate such provocations.”", false, "Kishida")]
    public void A_quote_keeps_its_speaker(string sentence, bool supported, string? offending)
    {
        var verdict = VerificationTestSource.Verify(new SpeakerCheck(), sentence);

        VerificationTestSource.AssertVerdict(verdict, supported, offending);
        Assert.All(verdict.Reasons, r => Assert.Equal("speaker", r.Check));
    }
}
