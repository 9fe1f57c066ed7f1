using Wiredesk.Alerts;
using static Wiredesk.Tests.Alerts.AlertTestKit;

namespace Wiredesk.Tests.Alerts;

/// <summary>Property: the matcher's compiled queries (filed under triggers, each with the residual program left once
/// the trigger's words are known present, sure queries taken without a check, phrases checked once a story) match
/// exactly the stories <see cref="KeywordQuery.Matches"/> matches — on many generated queries with NOT, OR,
/// parentheses and "exact phrases", over generated texts, before and after watchlists are removed.</summary>
public class CompiledQueryTests
{
    // A small vocabulary, so that phrases, NOTs and ORs are decided both ways often.
    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "omega", "sigma"];

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Compiled_queries_match_what_the_parsed_query_matches(int seed, bool sampledFrequencies)
    {
        var random = new Random(seed);
        using var matcher = sampledFrequencies
            ? new AlertMatcher(KnowledgeBase, Exposures, WordFrequencies.FromTexts(Enumerable.Range(0, 40).Select(_ => Text(random))))
            : NewMatcher(w => w.Length);
        var lists = new Dictionary<long, KeywordQuery[]>();
        for (var id = 1; id <= 300; id++)
        {
            var queries = Enumerable.Range(0, random.Next(1, 8)).Select(_ => Query(random)).ToArray();
            lists[id] = queries;
            Assert.Empty(matcher.AddOrReplace(List(id, [.. queries.Select(q => Item(WatchlistItemKind.Query, q.ToString()))])));
        }

        var (matched, unmatched, evaluated, sure) = Check(matcher, lists, random, 250);

        Assert.True(matched > 2000 && unmatched > 2000, $"too one-sided to mean anything: {matched} matched, {unmatched} not");
        Assert.True(evaluated > 0 && sure > 0, $"both kinds of query should occur: {evaluated} evaluated, {sure} sure");

        // Readers leave: shared queries lose readers, some queries their last one.
        foreach (var id in lists.Keys.Where(id => id % 3 == 0).ToList())
        {
            Assert.True(matcher.Remove(id));
            lists.Remove(id);
        }

        Check(matcher, lists, random, 100);
    }

    [Theory]
    [InlineData("\"alpha beta gamma\"", "x alpha beta gamma y", true)]
    [InlineData("\"alpha beta gamma\"", "alpha beta x gamma", false)]
    [InlineData("\"alpha alpha\"", "alpha beta alpha", false)]
    [InlineData("\"alpha alpha\"", "beta alpha alpha", true)]
    [InlineData("alpha NOT alpha", "alpha", false)]
    [InlineData("alpha NOT NOT alpha", "alpha", true)]
    [InlineData("(alpha OR beta) NOT (gamma OR \"delta omega\")", "beta delta omega", false)]
    [InlineData("(alpha OR beta) NOT (gamma OR \"delta omega\")", "beta omega delta", true)]
    [InlineData("alpha OR (beta NOT alpha)", "alpha beta", true)]
    [InlineData("alpha beta OR gamma", "gamma", true)]
    [InlineData("alpha (beta OR NOT gamma)", "alpha gamma", false)]
    public void Edge_cases_match_as_the_parsed_query(string query, string text, bool matches)
    {
        var parsed = KeywordQuery.Parse(query);
        var story = Story(text);
        Assert.Equal(matches, parsed.Matches(story));
        using var matcher = NewMatcher();
        matcher.AddOrReplace(List(1, Item(WatchlistItemKind.Query, query)));
        // The same query written by a second reader shares the compiled query.
        matcher.AddOrReplace(List(2, Item(WatchlistItemKind.Query, parsed.ToString())));

        Assert.Equal(matches ? 2 : 0, matcher.Match(story).Count);
        Assert.Equal(matches ? 1 : 0, matcher.Find(story).QueryCount);
    }

    private static (int Matched, int Unmatched, int Evaluated, int Sure) Check(AlertMatcher matcher, Dictionary<long, KeywordQuery[]> lists, Random random, int stories)
    {
        var (matched, unmatched, evaluated, sure) = (0, 0, 0, 0);
        for (var s = 0; s < stories; s++)
        {
            var story = Story(Text(random));
            var expected = lists.SelectMany(l => l.Value.Select((q, i) => (List: l.Key, Index: i, Query: q)))
                .Where(x => x.Query.Matches(story)).Select(x => $"{x.List}/{x.Index}").Order(StringComparer.Ordinal).ToList();
            var found = matcher.Find(story);
            var actual = found.ToList().Select(m => $"{m.WatchlistId}/{m.ItemIndex}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Count, found.ItemCount);
            var distinct = lists.Values.SelectMany(q => q).Where(q => q.Matches(story)).Select(q => q.ToString()).Distinct().Count();
            Assert.Equal(distinct, found.QueryCount);
            matched += expected.Count;
            unmatched += lists.Values.Sum(q => q.Length) - expected.Count;
            evaluated += found.QueriesEvaluated;
            sure += found.QueriesVerified - found.QueriesEvaluated;
        }

        return (matched, unmatched, evaluated, sure);
    }

    private static string Text(Random random) =>
        string.Join(' ', Enumerable.Range(0, random.Next(0, 12)).Select(_ => random.Next(8) == 0 ? "other" : Words[random.Next(Words.Length)]));

    /// <summary>A random query that parses (one that could match by absence alone is drawn again).</summary>
    private static KeywordQuery Query(Random random)
    {
        while (true)
        {
            if (KeywordQuery.TryParse(Node(random, 0), out var query, out _))
            {
                return query!;
            }
        }
    }

    private static string Node(Random random, int depth)
    {
        string W() => Words[random.Next(Words.Length)];
        return random.Next(depth > 2 ? 4 : 11) switch
        {
            0 or 1 => W(),
            2 => $"\"{W()} {W()}\"",
            3 => $"\"{W()} {W()} {W()}\"",
            4 => $"{Node(random, depth + 1)} {Node(random, depth + 1)}",
            5 => $"{Node(random, depth + 1)} AND {Node(random, depth + 1)}",
            6 or 7 => $"({Node(random, depth + 1)} OR {Node(random, depth + 1)})",
            8 => $"{Node(random, depth + 1)} NOT {Node(random, depth + 1)}",
            9 => $"NOT ({Node(random, depth + 1)}) {W()}",
            _ => $"({Node(random, depth + 1)} OR {Node(random, depth + 1)} OR {W()})",
        };
    }
}
