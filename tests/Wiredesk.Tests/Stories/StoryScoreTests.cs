using Wiredesk.Analysis;
using Wiredesk.Stories;

namespace Wiredesk.Tests.Stories;

/// <summary>Scoring on reports written here, with their analysis given by hand so that the rules are tested apart
/// from what the analyzer happens to find.</summary>
public sealed class StoryScoreTests
{
    private static readonly DateTimeOffset Monday = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly (string Id, string Name, EntityType Type)[] Harbour =
    [
        ("person:ana-ruiz", "Ana Ruiz", EntityType.Person),
        ("company:northwind", "Northwind", EntityType.Company),
        ("place:port-elin", "Port Elin", EntityType.Place),
        ("country:XA", "Arcadia", EntityType.Country),
    ];

    [Fact]
    public void Two_reports_on_the_same_event_in_other_words_join()
    {
        var first = Report(
            "Northwind halts Port Elin terminal after crane collapse",
            "Northwind stopped all loading at its Port Elin terminal on Monday after a crane collapsed, chief executive Ana Ruiz said. Arcadia's port authority opened an inquiry into the crane collapse.",
            Monday, Harbour);
        var second = Report(
            "Crane collapse shuts Northwind terminal in Port Elin",
            "Ana Ruiz, who runs Northwind, said the Port Elin terminal would stay shut while inspectors examine the collapsed crane. The collapse happened on Monday morning in Arcadia.",
            Monday.AddHours(5), Harbour, dates: [("Monday", "2025-03-10")]);

        var match = StoryScore.Score(1, second, StoryProfile.Of(first), _ => 1);

        Assert.True(match.Joins, match.ToString());
        Assert.Equal(1, match.Days);
    }

    [Fact]
    public void Reports_sharing_only_countries_never_join_however_similar_the_rest()
    {
        (string, string, EntityType)[] countries = [("country:XA", "Arcadia", EntityType.Country), ("country:XB", "Borduria", EntityType.Country)];
        var first = Report("Arcadia and Borduria sign a fishing agreement", "Arcadia and Borduria signed a fishing agreement covering the northern banks.", Monday, countries);
        var second = Report("Arcadia and Borduria hold a football friendly", "Arcadia and Borduria drew a football friendly played in front of a full stadium.", Monday, countries);

        var match = StoryScore.Score(1, second, StoryProfile.Of(first), _ => 1);

        Assert.False(match.Joins, match.ToString());
        Assert.Contains("no person, organisation, company, place or amount", match.Veto, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$275 million", 275e6, "$725 million", 725e6, false)]
    [InlineData("$275 million", 275e6, "$275 million", 275e6, true)]
    [InlineData("$1.2 billion", 1.2e9, "$1.2 million", 1.2e6, false)]
    public void A_report_leading_with_a_different_amount_is_a_different_decision(string firstText, double firstValue, string secondText, double secondValue, bool joins)
    {
        (string, string, EntityType)[] aid = [("org:defence-ministry", "Defence Ministry", EntityType.Organization), ("country:XA", "Arcadia", EntityType.Country)];
        var first = Report($"{firstText} in aid for Arcadia", $"The Defence Ministry announced {firstText} in military aid for Arcadia on Monday.", Monday, aid, [(firstText, firstValue, "USD")]);
        var second = Report($"{secondText} in aid for Arcadia", $"The Defence Ministry announced {secondText} in military aid for Arcadia on Monday.", Monday, aid, [(secondText, secondValue, "USD")]);

        var match = StoryScore.Score(1, second, StoryProfile.Of(first), _ => 1);

        Assert.Equal(joins, match.Joins);
        Assert.Equal(!joins, match.Veto?.Contains("different amount", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_shared_event_day_and_a_shared_figure_each_add_their_weight()
    {
        var story = StoryProfile.Of(Report("Northwind halts Port Elin terminal", "Northwind stopped 12 cranes at Port Elin, Ana Ruiz said.", Monday, Harbour, [("12 cranes", 12, "cranes")]));
        var plain = Report("Port Elin terminal stays shut", "Northwind kept the Port Elin terminal shut, Ana Ruiz said.", Monday.AddDays(2), Harbour);
        var withDay = Report("Port Elin terminal stays shut", "Northwind kept the Port Elin terminal shut, Ana Ruiz said.", Monday.AddDays(2), Harbour, dates: [("Monday", "2025-03-10")]);
        var withFigure = Report("Port Elin terminal stays shut", "Northwind kept the Port Elin terminal shut, Ana Ruiz said.", Monday.AddDays(2), Harbour, [("12 cranes", 12, "cranes")]);

        var basis = StoryScore.Score(1, plain, story, _ => 1).Score;

        Assert.Equal(basis + StoryScore.DayWeight, StoryScore.Score(1, withDay, story, _ => 1).Score, 6);
        Assert.Equal(basis + StoryScore.FigureWeight, StoryScore.Score(1, withFigure, story, _ => 1).Score, 6);
    }

    [Fact]
    public void A_report_naming_one_of_the_storys_actors_in_passing_is_not_on_that_story()
    {
        var story = StoryProfile.Of(Report(
            "Northwind halts Port Elin terminal after crane collapse",
            "Northwind stopped all loading at its Port Elin terminal after a crane collapsed, Ana Ruiz said.",
            Monday, Harbour));
        (string, string, EntityType)[] other =
        [
            ("person:lena-berg", "Lena Berg", EntityType.Person),
            ("company:eastgate", "Eastgate", EntityType.Company),
            ("org:shipping-council", "Shipping Council", EntityType.Organization),
            ("place:port-elin", "Port Elin", EntityType.Place),
        ];
        var passing = Report(
            "Eastgate chief Lena Berg elected to lead the Shipping Council",
            "The Shipping Council elected Eastgate's Lena Berg as its chair for two years. Eastgate runs ferries from Port Elin.",
            Monday, other);

        var match = StoryScore.Score(1, passing, story, _ => 1);

        Assert.False(match.Joins, match.ToString());
    }

    [Fact]
    public void A_key_many_stories_carry_weighs_less_than_a_rare_one()
    {
        Assert.True(StoryScore.Idf(storiesWithKey: 900, stories: 1000) < StoryScore.Idf(storiesWithKey: 3, stories: 1000));
        Assert.True(StoryScore.Idf(storiesWithKey: 0, stories: 1000) > StoryScore.Idf(storiesWithKey: 3, stories: 1000));
    }

    [Theory]
    [InlineData("2025-03-10", true)] // the report's own day
    [InlineData("2025-03-04", true)] // six days back: last week's part of the event
    [InlineData("2025-03-01", false)] // nine days back: background
    [InlineData("2025-04-08", true)] // scheduled four weeks ahead ("results on April 8")
    [InlineData("2025-05-20", false)] // too far ahead to be part of this event
    [InlineData("2025-03", false)] // a month is too coarse to place an event
    public void Event_days_are_the_reports_day_and_the_days_it_mentions_close_to_it(string mentioned, bool isEventDay)
    {
        var report = Report("Northwind results", "Northwind reports results.", Monday, Harbour, dates: [("the day", mentioned)]);

        var day = DateOnly.TryParse(mentioned, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (DateOnly?)null;
        Assert.Equal(isEventDay, day is { } x && report.EventDays.Contains(x));
        Assert.Contains(DateOnly.FromDateTime(Monday.UtcDateTime), report.EventDays);
    }

    [Fact]
    public void Entities_named_in_the_title_the_opening_or_twice_are_salient_passing_ones_count_half()
    {
        var report = Report(
            "Northwind halts terminal",
            "The terminal closed on Monday after an accident. Loading stopped at once. Inspectors arrived in the afternoon. Ana Ruiz said later it would reopen soon. Port Elin dockers went home. Port Elin was quiet.",
            Monday, Harbour);

        var salience = report.Keys.ToDictionary(k => k.Key, k => k.Salience);
        Assert.Equal(1, salience["company:northwind"]); // in the title
        Assert.Equal(0.5, salience["person:ana-ruiz"]); // once, after the opening
        Assert.Equal(1, salience["place:port-elin"]); // twice
    }

    /// <summary>Features of a hand-made report: every entity is mentioned wherever its name occurs in the text.</summary>
    internal static StoryFeatures Report(
        string title,
        string text,
        DateTimeOffset at,
        IEnumerable<(string Id, string Name, EntityType Type)> entities,
        IEnumerable<(string Text, double Value, string Unit)>? numbers = null,
        IEnumerable<(string Text, string Value)>? dates = null)
    {
        var found = entities
            .Select(e => new Entity(e.Id, e.Name, e.Type, null, null, Mentions(text, e.Name)))
            .Where(e => e.Mentions.Count > 0 || title.Contains(e.Name, StringComparison.Ordinal))
            .Select(e => e.Mentions.Count > 0 ? e : e with { Mentions = [new Mention(e.Name, 0, 0)] })
            .ToList();
        var figures = (numbers ?? []).Select(n =>
        {
            var start = Math.Max(0, text.IndexOf(n.Text, StringComparison.Ordinal));
            return new NumberMention(n.Text, n.Value, n.Unit, start, start + n.Text.Length);
        }).ToList();
        var days = (dates ?? []).Select(d => new DateMention(d.Text, d.Value, 0, d.Text.Length)).ToList();
        return StoryFeatures.Of(title, text, new ReportAnalysis(Sentences(text), found, [], figures, days, []), at);
    }

    private static List<Mention> Mentions(string text, string name)
    {
        var mentions = new List<Mention>();
        for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
        {
            mentions.Add(new Mention(name, i, i + name.Length));
        }

        return mentions;
    }

    private static List<Sentence> Sentences(string text)
    {
        var sentences = new List<Sentence>();
        var start = 0;
        for (var i = text.IndexOf(". ", StringComparison.Ordinal); i >= 0; i = text.IndexOf(". ", start, StringComparison.Ordinal))
        {
            sentences.Add(new Sentence(text[start..(i + 1)], start, i + 1));
            start = i + 2;
        }

        sentences.Add(new Sentence(text[start..], start, text.Length));
        return sentences;
    }
}
