using Wiredesk.Alerts;
using Wiredesk.Analysis.Topics;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Property: on random watchlists and random stories the index gives exactly the matches, kinds and
/// reasons of the straightforward scan, including after replacements and removals.</summary>
public class IndexEqualsScanTests
{
    private static readonly string[] Words = ["missile", "missiles", "korea", "sanctions", "rate", "cut", "oil", "red", "sea", "launch", "talks"];
    private static readonly string[] EntityIds = ["country:KP", "country:KR", "country:US", "country:JP", "country:YE", "country:RU", "company:LMT", "company:AAPL", "company:012450.KS", "org:federal-reserve", "person:kim-jong-un"];
    private static readonly string[] Topics = ["medtop:04000000", "medtop:16000000", "medtop:11000000"];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    public void The_index_gives_the_scans_matches(int seed, bool sampledFrequencies)
    {
        var random = new Random(seed);
        // With a sample, pairs are costed by their estimated frequency; without, by their rarer word's length.
        using var matcher = sampledFrequencies
            ? new AlertMatcher(KnowledgeBase, Exposures, WordFrequencies.FromTexts(Enumerable.Range(0, 50).Select(_ => RandomStory(random).Text)))
            : NewMatcher(w => w.Length);
        var scan = new WatchlistScan(KnowledgeBase, Exposures);
        var lists = new Dictionary<long, Watchlist>();
        for (var id = 1; id <= 400; id++)
        {
            lists[id] = RandomList(random, id);
            matcher.AddOrReplace(lists[id]);
        }

        // Churn: replace and remove some, so the index is tested after incremental updates too.
        for (var n = 0; n < 150; n++)
        {
            var id = random.Next(1, 401);
            if (random.Next(3) == 0)
            {
                lists.Remove(id);
                matcher.Remove(id);
            }
            else
            {
                lists[id] = RandomList(random, id);
                matcher.AddOrReplace(lists[id]);
            }
        }

        foreach (var list in lists.Values)
        {
            scan.Add(list);
        }

        var total = 0;
        for (var s = 0; s < 150; s++)
        {
            var story = RandomStory(random);
            var expected = Canonical(scan.Match(story));
            var actual = Canonical(matcher.Match(story));
            Assert.Equal(expected, actual);
            var found = matcher.Find(story);
            Assert.Equal(expected.Count, found.ItemCount);
            Assert.Equal(expected, Canonical(found.ToList()));
            total += expected.Count;
        }

        Assert.True(total > 500, $"too few matches ({total}) to mean anything");
    }

    [Fact]
    public void After_most_watchlists_are_removed_the_compacted_index_still_gives_the_scans_matches()
    {
        var random = new Random(11);
        using var matcher = NewMatcher();
        var scan = new WatchlistScan(KnowledgeBase, Exposures);
        for (var id = 1; id <= 2000; id++)
        {
            var list = RandomList(random, id);
            matcher.AddOrReplace(list);
            if (id % 5 == 0)
            {
                scan.Add(list);
            }
        }

        // Removing four in five frees far more than half of the shared arrays, which forces compaction.
        for (var id = 1; id <= 2000; id++)
        {
            if (id % 5 != 0)
            {
                Assert.True(matcher.Remove(id));
            }
        }

        Assert.Equal(400, matcher.Count);
        for (var s = 0; s < 100; s++)
        {
            var story = RandomStory(random);
            Assert.Equal(Canonical(scan.Match(story)), Canonical(matcher.Match(story)));
        }
    }

    private static List<string> Canonical(IReadOnlyList<AlertMatch> matches) =>
        [.. matches.Select(m => $"{m.WatchlistId}/{m.OwnerId}/{m.ItemIndex}/{m.ItemKind}/{m.Kind}/{m.Reason.Text}").Order(StringComparer.Ordinal)];

    private static Watchlist RandomList(Random random, long id)
    {
        var items = Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(7) switch
        {
            0 => Item(WatchlistItemKind.Ticker, random.Next(2) == 0 ? "LMT" : new[] { "EWY", "KRW", "BRN", "ZIM", "012450.KS", "XLF" }[random.Next(6)]),
            1 => Item(WatchlistItemKind.Company, new[] { "Lockheed Martin", "Apple", "Hanwha Aerospace", "RTX" }[random.Next(4)]),
            2 => Item(WatchlistItemKind.Country, new[] { "North Korea", "South Korea", "United States", "Japan", "Yemen" }[random.Next(5)]),
            3 => Item(WatchlistItemKind.Topic, Topics[random.Next(Topics.Length)]),
            4 => Item(WatchlistItemKind.Person, "Kim Jong Un"),
            _ => Item(WatchlistItemKind.Query, RandomQueries.Make(random, Words)),
        }).ToArray();
        return new Watchlist(id, 5000 + id % 97, "list", items);
    }

    private static StoryDocument RandomStory(Random random)
    {
        var text = string.Join(' ', Enumerable.Range(0, random.Next(3, 25)).Select(_ => Words[random.Next(Words.Length)]));
        var entities = EntityIds.Where(_ => random.Next(4) == 0).Select(id =>
        {
            var e = KnowledgeBase.Find(id)!;
            var main = random.Next(3) > 0;
            return new StoryEntity(e.Id, e.Name, e.Type, e.Ticker, main ? 2 : 1, main);
        });
        return new StoryDocument("s", "News", text, entities, Topics.Where(_ => random.Next(4) == 0).Select(c => TopicClassifier.All.Single(t => t.Code == c)));
    }
}
