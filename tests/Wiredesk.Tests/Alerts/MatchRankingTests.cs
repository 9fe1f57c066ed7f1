using Wiredesk.Alerts;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Rule: direct matches rank above exposure matches; among direct ones, the story's main entities come
/// first, then topics, then queries.</summary>
public class MatchRankingTests
{
    [Fact]
    public void Direct_matches_come_before_exposure_matches()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Ticker, "012450.KS"), Item(WatchlistItemKind.Ticker, "KRW")));
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Query, "ballistic missiles")));
        matcher.AddOrReplace(List(3, Item(WatchlistItemKind.Topic, "medtop:16000000")));
        matcher.AddOrReplace(List(4, Item(WatchlistItemKind.Country, "North Korea")));

        var matches = matcher.Match(Story("North Korea fired ballistic missiles.", ["country:KP"], ["medtop:16000000"]));

        Assert.Equal([4L, 3L, 2L, 1L, 1L], matches.Select(m => m.WatchlistId));
        Assert.Equal([MatchKind.Direct, MatchKind.Direct, MatchKind.Direct, MatchKind.Exposure, MatchKind.Exposure], matches.Select(m => m.Kind));
        Assert.Equal([WatchlistItemKind.Country, WatchlistItemKind.Topic, WatchlistItemKind.Query, WatchlistItemKind.Ticker, WatchlistItemKind.Ticker], matches.Select(m => m.ItemKind));
    }

    [Fact]
    public void Main_entities_rank_before_entities_named_in_passing()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Country, "Japan")));
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Country, "South Korea")));
        var story = new StoryDocument("s", "Headline", "Text.",
            [Entity("country:JP", Wiredesk.Analysis.EntityType.Country, "Japan", main: false, mentions: 1), Entity("country:KR", Wiredesk.Analysis.EntityType.Country, "South Korea")], []);

        Assert.Equal([2L, 1L], matcher.Match(story).Select(m => m.WatchlistId));
    }
}
