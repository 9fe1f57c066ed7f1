using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

public class NameCheckTests
{
    [Theory]
    [InlineData("North Korea fired two missiles, South Korea's Joint Chiefs of Staff said.", true, null)]
    [InlineData("Kishida said the missiles did not land in Japan's exclusive economic zone.", true, null)]
    [InlineData("Fumio Kishida said the missiles did not land in the zone.", true, null)]
    [InlineData("Pyongyang warned it would respond to joint drills by the United States and South Korea.", true, null)]
    [InlineData("Russia fired two short-range ballistic missiles into the sea.", false, "Russia")]
    [InlineData("Shinzo Kishida said the missiles did not land in Japan's zone.", false, "Shinzo")]
    [InlineData("The Bank of Japan said the won fell 1.2 percent against the dollar.", false, "Japan")]
    [InlineData("Pyongyang warned it would respond to joint drills by the United States and Australia.", false, "Australia")]
    [InlineData("Pyongyang warned it would respond to joint drills by American and South Korean forces.", false, "American")]
    [InlineData("Pyongyang warned it would respond to joint drills by Chinese and South Korean forces.", false, "Chinese")]
    public void Every_name_must_be_in_the_aligned_sources(string sentence, bool supported, string? offending)
    {
        var verdict = VerificationTestSource.Verify(new NameCheck(), sentence);

        VerificationTestSource.AssertVerdict(verdict, supported, offending);
        Assert.All(verdict.Reasons, r => Assert.Equal("name", r.Check));
    }
}
