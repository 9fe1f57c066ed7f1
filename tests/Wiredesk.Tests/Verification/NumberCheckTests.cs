using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

public class NumberCheckTests
{
    [Theory]
    [InlineData("The won fell 1.2 percent against the dollar, the Bank of Korea said.", true, null)]
    [InlineData("Samsung Electronics reported a $1.2 billion quarterly profit.", true, null)]
    [InlineData("The central bank cut its growth forecast by 0.3 percentage point.", true, null)]
    [InlineData("North Korea fired 2 short-range ballistic missiles.", true, null)]
    [InlineData("The won fell 1.3 percent against the dollar.", false, "1.3")]
    [InlineData("Samsung Electronics reported a $1.2 million quarterly profit.", false, "$1.2 million")]
    [InlineData("The central bank cut its growth forecast by 0.3 percent.", false, "0.3")]
    [InlineData("The won fell 1.2 percentage points against the dollar.", false, "1.2")]
    [InlineData("North Korea fired three short-range ballistic missiles.", false, "three")]
    [InlineData("Samsung Electronics shares rose 30% after the results.", false, "30")]
    public void Every_number_must_match_value_unit_and_magnitude(string sentence, bool supported, string? offending)
    {
        var verdict = VerificationTestSource.Verify(new NumberCheck(), sentence);

        VerificationTestSource.AssertVerdict(verdict, supported, offending);
        Assert.All(verdict.Reasons, r => Assert.Equal("number", r.Check));
    }
}
