using System.Diagnostics;
using System.Text;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Formats;

namespace Wiredesk.Tests.Ingest.Formats;

/// <summary>Inputs built to fail (TestData/Hostile): each must be refused at once with a reason a person can act on.</summary>
public class HostileInputTests
{
    private static readonly Settings Defaults = new();

    [Theory]
    [InlineData("empty.txt", "is empty (0 bytes)")]
    [InlineData("whitespace-only.txt", "is empty (only whitespace)")]
    [InlineData("binary.bin", "looks like a binary file (it contains NUL bytes)")]
    [InlineData("invalid-utf8-binaryish.txt", "is not valid UTF-8 and not Windows-1252 text either")]
    [InlineData("malformed.xml", "is malformed XML: ")]
    [InlineData("malformed.json", "is malformed JSON: ")]
    [InlineData("xxe.xml", "DTDs are refused")]
    [InlineData("billion-laughs.xml", "DTDs are refused")]
    [InlineData("not-a-feed.xml", "is an XML document with root element <invoice>, not an RSS or Atom feed")]
    [InlineData("empty-html.html", "is an HTML page with no readable text")]
    public void Is_refused_with_a_clear_reason(string file, string expected)
    {
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(IngestTestData.Input(Path.Combine("Hostile", file)), Defaults));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Malformed_xml_names_the_parser_reason_and_position()
    {
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(IngestTestData.Input("Hostile/malformed.xml"), Defaults));
        Assert.Matches(@"Line \d+, position \d+", error.Message);
    }

    [Fact]
    public void An_entity_bomb_is_refused_without_expanding_it()
    {
        var input = IngestTestData.Input("Hostile/billion-laughs.xml");
        var clock = Stopwatch.StartNew();
        Assert.Throws<InputRejectedException>(() => FormatReader.Read(input, Defaults));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_DTD_hidden_after_a_comment_is_still_refused()
    {
        var xml = "<?xml version=\"1.0\"?><!-- harmless --><!DOCTYPE rss SYSTEM \"http://169.254.169.254/latest\"><rss version=\"2.0\"><channel><title>t</title></channel></rss>";
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(new RawInput("feed.xml", Encoding.UTF8.GetBytes(xml)), Defaults));
        Assert.Contains("DTDs are refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_doctype_quoted_inside_cdata_is_content_not_a_dtd()
    {
        var xml = "<rss version=\"2.0\"><channel><title>Wire</title><item><title>Page saved</title>" +
            "<description><![CDATA[<!DOCTYPE html><html><body><p>The saved page text.</p></body></html>]]></description></item></channel></rss>";
        var report = Assert.Single(FormatReader.Read(new RawInput("feed.xml", Encoding.UTF8.GetBytes(xml)), Defaults));
        Assert.Equal("The saved page text.", report.Text);
    }

    /// <summary>50 MB of NUL bytes: if the size check did not come first, the decoder would call it binary instead.</summary>
    [Fact]
    public void A_50_MB_input_is_refused_over_the_size_limit_before_it_is_parsed()
    {
        var bytes = new byte[50 * 1024 * 1024];
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(new RawInput("huge.txt", bytes), Defaults));
        Assert.Equal("is 50 MB, over the size limit of 10 MB", error.Message);
    }

    [Fact]
    public void The_size_limit_is_configurable()
    {
        var bytes = Encoding.UTF8.GetBytes("Title\n\n" + new string('a', 2000));
        var small = new Settings { MaxInputBytes = 1024 };
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(new RawInput("a.txt", bytes), small));
        Assert.Equal("is 2 KB, over the size limit of 1 KB", error.Message);
        Assert.Single(FormatReader.Read(new RawInput("a.txt", bytes), Defaults));
    }

    [Fact]
    public void Json_that_is_no_known_report_shape_is_refused()
    {
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(new RawInput("x.json", Encoding.UTF8.GetBytes("{\"hello\": 1}")), Defaults));
        Assert.Equal("is JSON but neither a JSON Feed, an IPTC ninjs document nor a report with title and body", error.Message);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_not_a_stack_overflow()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(new RawInput("deep.json", Encoding.UTF8.GetBytes(json)), Defaults));
        Assert.StartsWith("is malformed JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_nothing_but_furniture_is_refused()
    {
        var error = Assert.Throws<InputRejectedException>(() => FormatReader.Read(new RawInput("x.txt", Encoding.UTF8.GetBytes("Comments\n\nShare\n\n© 2025 Example")), Defaults));
        Assert.Equal("has no text left once page furniture is removed", error.Message);
    }
}
