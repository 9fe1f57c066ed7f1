using Wiredesk.Alerts;

namespace Wiredesk.Tests.Alerts;

public class KeywordQueryMatchTests
{
    private const string Text = "North Korea fired two ballistic missiles on Thursday, the U.S. military said. Seoul's officials condemned the launch.";

    [Theory]
    [InlineData("missiles", true)]
    [InlineData("MISSILES", true)]
    [InlineData("missile", false)] // whole words only: no stemming, no prefix
    [InlineData("missiles korea", true)]
    [InlineData("missiles japan", false)]
    [InlineData("missiles OR japan", true)]
    [InlineData("japan OR china", false)]
    [InlineData("\"north korea\"", true)]
    [InlineData("\"korea north\"", false)]
    [InlineData("\"ballistic missiles\"", true)]
    [InlineData("\"two missiles\"", false)]
    [InlineData("U.S.", true)]
    [InlineData("\"u s military\"", true)]
    [InlineData("seoul", true)] // "Seoul's" is the words "seoul" and "s"
    [InlineData("korea NOT south", true)]
    [InlineData("korea NOT north", false)]
    [InlineData("korea AND NOT (japan OR china)", true)]
    [InlineData("korea AND NOT (japan OR seoul)", false)]
    [InlineData("(japan OR thursday) (launch OR test)", true)]
    [InlineData("(japan OR friday) (launch OR test)", false)]
    [InlineData("headline", true)] // the headline is part of the text
    [InlineData("\"headline north\"", true)] // headline and body are one run of words
    [InlineData("a OR NOT b korea", true)]
    public void A_query_matches_whole_words_of_headline_and_body_ignoring_case(string query, bool matches)
    {
        var story = AlertTestKit.Story(Text);

        Assert.Equal(matches, KeywordQuery.Parse(query).Matches(story));
    }

    [Theory]
    [InlineData("missile korea", "missile")]
    [InlineData("korea missile", "missile")]
    [InlineData("missile OR korea", "missile korea")]
    [InlineData("\"north korea\" launch", "north")]
    [InlineData("korea NOT missile", "korea")]
    [InlineData("(c OR d) a", "a")]
    [InlineData("(a OR b) c", "a b")]
    [InlineData("(a OR b) (c OR d)", "a b")]
    public void Triggers_are_the_rarest_findable_words(string query, string triggers)
    {
        // Document frequencies: "korea" common, "missile" rare, "north" rarer than "korea", a/b rarer than c/d pairs.
        var df = new Dictionary<string, int> { ["korea"] = 50, ["missile"] = 3, ["north"] = 10, ["launch"] = 20, ["a"] = 1, ["b"] = 1, ["c"] = 5, ["d"] = 5 };

        var chosen = KeywordQuery.Parse(query).Triggers(w => df.GetValueOrDefault(w, 100));

        Assert.Equal(triggers.Split(' '), chosen);
    }

    [Fact]
    public void Every_story_a_query_matches_contains_one_of_its_triggers()
    {
        var random = new Random(5);
        string[] words = ["alpha", "beta", "gamma", "delta", "omega"];
        for (var n = 0; n < 2000; n++)
        {
            var query = RandomQueries.Make(random, words);
            if (!KeywordQuery.TryParse(query, out var parsed, out _))
            {
                continue;
            }

            var story = AlertTestKit.Story(string.Join(' ', Enumerable.Range(0, random.Next(0, 6)).Select(_ => words[random.Next(words.Length)])));
            var triggers = parsed!.Triggers(w => w.Length);
            if (parsed.Matches(story))
            {
                Assert.Contains(triggers, story.ContainsWord);
            }
        }
    }
}

/// <summary>Random queries over a small vocabulary, for property tests.</summary>
internal static class RandomQueries
{
    public static string Make(Random random, string[] words, int depth = 0)
    {
        var roll = random.Next(depth > 2 ? 3 : 8);
        return roll switch
        {
            0 or 1 => words[random.Next(words.Length)],
            2 => $"\"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}\"",
            3 => $"{Make(random, words, depth + 1)} {Make(random, words, depth + 1)}",
            4 => $"{Make(random, words, depth + 1)} AND {Make(random, words, depth + 1)}",
            5 => $"({Make(random, words, depth + 1)} OR {Make(random, words, depth + 1)})",
            6 => $"{Make(random, words, depth + 1)} NOT {Make(random, words, depth + 1)}",
            _ => $"({Make(random, words, depth + 1)})",
        };
    }
}
