using Wiredesk.Editorial;

namespace Wiredesk.Tests.Editorial;

public class WordDiffTests
{
    [Theory]
    [InlineData("a b c", "a b c", "=a b c")]
    [InlineData("", "new words", "+new words")]
    [InlineData("old words", "", "-old words")]
    [InlineData("rates rose 1.7% in May", "rates rose 1.4% in May", "=rates rose|-1.7%|+1.4%|=in May")]
    [InlineData("the bank held rates", "the central bank held rates steady", "=the|+central|=bank held rates|+steady")]
    [InlineData("one two three", "three two one", "-one two|=three|+two one")]
    public void Changes_read_as_words_struck_and_added(string before, string after, string expected)
    {
        var pieces = WordDiff.Compare(before, after);
        var shown = string.Join("|", pieces.Select(p => (p.Kind switch { DiffKind.Same => "=", DiffKind.Added => "+", _ => "-" }) + p.Text));
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void Both_versions_can_be_rebuilt_from_the_diff()
    {
        const string before = "Shares fell 3% on Monday after the company cut its forecast, the exchange said.";
        const string after = "Shares fell 4% on Tuesday after the firm cut its annual forecast.";
        var pieces = WordDiff.Compare(before, after);
        Assert.Equal(before, string.Join(' ', pieces.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)));
        Assert.Equal(after, string.Join(' ', pieces.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
    }
}
