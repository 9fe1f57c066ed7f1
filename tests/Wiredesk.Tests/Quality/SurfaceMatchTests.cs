namespace Wiredesk.Tests.Quality;

public class SurfaceMatchTests
{
    [Theory]
    [InlineData("$678 million", "$678 million", true)]
    [InlineData("Democratic People’s Republic of Korea", "Democratic People's Republic of Korea", true)]
    [InlineData("FIVE", "five", true)]
    [InlineData("mortgage‑backed", "mortgage-backed", true)]
    [InlineData("September 17–18, 2024", "September 17-18, 2024", true)]
    [InlineData("more than $18.5 billion", "$18.5 billion", true)]
    [InlineData("8 Houthi targets", "8", true)]
    [InlineData("five", "five ships", true)]
    [InlineData("$0.14 per share", "$0.14", true)]
    [InlineData("202-452-2955", "202-452-2955", true)]
    [InlineData("202", "2", false)]
    [InlineData("$2.5 billion", "2", false)]
    [InlineData("150,000", "150", false)]
    [InlineData("$1 million", "$1", true)] // lenient by design: containment does not check the magnitude
    [InlineData("two", "twenty-two", true)]
    [InlineData("ten", "often", false)]
    [InlineData("May 8", "May 80", false)]
    [InlineData("", "five", false)]
    public void Matches_equal_or_whole_word_containment(string gold, string found, bool expected)
    {
        Assert.Equal(expected, SurfaceMatch.Matches(gold, found));
    }

    [Theory]
    [InlineData("“Kim Jong Un”", "kim jong un")]
    [InlineData("  North   Korea’s ", "north korea's")]
    [InlineData("Seoul.", "seoul")]
    public void Normalizes_case_quotes_space_and_edge_punctuation(string text, string expected)
    {
        Assert.Equal(expected, SurfaceMatch.Normalize(text));
    }
}
