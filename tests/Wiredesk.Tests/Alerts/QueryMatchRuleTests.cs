using Wiredesk.Alerts;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Rule: a keyword query item matches when the story's text satisfies the query; it is found through a
/// trigger word and then verified.</summary>
public class QueryMatchRuleTests
{
    [Theory]
    [InlineData("missiles korea", true)]
    [InlineData("missiles japan", false)] // "missiles" triggers, verification refuses
    [InlineData("\"ballistic missiles\" NOT japan", true)]
    [InlineData("\"missiles ballistic\"", false)]
    [InlineData("(japan OR korea) launch", true)]
    [InlineData("korea NOT launch", false)]
    public void A_query_item_matches_when_the_story_satisfies_it(string query, bool matches)
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, query)));

        var found = matcher.Match(Story("North Korea fired ballistic missiles; the launch was condemned."));

        Assert.Equal(matches, found.Count == 1);
        if (matches)
        {
            Assert.Equal((WatchlistItemKind.Query, MatchKind.Direct), (found[0].ItemKind, found[0].Kind));
            Assert.Equal("matches the query " + KeywordQuery.Parse(query), found[0].Reason.Text);
        }
    }

    [Fact]
    public void A_query_filed_under_several_words_the_story_has_matches_once()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, "korea OR missiles OR launch")));

        Assert.Single(matcher.Match(Story("Korea missiles launch.")));
    }

    [Fact]
    public void Rare_words_are_chosen_as_triggers_when_frequencies_are_given()
    {
        var frequencies = WordFrequencies.FromTexts(["korea said", "korea said", "korea hypersonic"]);
        Assert.Equal(2, frequencies.DocumentFrequency("said"));
        Assert.Equal(0, frequencies.DocumentFrequency("unseen"));
        using var matcher = NewMatcher(frequencies.DocumentFrequency);
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, "korea hypersonic")));

        Assert.Single(matcher.Match(Story("Korea tested a hypersonic glider.")));
        Assert.Empty(matcher.Match(Story("Korea said nothing.")));
    }
}
