using Wiredesk.Alerts;
using Wiredesk.Analysis;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Rule: an item matches by exposure when the story's main entities and words trigger an exposure fact
/// that names the item's instrument; the reason is the path story → fact → instrument.</summary>
public class ExposureMatchRuleTests
{
    private const string Launch = "North Korea fired ballistic missiles into the sea.";

    [Fact]
    public void Military_tension_on_the_peninsula_reaches_a_korean_defence_company()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "012450.KS")));

        var match = Assert.Single(matcher.Match(Story(Launch, ["country:KP"])));

        Assert.Equal(MatchKind.Exposure, match.Kind);
        Assert.Equal("mentions North Korea, “missile” → defence (korea) → 012450.KS (Hanwha Aerospace)", match.Reason.Text);
        Assert.Equal(["trigger", "fact", "instrument"], match.Reason.Path.Select(s => s.Kind));
        Assert.Equal(["exposure:defence:korea"], match.Reason.FactIds);
    }

    [Fact]
    public void A_story_about_a_country_reaches_its_currency_and_country_fund()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "KRW"), Item(WatchlistItemKind.Ticker, "EWY")));

        var krw = Assert.Single(matcher.Match(Story(Launch, ["country:KP"])));
        Assert.Equal("mentions North Korea → North Korea market → KRW (won)", krw.Reason.Text);

        var ewy = Assert.Single(matcher.Match(Story("South Korea held an election.", ["country:KR"])), m => m.ItemIndex == 1);
        Assert.Equal("mentions South Korea → South Korea market → EWY (iShares MSCI South Korea ETF)", ewy.Reason.Text);
    }

    [Fact]
    public void A_us_defence_story_reaches_lmt_and_the_path_names_the_fact()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Company, "Lockheed Martin")));

        var match = Assert.Single(matcher.Match(Story("The United States said missiles were fired.", ["country:US"])));

        Assert.Equal("mentions United States, “missile” → defence (us) → LMT (Lockheed Martin)", match.Reason.Text);
    }

    [Fact]
    public void Keywords_alone_do_not_trigger_a_fact_that_needs_an_entity()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "LMT")));

        Assert.Empty(matcher.Match(Story("Missiles were fired.")));
    }

    [Fact]
    public void An_entity_named_in_passing_does_not_trigger_exposure()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "012450.KS")));
        var story = new StoryDocument("s", "Headline", Launch, [Entity("country:KP", EntityType.Country, "North Korea", main: false, mentions: 1)], []);

        Assert.Empty(matcher.Match(story));
    }

    [Fact]
    public void A_fact_with_keyword_triggers_only_applies_on_its_words()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "ZIM")));

        var match = Assert.Single(matcher.Match(Story("Houthi forces attacked ships in the Red Sea.")));
        Assert.Equal(["exposure:shipping:red-sea"], match.Reason.FactIds);
        Assert.Equal("mentions “Red Sea”", match.Reason.Path[0].Label);
        Assert.Empty(matcher.Match(Story("Ships sailed calmly.")));
    }

    [Fact]
    public void Of_two_facts_reaching_one_instrument_the_first_in_the_exposure_maps_order_gives_the_reason()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "BRN")));

        var match = Assert.Single(matcher.Match(Story("Houthi forces in Yemen attacked ships in the Red Sea.", ["country:YE"])));

        Assert.Equal(["exposure:oil:red-sea"], match.Reason.FactIds);
    }

    [Fact]
    public void An_item_the_story_names_matches_directly_not_by_exposure()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "LMT")));

        var match = Assert.Single(matcher.Match(Story("The United States and Lockheed Martin said missiles were fired.", ["country:US", "company:LMT"])));

        Assert.Equal(MatchKind.Direct, match.Kind);
        Assert.Equal("mentions Lockheed Martin (LMT)", match.Reason.Text);
    }

    [Fact]
    public void The_home_markets_index_and_currency_are_not_reached_by_every_us_story()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "SPY"), Item(WatchlistItemKind.Ticker, "USD")));
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Country, "United States")));

        var matches = matcher.Match(Story("The United States held talks.", ["country:US"]));

        Assert.Equal(2L, Assert.Single(matches).WatchlistId);
    }

    [Theory]
    [InlineData("The United States raised tariffs on steel.", "country:US", "SPY", "exposure:trade:tariffs")]
    [InlineData("The Federal Reserve cut interest rates.", "org:federal-reserve", "USD", "exposure:central-bank:fed")]
    public void Themes_still_reach_home_market_instruments(string text, string entity, string symbol, string fact)
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, symbol)));

        var match = Assert.Single(matcher.Match(Story(text, [entity])));

        Assert.Equal([fact], match.Reason.FactIds);
    }

    [Fact]
    public void A_foreign_markets_index_and_currency_are_still_reached()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "EWJ"), Item(WatchlistItemKind.Ticker, "JPY")));

        Assert.Equal([0, 1], matcher.Match(Story("Japan held an election.", ["country:JP"])).Select(m => m.ItemIndex));
    }
}
