using Wiredesk.Analysis;
using Wiredesk.Stories;

namespace Wiredesk.Tests.Stories;

public sealed class StoryProfileTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_long_story_keeps_a_bounded_profile_and_the_keys_its_reports_share()
    {
        var profile = StoryProfile.Of(Report(0));
        for (var i = 1; i < 300; i++)
        {
            profile = profile.With(Report(i));
        }

        Assert.Equal(300, profile.Reports);
        Assert.True(profile.Keys.Count <= StoryProfile.MaxKeys, $"{profile.Keys.Count} keys");
        Assert.True(profile.Terms.Count <= TermVector.MaxTerms);
        Assert.True(profile.Days.Count <= StoryProfile.MaxDays);
        Assert.Equal(300, profile.Keys["company:northwind"].Count);
        Assert.Equal("company:northwind", profile.MainEntities(1)[0].Id);
    }

    [Fact]
    public void The_centroid_is_the_running_mean_of_the_reports()
    {
        var first = Report(1);
        var second = Report(2);
        var merged = StoryProfile.Of(first).With(second).Centroid;

        // Equal weight for both reports: the mean is as close to one as to the other.
        Assert.Equal(merged.Cosine(first.Terms), merged.Cosine(second.Terms), 2);
        Assert.True(merged.Cosine(first.Terms) > first.Terms.Cosine(second.Terms));
    }

    /// <summary>Report i names the company every report names, two people of its own, and mentions its own day.</summary>
    private static StoryFeatures Report(int i) => StoryScoreTests.Report(
        $"Northwind update number {Word(i)}",
        $"Northwind said {Word(i)} and {Word(i + 1000)} had joined the board, Person {Word(i)} and Person {Word(i + 1000)} said.",
        Start.AddHours(i),
        [
            ("company:northwind", "Northwind", EntityType.Company),
            ($"person:{Word(i)}", $"Person {Word(i)}", EntityType.Person),
            ($"person:{Word(i + 1000)}", $"Person {Word(i + 1000)}", EntityType.Person),
        ]);

    private static string Word(int number) => string.Concat(Enumerable.Range(0, 3).Select(k => (char)('a' + (number / (int)Math.Pow(26, k) % 26))));
}
