using Wiredesk.Alerts;

namespace Wiredesk.Tests.Alerts;

public class WatchlistItemResolverTests
{
    private static readonly WatchlistItemResolver Resolver = new(AlertTestKit.KnowledgeBase);

    [Theory]
    [InlineData(WatchlistItemKind.Ticker, "LMT", "company:LMT")]
    [InlineData(WatchlistItemKind.Ticker, " lmt ", "company:LMT")]
    [InlineData(WatchlistItemKind.Ticker, "012450.KS", "company:012450.KS")]
    [InlineData(WatchlistItemKind.Ticker, "EWY", "symbol:EWY")]
    [InlineData(WatchlistItemKind.Ticker, "krw", "symbol:KRW")]
    [InlineData(WatchlistItemKind.Company, "Lockheed Martin", "company:LMT")]
    [InlineData(WatchlistItemKind.Company, "lockheed martin", "company:LMT")]
    [InlineData(WatchlistItemKind.Company, "company:LMT", "company:LMT")]
    [InlineData(WatchlistItemKind.Company, "LMT", "company:LMT")]
    [InlineData(WatchlistItemKind.Company, "Google", "company:GOOGL")]
    [InlineData(WatchlistItemKind.Person, "Kim Jong Un", "person:kim-jong-un")]
    [InlineData(WatchlistItemKind.Person, "person:kim-jong-un", "person:kim-jong-un")]
    [InlineData(WatchlistItemKind.Person, "Jane Q. Example", "person:jane-q-example")]
    [InlineData(WatchlistItemKind.Country, "South Korea", "country:KR")]
    [InlineData(WatchlistItemKind.Country, "Republic of Korea", "country:KR")]
    [InlineData(WatchlistItemKind.Country, "kr", "country:KR")]
    [InlineData(WatchlistItemKind.Country, "country:KP", "country:KP")]
    [InlineData(WatchlistItemKind.Topic, "medtop:04000000", "medtop:04000000")]
    [InlineData(WatchlistItemKind.Topic, "04000000", "medtop:04000000")]
    [InlineData(WatchlistItemKind.Topic, "Economy, Business and Finance", "medtop:04000000")]
    public void Items_resolve_to_knowledge_base_keys(WatchlistItemKind kind, string value, string key)
    {
        var resolved = Resolver.Resolve(new WatchlistItem(kind, value));

        Assert.Equal(key, resolved.Key);
        Assert.Equal(kind, resolved.Kind);
        Assert.Null(resolved.Query);
    }

    [Fact]
    public void A_ticker_and_its_company_are_the_same_key()
    {
        Assert.Equal(
            Resolver.Resolve(new WatchlistItem(WatchlistItemKind.Ticker, "LMT")).Key,
            Resolver.Resolve(new WatchlistItem(WatchlistItemKind.Company, "Lockheed Martin")).Key);
        Assert.Equal("LMT (Lockheed Martin)", Resolver.Resolve(new WatchlistItem(WatchlistItemKind.Ticker, "lmt")).Label);
    }

    [Theory]
    [InlineData(WatchlistItemKind.Ticker, "", "the ticker is empty")]
    [InlineData(WatchlistItemKind.Ticker, "NOT A TICKER", "'NOT A TICKER' is not a ticker symbol")]
    [InlineData(WatchlistItemKind.Company, "Acme Widgets Unlimited", "unknown company 'Acme Widgets Unlimited'")]
    [InlineData(WatchlistItemKind.Company, "South Korea", "unknown company 'South Korea'")]
    [InlineData(WatchlistItemKind.Country, "Atlantis", "unknown country 'Atlantis'")]
    [InlineData(WatchlistItemKind.Country, "company:LMT", "unknown country 'company:LMT'")]
    [InlineData(WatchlistItemKind.Person, "!!!", "unknown person '!!!'")]
    [InlineData(WatchlistItemKind.Topic, "cooking", "unknown topic 'cooking'")]
    [InlineData(WatchlistItemKind.Topic, "medtop:99999999", "unknown topic 'medtop:99999999'")]
    [InlineData(WatchlistItemKind.Query, "missile AND", "invalid query: AND needs a term after it at 9")]
    [InlineData(WatchlistItemKind.Query, "   ", "the query is empty")]
    public void Items_that_cannot_be_resolved_say_why(WatchlistItemKind kind, string value, string messageStart)
    {
        Assert.False(Resolver.TryResolve(new WatchlistItem(kind, value), out var resolved, out var error));
        Assert.Null(resolved);
        Assert.StartsWith(messageStart, error);
        Assert.StartsWith(messageStart, Assert.Throws<ArgumentException>(() => Resolver.Resolve(new WatchlistItem(kind, value))).Message);
    }

    [Fact]
    public void A_query_item_carries_the_parsed_query_and_its_canonical_text()
    {
        var resolved = Resolver.Resolve(new WatchlistItem(WatchlistItemKind.Query, "Missile  korea"));

        Assert.Null(resolved.Key);
        Assert.Equal("missile AND korea", resolved.Label);
        Assert.Equal("missile AND korea", resolved.Query!.ToString());
    }
}
