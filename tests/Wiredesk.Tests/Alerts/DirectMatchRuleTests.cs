using Wiredesk.Alerts;
using Wiredesk.Analysis;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Rule: an entity, ticker, country or person item matches directly when the story names it.</summary>
public class DirectMatchRuleTests
{
    [Theory]
    [InlineData(WatchlistItemKind.Ticker, "LMT")]
    [InlineData(WatchlistItemKind.Company, "Lockheed Martin")]
    [InlineData(WatchlistItemKind.Company, "company:LMT")]
    public void A_company_named_by_the_story_matches_its_ticker_and_its_name(WatchlistItemKind kind, string value)
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(kind, value)));

        var match = Assert.Single(matcher.Match(Story("Lockheed Martin won a contract.", ["company:LMT"])));

        Assert.Equal((1L, 1001L, 0, kind, MatchKind.Direct), (match.WatchlistId, match.OwnerId, match.ItemIndex, match.ItemKind, match.Kind));
        Assert.Equal("mentions Lockheed Martin (LMT)", match.Reason.Text);
        Assert.Empty(match.Reason.FactIds);
    }

    [Theory]
    [InlineData(WatchlistItemKind.Country, "South Korea", "country:KR", true)]
    [InlineData(WatchlistItemKind.Country, "KR", "country:KR", true)]
    [InlineData(WatchlistItemKind.Country, "South Korea", "country:KP", false)]
    [InlineData(WatchlistItemKind.Person, "Kim Jong Un", "person:kim-jong-un", true)]
    [InlineData(WatchlistItemKind.Company, "Apple", "company:MSFT", false)]
    [InlineData(WatchlistItemKind.Ticker, "AAPL", "company:AAPL", true)]
    public void An_item_matches_only_the_entity_it_resolves_to(WatchlistItemKind kind, string value, string storyEntity, bool matches)
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(kind, value)));

        var found = matcher.Match(Story("Some text.", [storyEntity])).Where(m => m.Kind == MatchKind.Direct);

        Assert.Equal(matches, found.Any());
    }

    [Fact]
    public void A_person_outside_the_knowledge_base_matches_the_id_the_recogniser_gives_by_rule()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Person, "Jane Q. Example")));
        var story = new StoryDocument("s", "Headline", "Jane Q. Example spoke.", [Entity("person:jane-q-example", EntityType.Person, "Jane Q. Example")], []);

        Assert.Equal("mentions Jane Q. Example", Assert.Single(matcher.Match(story)).Reason.Text);
    }

    [Fact]
    public void A_passing_mention_still_matches_directly()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Country, "Japan")));
        var story = new StoryDocument("s", "Headline", "Text.", [Entity("country:JP", EntityType.Country, "Japan", main: false, mentions: 1)], []);

        Assert.Equal(MatchKind.Direct, Assert.Single(matcher.Match(story)).Kind);
    }

    [Fact]
    public void A_ticker_the_story_gives_for_an_unlisted_company_matches_the_ticker_item()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "ZZZQ")));
        var story = new StoryDocument("s", "Headline", "Text.", [Entity("organization:zed-corp", EntityType.Company, "Zed Corp", ticker: "ZZZQ")], []);

        Assert.Equal("mentions Zed Corp (ZZZQ)", Assert.Single(matcher.Match(story)).Reason.Text);
    }
}
