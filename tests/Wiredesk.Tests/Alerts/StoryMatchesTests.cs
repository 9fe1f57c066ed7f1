using Wiredesk.Alerts;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Find gives the matched keys and queries of a story; the per-item matches come only on CopyTo/ToList,
/// the same as Match gives, and reflect the index as it is when they are made.</summary>
public class StoryMatchesTests
{
    private static readonly StoryDocument KoreaStory = Story("North Korea fired ballistic missiles into the sea.", ["country:KP"]);

    [Fact]
    public void Find_counts_followers_by_key_and_query_and_fans_out_like_match()
    {
        using var matcher = NewMatcher();
        for (var id = 1; id <= 5; id++)
        {
            matcher.AddOrReplace(List(id, Item(WatchlistItemKind.Country, "North Korea"), Item(WatchlistItemKind.Query, "ballistic missiles")));
        }

        matcher.AddOrReplace(List(6, Item(WatchlistItemKind.Query, "ballistic missiles"), Item(WatchlistItemKind.Query, "cheese")));

        var found = matcher.Find(KoreaStory);

        Assert.Equal(1, found.KeyCount);
        Assert.Equal(1, found.QueryCount);
        Assert.Equal(11, found.ItemCount);
        Assert.Equal(Describe(matcher.Match(KoreaStory)), Describe(found.ToList()));
    }

    [Fact]
    public void Readers_of_the_same_query_share_one_verification_and_one_reason()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, "ballistic missiles")));
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Query, "Ballistic  AND missiles")));

        var found = matcher.Find(KoreaStory);
        var matches = found.ToList();

        Assert.Equal(1, found.QueriesVerified);
        Assert.Equal([1L, 2L], matches.Select(m => m.WatchlistId).Order());
        Assert.Same(matches[0].Reason, matches[1].Reason);
        Assert.Equal("matches the query ballistic AND missiles", matches[0].Reason.Text);
    }

    [Fact]
    public void A_change_after_find_is_seen_by_the_fan_out()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Country, "North Korea")));
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Query, "missiles")));
        var found = matcher.Find(KoreaStory);
        Assert.Equal(2, found.ItemCount);

        matcher.Remove(1);
        matcher.AddOrReplace(List(3, Item(WatchlistItemKind.Query, "missiles")));

        Assert.Equal([2L, 3L], found.ToList().Select(m => m.WatchlistId).Order());
        Assert.Equal(2, found.ItemCount);
    }

    [Fact]
    public void An_and_is_verified_only_when_the_story_has_both_words()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, "rate cut")));
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Query, "\"interest rate\"")));

        Assert.Equal(0, matcher.Find(Story("The rate held.")).QueriesVerified);
        Assert.Equal(0, matcher.Find(Story("The interest was paid.")).QueriesVerified);
        var both = matcher.Find(Story("The rate cut was a surprise; interest rate futures fell."));
        Assert.Equal(2, both.QueriesVerified);
        Assert.Equal(2, both.QueryCount);
    }

    [Fact]
    public void A_phrase_and_a_word_are_verified_only_when_the_story_has_a_phrase_word_and_the_word()
    {
        // "central bank" is common, "inflation" rarer: the pair joins the rare word with a word of the phrase.
        using var matcher = NewMatcher(w => w is "central" or "bank" ? 100 : 1);
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, "\"central bank\" inflation")));

        Assert.Equal(0, matcher.Find(Story("The central bank met.")).QueriesVerified);
        Assert.Equal(0, matcher.Find(Story("Inflation rose.")).QueriesVerified);
        var found = matcher.Find(Story("The central bank said inflation rose."));
        Assert.Equal(1, found.QueriesVerified);
        Assert.Equal(1, found.QueryCount);
    }

    [Fact]
    public void A_phrase_whose_words_are_apart_is_verified_and_not_matched()
    {
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, "\"interest rate\"")));

        var found = matcher.Find(Story("The rate of interest rose."));

        Assert.Equal(1, found.QueriesVerified);
        Assert.Equal(0, found.ItemCount);
        Assert.Empty(found.ToList());
    }

    private static List<string> Describe(IReadOnlyList<AlertMatch> matches) =>
        [.. matches.Select(m => $"{m.WatchlistId}/{m.ItemIndex}/{m.ItemKind}/{m.Kind}/{m.Reason.Text}")];
}
