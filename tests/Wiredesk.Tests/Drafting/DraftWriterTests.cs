using Wiredesk.Analysis;
using Wiredesk.Drafting;

namespace Wiredesk.Tests.Drafting;

/// <summary>What the writer does with several reports, earlier coverage and the exposure map, on short reports
/// written for these tests.</summary>
public sealed class DraftWriterTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 12, 9, 0, 0, TimeSpan.Zero);

    private static SourceReport Report(string id, string text, DateTimeOffset published, string source = "Demo Wire") => new()
    {
        Id = id,
        Title = "Test report " + id,
        Text = text,
        Source = source,
        Published = published,
    };

    [Fact]
    public void EarlierReportSharingTheMainEntitiesIsCitedWithItsDate()
    {
        var story = Report("new", "North Korea fired two ballistic missiles toward Japan on Thursday, South Korea's military said. Japan protested to North Korea through diplomatic channels, the Japanese government said. The launch was the second this month.", Day);
        var earlier = Report("old", "North Korea fired a ballistic missile into the sea between Korea and Japan, South Korea's military said. Japan's coast guard issued a warning to ships in the area.", Day.AddDays(-9), "Example News");
        var unrelated = Report("other", "Brazil's central bank held its benchmark rate at a record level on Wednesday, the bank said in a statement after a meeting of its policy committee.", Day.AddDays(-3), "Example News");

        var draft = DraftTestKit.Writer.Write(new DraftRequest([story], [earlier, unrelated]));

        var why = draft.Sections.Single(s => s.Title == DraftWriter.WhyItMattersTitle).Sentences;
        Assert.Contains(why, s => s.Sources.Any(span => span.Report == "old"));
        var dated = Assert.Single(why, s => s.Facts.Any(f => f.Id == "report:old:published"));
        Assert.Contains("March 3, 2026", dated.Text, StringComparison.Ordinal);
        Assert.Equal(["new", "old"], draft.Sources.Select(s => s.Report));
        Assert.All(DraftTestKit.Sentences(draft), s => Assert.Equal(Verdicts.Supported, s.Verdict));
    }

    [Fact]
    public void SeveralReportsMakeOneDraftThatCreditsEachSource()
    {
        var first = Report("a", "The central bank of Brazil raised its benchmark interest rate to 11.25% on Wednesday, the bank said. The decision was unanimous, according to the statement.", Day, "Demo Wire");
        var second = Report("b", "Brazil's finance minister welcomed the decision and said the government would keep its spending target for next year. The real strengthened against the dollar after the announcement.", Day.AddHours(2), "Example News");

        var draft = DraftTestKit.Writer.Write(new DraftRequest([second, first]));

        Assert.Equal(["a", "b"], draft.Sources.Select(s => s.Report));
        Assert.EndsWith("Demo Wire reported.", draft.Sections[0].Sentences.Single().Text, StringComparison.Ordinal);
        Assert.Contains(DraftTestKit.Sentences(draft), s => s.Sources.Any(span => span.Report == "b") && s.Text.Contains("Example News reported", StringComparison.Ordinal));
        Assert.All(DraftTestKit.Sentences(draft), s => Assert.Equal(Verdicts.Supported, s.Verdict));
    }

    [Fact]
    public void QuoteIsVerbatimWithTheSpeakerAndLaterMentionsUseTheSurname()
    {
        var report = Report("q", "Federal Reserve Chair Jerome Powell said on Wednesday the central bank would keep rates on hold. \"We are in no hurry to change our stance on policy,\" Powell told reporters after the meeting. Powell added that officials would watch the labour market closely.", Day);

        var draft = DraftTestKit.Writer.Write(new DraftRequest([report]));

        var quote = Assert.Single(DraftTestKit.Sentences(draft), s => s.Text.Contains('\u201c'));
        Assert.Contains("\u201cWe are in no hurry to change our stance on policy,\u201d", quote.Text, StringComparison.Ordinal);
        Assert.Contains("Powell said.", quote.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chair Jerome Powell said.", quote.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExposureMapLinksThemesAndCountriesToInstruments()
    {
        var map = ExposureMap.LoadDefault();
        Assert.True(map.Facts.Count >= 40, $"{map.Facts.Count} facts");
        Assert.All(map.Facts, f => Assert.All(f.Instruments, i => Assert.False(string.IsNullOrWhiteSpace(i.Symbol))));

        var korea = map.Match(new HashSet<string> { "country:KR", "country:KP" }, "North Korea fired two ballistic missiles.").Select(f => f.Id).ToList();
        Assert.Contains("exposure:defence:korea", korea);
        Assert.Contains("exposure:country:KR", korea);
        Assert.True(korea.IndexOf("exposure:defence:korea") < korea.IndexOf("exposure:country:KR"), "themes come before countries");

        var football = map.Match(new HashSet<string> { "country:KR" }, "South Korea beat Japan 2-1 in a football friendly in Seoul.").Select(f => f.Id).ToList();
        Assert.Equal(["exposure:country:KR"], football);

        var fed = map.Match(new HashSet<string> { "org:federal-reserve" }, "The Federal Reserve cut its policy rate by a quarter point.").Select(f => f.Id).ToList();
        Assert.Contains("exposure:central-bank:fed", fed);
        Assert.DoesNotContain("exposure:central-bank:fed", map.Match(new HashSet<string> { "org:federal-reserve" }, "The Federal Reserve published its annual report.").Select(f => f.Id));

        var redSea = map.Match(new HashSet<string> { "country:US" }, "Houthi forces fired missiles at ships in the Red Sea.").Select(f => f.Id).ToList();
        Assert.Equal("exposure:shipping:red-sea", redSea[0]);
    }

    [Fact]
    public void ExposureFileProblemsAreNamed()
    {
        using var missingText = new MemoryStream("""[{"id":"x","triggers":{"keywords":["a"]},"instruments":[{"symbol":"A","name":"A","kind":"stock"}]}]"""u8.ToArray());
        using var noTrigger = new MemoryStream("""[{"id":"x","text":"t","instruments":[{"symbol":"A","name":"A","kind":"stock"}]}]"""u8.ToArray());
        using var broken = new MemoryStream("""[{"id":"""u8.ToArray());

        Assert.Contains("'x'", Assert.Throws<InvalidDataException>(() => ExposureMap.Load(missingText, "f.json")).Message, StringComparison.Ordinal);
        Assert.Contains("no trigger", Assert.Throws<InvalidDataException>(() => ExposureMap.Load(noTrigger, "f.json")).Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", Assert.Throws<InvalidDataException>(() => ExposureMap.Load(broken, "f.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExposureTriggersNameKnowledgeBaseEntities()
    {
        var kb = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase.LoadDefault();
        var unknown = ExposureMap.LoadDefault().Facts.SelectMany(f => f.Triggers.Entities).Distinct().Where(id => kb.Find(id) is null).ToList();
        Assert.Empty(unknown);
        Assert.Equal(EntityType.Country, kb.Find("country:KR")!.Type);
    }
}
