using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

public class DateCheckTests
{
    [Theory]
    [InlineData("North Korea fired two missiles into the sea on Thursday.", true, null)]
    [InlineData("North Korea fired two missiles into the sea on May 30.", true, null)]
    [InlineData("The Bank of Korea said on Friday the won fell.", true, null)]
    [InlineData("North Korea fired two missiles into the sea on Wednesday.", false, "Wednesday")]
    [InlineData("North Korea fired two missiles into the sea on May 29.", false, "May 29")]
    [InlineData("The Bank of Korea said on Monday the won fell.", false, "Monday")]
    [InlineData("North Korea fired two missiles into the sea in June.", false, "June")]
    public void Every_date_must_be_a_date_of_the_aligned_sources(string sentence, bool supported, string? offending)
    {
        var verdict = VerificationTestSource.Verify(new DateCheck(), sentence);

        VerificationTestSource.AssertVerdict(verdict, supported, offending);
        Assert.All(verdict.Reasons, r => Assert.Equal("date", r.Check));
    }
}
