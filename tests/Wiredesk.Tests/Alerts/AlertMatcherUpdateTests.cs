using Wiredesk.Alerts;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

public class AlertMatcherUpdateTests
{
    private static readonly StoryDocument KoreaStory = Story("North Korea fired ballistic missiles.", ["country:KP"]);

    [Fact]
    public void Adding_replacing_and_removing_take_effect_for_the_next_story()
    {
        using var matcher = NewMatcher();
        Assert.Empty(matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Country, "North Korea"), Item(WatchlistItemKind.Query, "missiles"))));
        Assert.Equal(1, matcher.Count);
        Assert.Equal([0, 1], matcher.Match(KoreaStory).Select(m => m.ItemIndex));

        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Country, "Japan"), Item(WatchlistItemKind.Query, "ballistic")));
        Assert.Equal(1, matcher.Count);
        Assert.Equal([1], matcher.Match(KoreaStory).Select(m => m.ItemIndex));

        Assert.True(matcher.Remove(1));
        Assert.False(matcher.Remove(1));
        Assert.Equal(0, matcher.Count);
        Assert.Empty(matcher.Match(KoreaStory));
    }

    [Fact]
    public void A_removed_watchlists_slot_is_reused_without_leaking_its_items()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, "missiles")));
        matcher.Remove(1);
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Topic, "sport")));

        Assert.Empty(matcher.Match(KoreaStory));
        Assert.Single(matcher.Match(Story("A match.", topics: ["medtop:15000000"])));
    }

    [Fact]
    public void Items_that_do_not_resolve_are_reported_and_the_rest_indexed()
    {
        using var matcher = NewMatcher();
        var errors = matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Company, "Acme Widgets Unlimited"), Item(WatchlistItemKind.Query, "(missiles"), Item(WatchlistItemKind.Country, "North Korea")));

        Assert.Equal([0, 1], errors.Select(e => e.ItemIndex));
        Assert.Equal("invalid query: unbalanced parenthesis at 1: '(' is never closed", errors[1].Message);
        Assert.Equal(2, Assert.Single(matcher.Match(KoreaStory)).ItemIndex);
    }

    [Fact]
    public void A_watchlist_over_the_item_limit_is_refused()
    {
        using var matcher = NewMatcher();
        var items = Enumerable.Range(0, Watchlist.MaxItems + 1).Select(i => Item(WatchlistItemKind.Query, "w" + i)).ToArray();

        Assert.Throws<ArgumentException>(() => matcher.AddOrReplace(List(1, items)));
        Assert.Empty(matcher.AddOrReplace(List(2, items[..Watchlist.MaxItems])));
        Assert.Equal(Watchlist.MaxItems - 1, Assert.Single(matcher.Match(Story("w254"))).ItemIndex);
    }

    [Fact]
    public async Task One_writer_and_concurrent_readers_see_consistent_results()
    {
        using var matcher = NewMatcher();
        // Watchlists 1..50 always match the story exactly once; watchlists 1000+ come and go and never match.
        for (var i = 1; i <= 50; i++)
        {
            matcher.AddOrReplace(List(i, Item(WatchlistItemKind.Query, "missiles"), Item(WatchlistItemKind.Country, "Japan")));
        }

        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var n = 0; n < 3000; n++)
            {
                matcher.AddOrReplace(List(1000 + n % 40, Item(WatchlistItemKind.Query, "hypersonic missiles"), Item(WatchlistItemKind.Country, "Japan")));
                matcher.Remove(1000 + (n * 7 % 40));
            }

            stop.Cancel();
        });
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            var rounds = 0;
            while (!stop.IsCancellationRequested || rounds == 0)
            {
                var ids = matcher.Match(KoreaStory).Select(m => m.WatchlistId).Order().ToList();
                Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), ids);
                rounds++;
            }

            return rounds;
        })).ToList();

        await writer;
        var rounds = await Task.WhenAll(readers);
        Assert.All(rounds, r => Assert.True(r > 0));
    }
}
