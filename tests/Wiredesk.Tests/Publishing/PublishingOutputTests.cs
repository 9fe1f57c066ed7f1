using System.Text.Json;
using System.Xml;
using Wiredesk.Drafting;
using Wiredesk.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Publishing;

/// <summary>Golden files for the public outputs of publishing: RSS, Atom and ninjs. The stories are written here by
/// hand (one with a correction, one with markup in its headline), so the files show every mapping.</summary>
public class PublishingOutputTests
{
    private static readonly Uri Site = new("https://news.example.com/");
    /// <summary>The API's JSON conventions (ASP.NET Core's web defaults), indented for reading.</summary>
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly DateTimeOffset Published = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    internal static Article Story(long storyId, string headline, string? correction = null, ArticleStatus status = ArticleStatus.Live) => new()
    {
        Id = storyId + 100,
        StoryId = storyId,
        Version = correction is null ? 1 : 2,
        Slug = Slug.From(headline),
        Headline = headline,
        Draft = new Draft
        {
            Headline = headline,
            Sections =
            [
                new DraftSection { Title = "What Happened", Sentences = [new DraftSentence { Text = "Apple Inc. will build a factory in South Korea, Tim Cook said on Tuesday." }, new DraftSentence { Text = "The plant is to open next year." }] },
                new DraftSection { Title = "Why It Matters", Sentences = [new DraftSentence { Text = "Apple trades under the ticker AAPL on the NASDAQ." }] },
                new DraftSection { Title = "", Sentences = [new DraftSentence { Text = "This story was generated using Wiredesk and edited by Ada Byron." }] },
            ],
            Sources = [new DraftSource { Report = "7", Title = "Apple to build factory", Source = "Example Wire", Url = "https://wire.example.com/apple-factory", Published = Published.AddHours(-2) }, new DraftSource { Report = "9", Title = "Hostile", Url = "javascript:alert(1)" }],
        },
        EditorName = "Ada Byron",
        FirstPublishedAt = Published,
        UpdatedAt = correction is null ? Published : Published.AddHours(3),
        Status = status,
        CorrectionNote = correction,
        KillNotice = status == ArticleStatus.Killed ? "Withdrawn: the plan was not confirmed." : null,
        KilledAt = status == ArticleStatus.Killed ? Published.AddHours(5) : null,
        ImageUrl = "https://images.example.com/plant.jpg",
        ImageCredit = "Image via Example Photos",
        Tags =
        [
            new ArticleTag(TagKinds.Company, "apple", "Apple", "company:AAPL"),
            new ArticleTag(TagKinds.Country, "south-korea", "South Korea", "country:KR"),
            new ArticleTag(TagKinds.Organization, "nasdaq", "NASDAQ", "organization:nasdaq"),
            new ArticleTag(TagKinds.Person, "tim-cook", "Tim Cook", "person:tim-cook"),
            new ArticleTag(TagKinds.Ticker, "AAPL", "AAPL", "NASDAQ", "apple"),
            new ArticleTag(TagKinds.Topic, "economy-business-and-finance", "economy, business and finance", "medtop:04000000"),
        ],
    };

    private static IReadOnlyList<Article> Stories() =>
    [
        Story(2, "Apple plans <script>alert(1)</script> & “factory”", correction: "An earlier version gave the wrong day."),
        Story(1, "Apple plans South Korea factory"),
    ];

    [Fact]
    public void Rss_matches_the_golden_file_and_is_well_formed()
    {
        var rss = Feeds.Rss(new FeedInfo("Wiredesk: latest stories", "/", "/feeds/all.rss"), Stories(), Site, Published);
        Golden.AssertMatches("tests/Wiredesk.Tests/Publishing/Golden/all.rss.xml", rss);
        var document = Parse(rss);
        Assert.Equal(2, document.GetElementsByTagName("item").Count);
        Assert.Equal("Apple plans <script>alert(1)</script> & “factory”", document.GetElementsByTagName("title")[1]!.InnerText);
        Assert.DoesNotContain("<script>", rss, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_matches_the_golden_file_and_a_correction_updates_the_entry()
    {
        var atom = Feeds.Atom(new FeedInfo("Wiredesk: AAPL", "/?ticker=AAPL", "/feeds/ticker/AAPL.atom"), Stories(), Site, Published);
        Golden.AssertMatches("tests/Wiredesk.Tests/Publishing/Golden/ticker.atom.xml", atom);
        var document = Parse(atom);
        var entries = document.GetElementsByTagName("entry");
        Assert.Equal(2, entries.Count);
        Assert.Equal("2026-11-28T12:30:00Z", ((XmlElement)entries[0]!)["updated"]!.InnerText);
        Assert.Equal("2026-11-28T09:30:00Z", ((XmlElement)entries[0]!)["published"]!.InnerText);
        Assert.StartsWith("Correction: An earlier version gave the wrong day.", ((XmlElement)entries[0]!)["summary"]!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_from_a_hostile_report_do_not_break_a_feed()
    {
        var rss = Feeds.Rss(new FeedInfo("Wiredesk", "/", "/feeds/all.rss"), [Story(3, "Bell\u0007 and null\u0000 in a headline 🚀")], Site, Published);
        var document = Parse(rss);
        Assert.Equal("Bell and null in a headline 🚀", document.GetElementsByTagName("item")[0]!["title"]!.InnerText);
    }

    [Fact]
    public void Ninjs_matches_the_golden_file()
    {
        var json = JsonSerializer.Serialize(Ninjs.From(Stories()[0], Site), ApiJson);
        Golden.AssertMatches("tests/Wiredesk.Tests/Publishing/Golden/story.ninjs.json", json);
    }

    [Fact]
    public void A_killed_story_in_ninjs_is_canceled_with_its_notice_and_no_body()
    {
        var item = Ninjs.From(Story(4, "Apple plans factory", status: ArticleStatus.Killed), Site);
        Assert.Equal("canceled", item.PubStatus);
        Assert.Null(item.Bodies);
        Assert.Null(item.Associations);
        Assert.Contains(item.Descriptions!, d => d.Role == "kill-notice" && d.Value == "Withdrawn: the plan was not confirmed.");
        Assert.Equal(Published.AddHours(5), item.VersionCreated);
    }

    [Fact]
    public void Ninjs_maps_tickers_sources_topics_and_the_disclosure()
    {
        var item = Ninjs.From(Story(1, "Apple plans South Korea factory"), Site);
        var apple = Assert.Single(item.Organisations, o => o.Name == "Apple");
        Assert.Equal([new NinjsSymbol { Ticker = "AAPL", Exchange = "NASDAQ" }], apple.Symbols);
        Assert.Null(Assert.Single(item.Organisations, o => o.Name == "NASDAQ").Symbols);
        Assert.Equal("http://cv.iptc.org/newscodes/mediatopic/04000000", Assert.Single(item.Subjects).Uri);
        Assert.Equal("http://cvx.iptc.org/iso3166-1a2/kr", Assert.Single(item.Places).Uri);
        Assert.Equal(["Example Wire", "Hostile"], item.InfoSources.Select(s => s.Name));
        Assert.Equal("https://wire.example.com/apple-factory", item.InfoSources[0].Uri);
        Assert.Null(item.InfoSources[1].Uri);
        Assert.Equal("http://cv.iptc.org/newscodes/digitalsourcetype/dataDrivenMedia", item.DigitalSourceType.Uri);
        Assert.Equal("https://news.example.com/rights", item.RightsInfo.LinkedRights);
        Assert.Equal("https://news.example.com/stories/1", item.Uri);
        Assert.Equal("usable", item.PubStatus);
    }

    private static XmlDocument Parse(string xml)
    {
        var document = new XmlDocument { XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }
}
