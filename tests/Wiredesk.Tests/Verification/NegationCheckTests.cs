using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

public class NegationCheckTests
{
    [Theory]
    [InlineData("Kishida said the missiles did not land in Japan's exclusive economic zone.", true, null)]
    [InlineData("The missiles didn't land in Japan's exclusive economic zone, Kishida said.", true, null)]
    [InlineData("The ministry is expected to announce new sanctions next week.", true, null)]
    [InlineData("Officials denied reports that the talks had collapsed.", true, null)]
    [InlineData("Pyongyang warned it would respond to joint drills.", true, null)]
    [InlineData("Kishida said the missiles landed in Japan's exclusive economic zone.", false, "land")]
    [InlineData("The ministry will announce new sanctions next week.", false, "announce")]
    [InlineData("The ministry announced new sanctions.", false, "announce")]
    [InlineData("Officials confirmed reports that the talks had collapsed.", false, "confirmed")]
    [InlineData("Pyongyang warned it would not respond to joint drills.", false, "not respond")]
    [InlineData("Pyongyang warned it may respond to joint drills.", false, "respond")]
    [InlineData("North Korea never fired two short-range ballistic missiles.", false, "never fired")]
    public void Negation_and_modality_must_survive(string sentence, bool supported, string? offending)
    {
        var verdict = VerificationTestSource.Verify(new NegationCheck(), sentence);

        VerificationTestSource.AssertVerdict(verdict, supported, offending);
        Assert.All(verdict.Reasons, r => Assert.Equal("negation", r.Check));
    }
}
