using System.Text;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Formats;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest.Formats;

public class FormatReaderTests
{
    private static readonly Settings Defaults = new();

    private static ParsedReport ReadOne(string name, string? contentType = null) =>
        Assert.Single(FormatReader.Read(IngestTestData.Input(name, contentType), Defaults));

    [Fact]
    public void Plain_text_takes_its_first_line_as_title()
    {
        var report = ReadOne("report.txt");
        Assert.Equal("City council delays vote on tram extension", report.Title);
        Assert.Equal(
            "The city council on Tuesday postponed its vote on the northern tram extension by two weeks, after councillors asked for a revised cost estimate.\n\n" +
            "The extension, first proposed in 2021, would add 4.2 kilometres of track and six stops.",
            report.Text);
        Assert.Equal(["Image via Shutterstock"], report.RemovedBoilerplate);
        Assert.Equal("Image via Shutterstock", report.ImageCredit);
        Assert.Null(report.Url);
    }

    [Fact]
    public void Plain_text_whose_first_line_is_a_long_paragraph_gets_its_first_sentence_as_title()
    {
        var text = "The river rose two metres overnight and flooded the lower town, where about 400 people live in houses built before the levee was raised. " +
            "Emergency crews worked through the night to evacuate residents and move cattle to higher ground on the northern pastures.\nMore rain is expected.";
        var report = Assert.Single(FormatReader.Read(new RawInput("flood.txt", Encoding.UTF8.GetBytes(text)), Defaults));
        Assert.Equal("The river rose two metres overnight and flooded the lower town, where about 400 people live in houses built before the…", report.Title);
        Assert.StartsWith("The river rose two metres overnight", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_takes_its_first_heading_as_title_and_strips_syntax()
    {
        var report = ReadOne("report.md");
        Assert.Equal("Library opens late-night reading room", report.Title);
        Assert.Equal(
            "The central library will open a reading room until midnight from next Monday, the city's culture office announced on Wednesday.\n\n" +
            "Opening hours\n\n" +
            "Monday to Thursday: 6 p.m. to midnight.\n\n" +
            "Friday: closed for cleaning.\n\n" +
            "\"Students asked for this for years,\" the head librarian said.",
            report.Text);
        Assert.Equal(["Copyright 2025 Example News. All rights reserved."], report.RemovedBoilerplate);
    }

    [Fact]
    public void Html_keeps_the_article_and_drops_navigation_furniture_and_promos()
    {
        var report = ReadOne("harbour-article.html");
        Assert.Equal("Harbour authority approves night shipping trial", report.Title);
        Assert.Equal("Coastline Daily", report.Source);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 8, 30, 0, TimeSpan.Zero), report.Published);
        Assert.Equal("en", report.Language);
        Assert.Equal("https://news.example.org/img/harbour-cranes.jpg", report.ImageUrl);
        Assert.Equal("Image via Shutterstock", report.ImageCredit);
        var paragraphs = report.Text.Split("\n\n");
        Assert.Equal(4, paragraphs.Length);
        Assert.StartsWith("The Eastport harbour authority on Friday approved", paragraphs[0], StringComparison.Ordinal);
        Assert.Equal("“We have listened to the neighbourhood and built the trial around its concerns,” said Lena Brandt, the authority’s chair. “If the noise limits are broken, the trial stops.”", paragraphs[2]);
        Assert.DoesNotContain("Shutterstock", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Most read", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign in", report.Text, StringComparison.Ordinal);
        Assert.Contains("© 2025 Coastline Daily. All rights reserved.", report.RemovedBoilerplate);
        Assert.Contains("Subscribe to our newsletter for breaking news alerts delivered to your inbox.", report.RemovedBoilerplate);
    }

    [Fact]
    public void Html_declared_as_windows_1252_in_a_meta_tag_is_decoded_from_it()
    {
        var report = ReadOne("agency-release.html");
        Assert.Equal("Water agency publishes drought plan", report.Title);
        Assert.Equal("en-GB", report.Language);
        Assert.Contains("the plan, costing €40 million, was “a precaution, not a prediction” and that", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(".gov", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Immediate Release", report.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Comments", report.Text, StringComparison.Ordinal);
        Assert.Equal("(Photo by Jane Example/Example Images)", report.ImageCredit);
    }

    [Theory]
    [InlineData("harbour-article.html", "Ingest/TestData/harbour-article.expected.txt")]
    [InlineData("agency-release.html", "Ingest/TestData/agency-release.expected.txt")]
    public void Cleaned_html_matches_its_golden_file(string input, string golden)
    {
        var report = ReadOne(input);
        var output = new StringBuilder()
            .Append("TITLE: ").AppendLine(report.Title)
            .AppendLine()
            .AppendLine(report.Text)
            .AppendLine()
            .AppendLine("REMOVED:");
        foreach (var line in report.RemovedBoilerplate)
        {
            output.Append("- ").AppendLine(line);
        }

        Golden.AssertMatches(Path.Combine("tests", "Wiredesk.Tests", golden), output.ToString());
    }

    [Fact]
    public void Corpus_shaped_json_keeps_its_metadata()
    {
        var report = ReadOne("corpus-shape.json");
        Assert.Equal("T001", report.Guid);
        Assert.Equal("Bridge reopens after repairs", report.Title);
        Assert.Equal("Example Wire", report.Source);
        Assert.Equal("https://news.example.org/2025/bridge", report.Url);
        Assert.Equal(new DateTimeOffset(2025, 2, 10, 0, 0, 0, TimeSpan.Zero), report.Published);
        Assert.Equal("The Old Mill bridge reopened to traffic on Monday after five months of repairs.\n\nThe repairs cost $3.1 million, the transport department said.", report.Text);
        Assert.Equal(["Image Via Shutterstock"], report.RemovedBoilerplate);
    }

    [Fact]
    public void Ninjs_2_uses_headline_html_body_and_infosource()
    {
        var report = ReadOne("ninjs-2.json");
        Assert.Equal("Airline adds winter route to the islands", report.Title);
        Assert.Equal("A regional airline will fly twice a week to the northern islands from November.\n\nTickets go on sale on Monday.", report.Text);
        Assert.Equal("urn:example:wire:2025:0042", report.Guid);
        Assert.Equal("Example Wire", report.Source);
        Assert.Equal("en-GB", report.Language);
        Assert.Equal(new DateTimeOffset(2025, 4, 2, 10, 55, 0, TimeSpan.Zero), report.Published);
        Assert.Null(report.Url);
    }

    [Fact]
    public void Ninjs_3_uses_the_main_headline_and_the_plain_body()
    {
        var report = ReadOne("ninjs-3.json");
        Assert.Equal("Shipyard launches first electric ferry", report.Title);
        Assert.Equal("The shipyard launched its first battery-powered ferry on Tuesday.\n\nThe vessel carries 300 passengers.", report.Text);
        Assert.Equal("https://wire.example.org/items/7781", report.Guid);
        Assert.Equal("https://wire.example.org/items/7781", report.Url);
        Assert.Equal("Example Wire", report.Source);
        Assert.Equal(new DateTimeOffset(2025, 5, 20, 6, 0, 0, TimeSpan.Zero), report.Published);
    }

    [Fact]
    public void Rss_gives_one_report_per_item_with_clean_text()
    {
        var reports = FormatReader.Read(IngestTestData.Input("rss.xml"), Defaults);
        Assert.Equal(2, reports.Count);
        Assert.Equal("Bakery chain opens 20 stores", reports[0].Title);
        Assert.Equal("A bakery chain opened 20 stores in one day.", reports[0].Text);
        Assert.Equal(["Image via Shutterstock"], reports[0].RemovedBoilerplate);
        Assert.Equal("wire-business-1", reports[0].Guid);
        Assert.Equal("https://wire.example.org/business/1", reports[0].Url);
        Assert.Equal("Example Wire: Business", reports[0].Source);
        Assert.Equal("en-us", reports[0].Language);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 4, 0, 0, TimeSpan.Zero), reports[0].Published);
        Assert.Equal(new DateTimeOffset(2025, 6, 11, 13, 30, 0, TimeSpan.Zero), reports[1].Published);
    }

    [Fact]
    public void Atom_reads_content_summary_and_updated_or_published_dates()
    {
        var reports = FormatReader.Read(IngestTestData.Input("atom.xml"), Defaults);
        Assert.Equal(2, reports.Count);
        Assert.Equal("Telescope finds water vapour on distant planet", reports[0].Title);
        Assert.Equal("Astronomers reported water vapour in the atmosphere of a planet 120 light years away.", reports[0].Text);
        Assert.Equal(new DateTimeOffset(2025, 6, 12, 10, 0, 0, TimeSpan.Zero), reports[0].Published);
        Assert.Equal("urn:example:science:1", reports[0].Guid);
        Assert.Equal("https://wire.example.org/science/1", reports[0].Url);
        Assert.Equal("The seed vault received 5,000 samples from 12 countries.", reports[1].Text);
        Assert.Equal(new DateTimeOffset(2025, 6, 11, 6, 15, 0, TimeSpan.Zero), reports[1].Published);
    }

    [Fact]
    public void Json_feed_items_without_title_or_readable_date_still_come_through()
    {
        var reports = FormatReader.Read(IngestTestData.Input("feed.json"), Defaults);
        Assert.Equal(2, reports.Count);
        Assert.Equal("Marathon record falls in rain", reports[0].Title);
        Assert.Equal("The course record fell by 40 seconds despite heavy rain.", reports[0].Text);
        Assert.Equal("(Photo by A. Example/Example Images)", reports[0].ImageCredit);
        Assert.Equal(new DateTimeOffset(2025, 4, 27, 12, 20, 0, TimeSpan.Zero), reports[0].Published);
        Assert.Equal("The club confirmed its coach will stay for two more seasons", reports[1].Title);
        Assert.Null(reports[1].Published);
        Assert.Equal("sport-2", reports[1].Guid);
    }

    [Fact]
    public void Rss_items_lacking_titles_or_dates_never_fail_the_feed()
    {
        var reports = FormatReader.Read(IngestTestData.Input("Hostile/feed-without-titles-or-dates.xml"), Defaults);
        Assert.Equal(["untidy-1", "untidy-2", "untidy-3"], reports.Select(r => r.Guid));
        Assert.Equal("Rail operators announced a new timetable for the summer season", reports[0].Title);
        Assert.Null(reports[0].Published);
        Assert.Null(reports[1].Published);
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 12, 0, 0, TimeSpan.Zero), reports[2].Published);
    }

    [Fact]
    public void Malformed_html_is_read_leniently_like_a_browser_would()
    {
        var report = ReadOne("Hostile/malformed.html");
        Assert.Equal("Ferry strike ends", report.Title);
        Assert.Contains("The ferry workers' strike ended on Sunday after the union accepted a 4 percent pay rise.", report.Text, StringComparison.Ordinal);
        Assert.Contains("Services will resume on Monday morning, the operator said.", report.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_type_charset_is_used_for_decoding()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding("windows-1252")!.GetBytes("Headline\n\nPrices \u201Cjumped\u201D to \u20AC9.");
        var report = Assert.Single(FormatReader.Read(new RawInput("https://news.example.org/a.txt", bytes, "text/plain; charset=windows-1252"), Defaults));
        Assert.Equal("Prices “jumped” to €9.", report.Text);
        Assert.Equal("https://news.example.org/a.txt", report.Url);
    }

    [Fact]
    public void A_feed_in_windows_1252_named_by_its_xml_declaration_is_decoded_from_it()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>Wire</title>" +
            "<item><title>Fares rise to \u20AC3</title><description>Operators said the \u201Cmodest\u201D rise was needed.</description></item></channel></rss>";
        var report = Assert.Single(FormatReader.Read(new RawInput("feed.xml", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(xml)), Defaults));
        Assert.Equal("Fares rise to €3", report.Title);
        Assert.Equal("Operators said the “modest” rise was needed.", report.Text);
    }

    [Fact]
    public void A_text_file_that_starts_with_an_angle_bracket_is_still_text()
    {
        var report = Assert.Single(FormatReader.Read(new RawInput("note.txt", Encoding.UTF8.GetBytes("<<Urgent>> Roads closed\n\nThe coast road is closed after a landslide.")), Defaults));
        Assert.Equal("<<Urgent>> Roads closed", report.Title);
        Assert.Equal("The coast road is closed after a landslide.", report.Text);
    }

    [Fact]
    public void Utf16_without_a_bom_is_read_when_the_charset_is_declared()
    {
        var bytes = Encoding.Unicode.GetBytes("Headline\n\nBody text in UTF-16.");
        var report = Assert.Single(FormatReader.Read(new RawInput("https://news.example.org/a", bytes, "text/plain; charset=utf-16le"), Defaults));
        Assert.Equal("Body text in UTF-16.", report.Text);
    }

    [Theory]
    [InlineData("report.txt", InputFormat.PlainText)]
    [InlineData("report.md", InputFormat.Markdown)]
    [InlineData("harbour-article.html", InputFormat.Html)]
    [InlineData("corpus-shape.json", InputFormat.CorpusJson)]
    [InlineData("ninjs-2.json", InputFormat.Ninjs)]
    [InlineData("ninjs-3.json", InputFormat.Ninjs)]
    [InlineData("rss.xml", InputFormat.Rss)]
    [InlineData("atom.xml", InputFormat.Atom)]
    [InlineData("feed.json", InputFormat.JsonFeed)]
    public void Recognises_the_format_from_the_content(string name, InputFormat expected)
    {
        // The origin carries no extension, so only the content can tell.
        var input = IngestTestData.Input(name) with { Origin = "https://news.example.org/item" };
        var (format, reports) = FormatReader.ReadWithFormat(input, Defaults);
        Assert.Equal(expected, format);
        Assert.NotEmpty(reports);
        Assert.Equal(expected is InputFormat.Rss or InputFormat.Atom or InputFormat.JsonFeed, format.IsFeed());
    }
}
