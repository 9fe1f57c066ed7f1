using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using SmartReader;

namespace Wiredesk.Ingest.Formats;

/// <summary>An HTML page: SmartReader finds the main content (it drops navigation, asides and footers outside the
/// article); the cleaner then removes what sits inside it (credits, share lines, promos). When SmartReader finds no
/// article, the body text is used instead.</summary>
internal static class HtmlReader
{
    public static ParsedReport Read(string html, string origin)
    {
        var url = PlainTextReader.UrlOf(origin);
        var document = new HtmlParser().ParseDocument(html);
        var article = ExtractArticle(url, html);

        var body = article is { IsReadable: true } && !string.IsNullOrWhiteSpace(article.Content)
            ? HtmlText.FromFragment(article.Content)
            : BodyText(document);
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new InputRejectedException("is an HTML page with no readable text");
        }

        var title = FirstNonEmpty(article?.Title, document.Title, document.QuerySelector("h1")?.TextContent);
        var template = new ParsedReport
        {
            Title = "",
            Text = "",
            Url = Meta(document, "og:url") ?? url,
            Source = FirstNonEmpty(article?.SiteName, Meta(document, "og:site_name")),
            Published = FeedDates.Parse(Meta(document, "article:published_time"))
                ?? (article?.PublicationDate is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)) : null),
            Language = LanguageOf(document, article),
            ImageUrl = ImageUrl(document, article, url),
            ImageCredit = ImageCredit(document),
        };
        return ReportAssembly.AssembleSingle(template, title, body);
    }

    private static Article? ExtractArticle(string? url, string html)
    {
        // Always hand SmartReader the HTML: its URL-only constructor would fetch the page itself, past our safe client.
        var reader = new Reader(url ?? "https://localhost/", html);
        try
        {
            return reader.GetArticle();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // SmartReader gives up on some malformed pages; the plain body text is then the fallback.
            return null;
        }
    }

    private static string BodyText(IHtmlDocument document)
    {
        if (document.Body is null)
        {
            return "";
        }

        foreach (var furniture in document.Body.QuerySelectorAll("nav, header, footer, aside").ToList())
        {
            furniture.Remove();
        }

        return HtmlText.FromElement(document.Body);
    }

    private static string? ImageUrl(IHtmlDocument document, Article? article, string? url)
    {
        // Without a page URL SmartReader resolves images against a placeholder host, so its guess is only used with one.
        var candidate = FirstNonEmpty(Meta(document, "og:image"), url is null ? null : article?.FeaturedImage, document.QuerySelector("article img, figure img")?.GetAttribute("src"));
        if (candidate is null)
        {
            return null;
        }

        if (Uri.TryCreate(candidate, UriKind.Absolute, out var absolute))
        {
            return absolute.ToString();
        }

        return url is not null && Uri.TryCreate(new Uri(url), candidate, out var resolved) ? resolved.ToString() : null;
    }

    /// <summary>The lead image's credit: the first figure caption or credit element that reads like one.</summary>
    private static string? ImageCredit(IHtmlDocument document)
    {
        foreach (var element in document.QuerySelectorAll("figcaption, .credit, .image-credit, .photo-credit, [class*='credit']"))
        {
            var text = Cleaning.BoilerplateCleaner.NormaliseWhitespace(element.TextContent);
            if (text.Length > 0 && Cleaning.BoilerplateCleaner.IsImageCredit(text))
            {
                return text;
            }
        }

        return null;
    }

    private static string LanguageOf(IHtmlDocument document, Article? article)
    {
        var declared = FirstNonEmpty(document.DocumentElement?.GetAttribute("lang"), article?.Language);
        return declared ?? "en";
    }

    private static string? Meta(IHtmlDocument document, string property) =>
        FirstNonEmpty(
            document.QuerySelector($"meta[property='{property}']")?.GetAttribute("content"),
            document.QuerySelector($"meta[name='{property}']")?.GetAttribute("content"));

    private static string? FirstNonEmpty(params string?[] values) =>
        values.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
