using Wiredesk.Alerts;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Rule: a topic item matches a story classified under that IPTC Media Topic.</summary>
public class TopicMatchRuleTests
{
    [Theory]
    [InlineData("medtop:04000000", "medtop:04000000", true)]
    [InlineData("economy, business and finance", "medtop:04000000", true)]
    [InlineData("medtop:16000000", "medtop:04000000", false)]
    public void A_topic_item_matches_stories_of_that_topic(string item, string storyTopic, bool matches)
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Topic, item)));

        var found = matcher.Match(Story("Text.", topics: [storyTopic]));

        Assert.Equal(matches, found.Count == 1);
        if (matches)
        {
            Assert.Equal("is about economy, business and finance", found[0].Reason.Text);
        }
    }
}
