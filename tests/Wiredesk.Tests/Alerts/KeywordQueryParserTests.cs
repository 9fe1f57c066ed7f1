using Wiredesk.Alerts;

namespace Wiredesk.Tests.Alerts;

public class KeywordQueryParserTests
{
    [Theory]
    [InlineData("missile", "missile")]
    [InlineData("Missile", "missile")]
    [InlineData("missile korea", "missile AND korea")]
    [InlineData("missile AND korea", "missile AND korea")]
    [InlineData("missile OR rocket", "missile OR rocket")]
    [InlineData("a b OR c", "(a AND b) OR c")]
    [InlineData("a OR b c", "a OR (b AND c)")]
    [InlineData("a AND (b OR c)", "a AND (b OR c)")]
    [InlineData("(a AND b) AND c", "a AND b AND c")]
    [InlineData("a (b (c))", "a AND b AND c")]
    [InlineData("((a OR b) OR c)", "a OR b OR c")]
    [InlineData("korea NOT south", "korea AND NOT south")]
    [InlineData("korea AND NOT (south OR seoul)", "korea AND NOT (south OR seoul)")]
    [InlineData("korea NOT NOT north", "korea AND NOT NOT north")]
    [InlineData("\"North Korea\"", "\"north korea\"")]
    [InlineData("\"North  Korea's\" launch", "\"north korea s\" AND launch")]
    [InlineData("U.S. sanctions", "\"u s\" AND sanctions")]
    [InlineData("\"rate\"", "rate")]
    [InlineData("and or not", "and AND or AND not")]
    [InlineData("  missile\t\n", "missile")]
    [InlineData("(missile OR rocket)launch", "(missile OR rocket) AND launch")]
    [InlineData("a OR NOT b c", "a OR (NOT b AND c)")]
    public void Valid_queries_parse_to_their_canonical_form(string query, string canonical)
    {
        var parsed = KeywordQuery.Parse(query);

        Assert.Equal(canonical, parsed.ToString());
        Assert.Equal(canonical, KeywordQuery.Parse(canonical).ToString());
    }

    [Theory]
    [InlineData("", "the query is empty at 1")]
    [InlineData("   ", "the query is empty at 1")]
    [InlineData("(missile OR rocket", "unbalanced parenthesis at 1: '(' is never closed")]
    [InlineData("missile AND (korea OR (japan)", "unbalanced parenthesis at 13: '(' is never closed")]
    [InlineData("missile OR rocket) launch", "unbalanced parenthesis at 18: ')' has no '(' before it")]
    [InlineData(")", "unbalanced parenthesis at 1: ')' has no '(' before it")]
    [InlineData("korea NOT", "NOT needs a term after it at 7")]
    [InlineData("NOT", "NOT needs a term after it at 1")]
    [InlineData("korea AND NOT OR japan", "NOT needs a term after it at 11")]
    [InlineData("(korea NOT) japan", "NOT needs a term after it at 8")]
    [InlineData("AND korea", "AND needs a term before it at 1")]
    [InlineData("OR korea", "OR needs a term before it at 1")]
    [InlineData("korea AND", "AND needs a term after it at 7")]
    [InlineData("korea OR", "OR needs a term after it at 7")]
    [InlineData("korea OR OR japan", "OR needs a term after it at 7")]
    [InlineData("korea AND OR japan", "AND needs a term after it at 7")]
    [InlineData("(AND korea)", "AND needs a term before it at 2")]
    [InlineData("korea ()", "empty parentheses at 7")]
    [InlineData("\"north korea", "unclosed quote at 1: the phrase has no closing '\"'")]
    [InlineData("launch \"\"", "empty phrase at 8: a phrase needs a letter or digit")]
    [InlineData("launch \" - \"", "empty phrase at 8: a phrase needs a letter or digit")]
    [InlineData("korea && japan", "'&&' has no letters or digits at 7")]
    [InlineData("NOT korea", "the query needs a word or phrase outside NOT at 1: a story cannot be found by what it lacks")]
    [InlineData("NOT korea NOT japan", "the query needs a word or phrase outside NOT at 1: a story cannot be found by what it lacks")]
    [InlineData("korea OR NOT japan", "the query needs a word or phrase outside NOT at 1: a story cannot be found by what it lacks")]
    public void Invalid_queries_are_refused_with_what_and_where(string query, string message)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => KeywordQuery.Parse(query));

        Assert.Equal(message, error.Message);
        Assert.False(KeywordQuery.TryParse(query, out var parsed, out var tried));
        Assert.Null(parsed);
        Assert.Equal(message, tried!.Message);
    }

    [Fact]
    public void Limits_on_length_terms_and_nesting_are_errors_not_crashes()
    {
        Assert.Contains("longer than 1000", Assert.Throws<QuerySyntaxException>(() => KeywordQuery.Parse(new string('a', 1001))).Message);
        var manyTerms = string.Join(' ', Enumerable.Range(0, 51).Select(i => "w" + i));
        Assert.Equal("the query has more than 50 terms at 191", Assert.Throws<QuerySyntaxException>(() => KeywordQuery.Parse(manyTerms)).Message);
        var deep = new string('(', 21) + "a" + new string(')', 21);
        Assert.Equal("parentheses are nested deeper than 20 at 21", Assert.Throws<QuerySyntaxException>(() => KeywordQuery.Parse(deep)).Message);
        Assert.Equal("a", KeywordQuery.Parse(new string('(', 20) + "a" + new string(')', 20)).ToString());
    }

    [Fact]
    public void Null_is_an_empty_query()
    {
        Assert.Equal("the query is empty at 1", Assert.Throws<QuerySyntaxException>(() => KeywordQuery.Parse(null!)).Message);
    }
}
