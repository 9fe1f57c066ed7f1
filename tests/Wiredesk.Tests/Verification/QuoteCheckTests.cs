using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

public class QuoteCheckTests
{
    [Theory]
    [InlineData("“We will never tolerate such provocations,” Shin said.", true, null)]
    [InlineData("\"We will never tolerate such provocations,\" Shin said.", true, null)]
    [InlineData("Shin said Seoul would “never tolerate such provocations”.", true, null)]
    [InlineData("“We will never   tolerate such provocations.” Shin said.", true, null)]
    [InlineData("Shin said: “We will never … tolerate such provocations.”", true, null)]
    [InlineData("“We will never tolerate such provocation,” Shin said.", false, "provocation")]
    [InlineData("“We will not tolerate such provocations,” Shin said.", false, "not tolerate")]
    [InlineData("“We shall never tolerate such provocations,” Shin said.", false, "shall")]
    [InlineData("Shin said Seoul would “never accept such provocations”.", false, "never accept")]
    public void Quoted_words_must_stand_verbatim_in_a_source(string sentence, bool supported, string? offending)
    {
        var verdict = VerificationTestSource.Verify(new QuoteCheck(), sentence);

        VerificationTestSource.AssertVerdict(verdict, supported, offending);
        Assert.All(verdict.Reasons, r => Assert.Equal("quote", r.Check));
    }

    [Theory]
    [InlineData("He said “no” and left.", 1)]
    [InlineData("“One,” he said, “two.”", 2)]
    [InlineData("No quotes here, it’s plain.", 0)]
    [InlineData("tolerate such provocations,” he said.", 1)]
    [InlineData("tolerate such provocations.\"", 1)]
    [InlineData("He said: “we will go on", 1)]
    public void Quoted_passages_are_found_with_straight_and_curly_marks_and_open_ends(string sentence, int count)
    {
        Assert.Equal(count, Wiredesk.Verification.QuoteText.FindQuoted(sentence).Count);
    }
}
