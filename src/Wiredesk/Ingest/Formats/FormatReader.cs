using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Wiredesk.Ingest.Formats;

/// <summary>The entry point from bytes to reports: refuse oversize input, decode, recognise the format from the
/// content (the file extension and Content-Type only break ties), and hand over to the reader for that format.</summary>
public static partial class FormatReader
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static IReadOnlyList<ParsedReport> Read(RawInput input, Settings settings) => ReadWithFormat(input, settings).Reports;

    /// <summary>Same as <see cref="Read"/>, and says which format the input was: a URL whose format is a feed is
    /// worth remembering as a polled source.</summary>
    public static (InputFormat Format, IReadOnlyList<ParsedReport> Reports) ReadWithFormat(RawInput input, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(settings);
        if (input.Bytes.LongLength > settings.MaxInputBytes)
        {
            throw new InputRejectedException($"is {Size(input.Bytes.LongLength)}, over the size limit of {Size(settings.MaxInputBytes)}");
        }

        var (mediaType, charset) = ParseContentType(input.ContentType);
        var text = TextDecoder.Decode(input.Bytes, charset);
        var extension = Extension(input.Origin);
        var start = text.TrimStart();

        if (start.StartsWith('{') || start.StartsWith('['))
        {
            return ReadJson(start);
        }

        if (start.StartsWith('<') && FirstMarkup().IsMatch(Head(start)) && extension is not (".txt" or ".text" or ".md" or ".markdown"))
        {
            return LooksLikeHtml(start, extension, mediaType) ? (InputFormat.Html, [HtmlReader.Read(text, input.Origin)]) : ReadXml(start);
        }

        if (extension is ".html" or ".htm" or ".xhtml" || mediaType is "text/html")
        {
            return (InputFormat.Html, [HtmlReader.Read(text, input.Origin)]);
        }

        return extension is ".md" or ".markdown" || mediaType is "text/markdown" || MayHaveMarkdownHeading(start) && MarkdownHeading().IsMatch(start)
            ? (InputFormat.Markdown, [MarkdownReader.Read(text, input.Origin)])
            : (InputFormat.PlainText, [PlainTextReader.Read(text, input.Origin)]);
    }

    private static (InputFormat, IReadOnlyList<ParsedReport>) ReadJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InputRejectedException($"is malformed JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (FeedReader.AcceptsJson(root))
            {
                return (InputFormat.JsonFeed, FeedReader.ReadJsonFeed(root));
            }

            if (NinjsReader.Accepts(root))
            {
                return (InputFormat.Ninjs, [NinjsReader.Read(root)]);
            }

            if (CorpusJsonReader.Accepts(root))
            {
                return (InputFormat.CorpusJson, [CorpusJsonReader.Read(root)]);
            }

            throw new InputRejectedException("is JSON but neither a JSON Feed, an IPTC ninjs document nor a report with title and body");
        }
    }

    private static (InputFormat, IReadOnlyList<ParsedReport>) ReadXml(string xml)
    {
        var (root, ns) = SafeXml.CheckAndGetRoot(xml);
        return root switch
        {
            "rss" or "RDF" => (InputFormat.Rss, FeedReader.ReadXml(xml)),
            "feed" when ns is "http://www.w3.org/2005/Atom" or "" => (InputFormat.Atom, FeedReader.ReadXml(xml)),
            _ => throw new InputRejectedException($"is an XML document with root element <{root}>, not an RSS or Atom feed"),
        };
    }

    /// <summary>HTML is recognised by its doctype or first element; XML declarations and comments are skipped first.
    /// An XHTML document goes to the HTML reader (whose parser never resolves entities).</summary>
    private static bool LooksLikeHtml(string start, string extension, string? mediaType)
    {
        var first = FirstMarkup().Match(Head(start));
        if (first.Success)
        {
            var name = first.Groups["name"].Value.ToLowerInvariant();
            if (name is "!doctype")
            {
                return HtmlDoctype().IsMatch(Head(start));
            }

            if (name is "html" or "head" or "body" or "meta" or "title" or "div" or "p" or "article" or "section" or "h1" or "link" or "script" or "style")
            {
                return true;
            }

            if (name is "rss" or "feed" or "rdf:rdf")
            {
                return false;
            }
        }

        return extension is ".html" or ".htm" or ".xhtml" || mediaType is "text/html" or "application/xhtml+xml";
    }

    /// <summary>Format sniffing looks at the first 4 KB only, so a huge input cannot make a pattern scan it all.</summary>
    private static string Head(string text) => text.Length > 4096 ? text[..4096] : text;

    private static (string? MediaType, string? Charset) ParseContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return (null, null);
        }

        return (parsed.MediaType?.ToLowerInvariant(), parsed.CharSet);
    }

    private static string Extension(string origin)
    {
        var path = Uri.TryCreate(origin, UriKind.Absolute, out var uri) && !uri.IsFile ? uri.AbsolutePath : origin;
        return Path.GetExtension(path).ToLowerInvariant();
    }

    internal static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024.0):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };

    /// <summary>What every match of <see cref="MarkdownHeading"/> contains: a "#", or a line starting with "=" or "-".
    /// Plain text has none of them most of the time, and a vectorised search rules it out without running the pattern
    /// over every line.</summary>
    private static bool MayHaveMarkdownHeading(ReadOnlySpan<char> text) =>
        text.Contains('#') || text.Contains("\n=", StringComparison.Ordinal) || text.Contains("\n-", StringComparison.Ordinal);

    [GeneratedRegex(@"^#{1,6}\s+\S|^\S.*\n(?:=+|-+)\s*\n", RegexOptions.Multiline)]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^(?:\s*(?:<\?[^>]*\?>|<!--.*?-->))*\s*<(?<name>!doctype|[a-zA-Z][\w:.-]*)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FirstMarkup();

    [GeneratedRegex(@"<!doctype\s+html", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlDoctype();
}
