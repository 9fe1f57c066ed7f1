using System.Text;
using System.Text.Encodings.Web;
using Wiredesk.Drafting;

namespace Wiredesk.Publishing;

/// <summary>The part of a live story's page that only the published version decides: inside
/// <c>&lt;article class="story"&gt;</c>, from the headline to the version history, before the comments. Rendered once
/// when a version is published and stored with it (ArticleStore), so a story page costs a read, not a render.
/// <para>The markup is exactly what the reader site's Razor story page wrote before (golden files in the tests keep
/// it so, byte for byte): literal markup as written, every value HTML-encoded with <see cref="HtmlEncoder.Default"/>
/// as Razor encodes it (hostile markup in a headline, sentence, name or address shows as text), and whitespace where
/// Razor's whitespace rules left it.</para></summary>
public static class StoryPageBody
{
    /// <summary>The credit line editorial ends every story with; shown apart from the story's last paragraph.</summary>
    public const string CreditStart = "This story was generated using Wiredesk";

    private const string Indent4 = "\n                ";
    private const string Indent5 = "\n                    ";
    private const string Indent7 = "\n                            ";

    public static string Render(Article article, IReadOnlyList<ArticleVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(versions);
        var html = new StringBuilder(4096);
        Head(html, article);
        if (article.CorrectionNote is { } note)
        {
            html.Append("<aside class=\"correction\" role=\"note\"><strong>Correction</strong>").Append(Indent5)
                .Append("<span>").Text(note).Append("</span>").Append(Indent5)
                .Time(article.UpdatedAt).Append("</aside>");
        }

        if (article.ImageUrl is { } image)
        {
            html.Append("<figure class=\"lead-image\"><img src=\"").Text(image).Append("\" alt referrerpolicy=\"no-referrer\" />");
            if (!string.IsNullOrWhiteSpace(article.ImageCredit))
            {
                html.Append("<figcaption>").Text(article.ImageCredit).Append("</figcaption>");
            }

            html.Append("</figure>");
        }

        Body(html, article.Draft);
        About(html, article);
        Sources(html, article.Draft.Sources);
        html.Append("<p class=\"disclaimer\">").Append(Indent4)
            .Append("This story was drafted by software from the wire reports listed above, each sentence checked against them,").Append(Indent4)
            .Append("and edited by a Wiredesk editor before publication. Quotations belong to their speakers and sources.").Append(Indent4)
            .Append("Nothing here is investment advice. <a href=\"/rights\">Rights and sources</a>.\n            </p>");
        History(html, versions);
        return html.ToString();
    }

    /// <summary>Whether a sentence is the credit line (an older or hand-made draft carries it as its last sentence).</summary>
    public static bool IsCredit(string text) => text.StartsWith(CreditStart, StringComparison.Ordinal);

    /// <summary>The credit line: the draft's closing line, else a credit sentence, else the machine's closing line.</summary>
    public static string Credit(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.ClosingLine
            ?? draft.Sections.SelectMany(s => s.Sentences).Select(s => s.Text).LastOrDefault(IsCredit)
            ?? DraftMarkdown.ClosingLine;
    }

    /// <summary>HTML-encodes a value as the reader site's Razor pages do.</summary>
    public static string Encode(string? value) => string.IsNullOrEmpty(value) ? "" : HtmlEncoder.Default.Encode(value);

    private static void Head(StringBuilder html, Article article)
    {
        html.Append("<header class=\"story-head\">");
        if (article.TagsOf(TagKinds.Topic).FirstOrDefault() is { } kicker)
        {
            html.Append("<p class=\"kicker\">").Tag(kicker).Append("</p>");
        }

        html.Append("<h1>").Text(article.Headline).Append("</h1>").Append(Indent4)
            .Append("<p class=\"byline\">By <strong>Wiredesk</strong> · Edited by <strong>").Text(article.EditorName).Append("</strong></p>").Append(Indent4)
            .Append("<p class=\"dateline\">").Time(article.FirstPublishedAt);
        if (article.Version > 1)
        {
            html.Append("<span> · Updated ").Time(article.UpdatedAt).Append("</span>");
        }

        html.Append("</p>");
        var tickers = article.TagsOf(TagKinds.Ticker).ToList();
        if (tickers.Count > 0)
        {
            html.Append("<p class=\"tickers\">");
            foreach (var ticker in tickers)
            {
                html.Tag(ticker);
            }

            html.Append("</p>");
        }

        html.Append("</header>");
    }

    private static void Body(StringBuilder html, Draft draft)
    {
        html.Append("<div class=\"story-body\">");
        foreach (var section in draft.Sections)
        {
            var sentences = section.Sentences.Where(s => !IsCredit(s.Text)).ToList();
            if (sentences.Count == 0)
            {
                continue;
            }

            html.Append("<section>");
            // The lede opens the story under the headline; only the named sections get a heading.
            if (!string.IsNullOrWhiteSpace(section.Title) && section.Title != DraftWriter.LedeTitle)
            {
                html.Append("<h2>").Text(section.Title).Append("</h2>");
            }

            html.Append("<p>").Text(string.Join(" ", sentences.Select(s => s.Text))).Append("</p></section>");
        }

        html.Append("<p class=\"credit\">").Text(Credit(draft)).Append("</p></div>");
    }

    private static void About(StringBuilder html, Article article)
    {
        var about = new[] { (TagKinds.Topic, "Topics"), (TagKinds.Company, "Companies"), (TagKinds.Person, "People"), (TagKinds.Country, "Countries") }
            .Select(k => (Heading: k.Item2, Tags: article.TagsOf(k.Item1).ToList()))
            .Where(k => k.Tags.Count > 0)
            .ToList();
        if (about.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"about\"><h2>In this story</h2>").Append(Indent5).Append("<dl>");
        foreach (var (heading, tags) in about)
        {
            html.Append("<dt>").Text(heading).Append("</dt>").Append(Indent7).Append("<dd>");
            foreach (var tag in tags)
            {
                html.Tag(tag);
            }

            html.Append("</dd>");
        }

        html.Append("</dl></section>");
    }

    private static void Sources(StringBuilder html, IReadOnlyList<DraftSource> sources)
    {
        if (sources.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"sources\"><h2>Sources</h2>").Append(Indent5).Append("<ol>");
        foreach (var source in sources)
        {
            html.Append("<li>");
            if (IsWebUrl(source.Url))
            {
                html.Append("<a href=\"").Text(source.Url).Append("\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">").Text(source.Title ?? source.Url).Append("</a>");
            }
            else
            {
                html.Append("<span>").Text(source.Title ?? $"Report {source.Report}").Append("</span>");
            }

            var meta = string.Join(" · ", new[] { source.Source, source.Published is { } p ? PageDates.Long(p) : null }.Where(x => !string.IsNullOrWhiteSpace(x)));
            html.Append("<span class=\"source-meta\">").Text(meta).Append("</span></li>");
        }

        html.Append("</ol></section>");
    }

    private static void History(StringBuilder html, IReadOnlyList<ArticleVersion> versions)
    {
        if (versions.Count <= 1)
        {
            return;
        }

        html.Append("<details class=\"history\"><summary>Version history (").Text(versions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(" versions)</summary>").Append(Indent5).Append("<ol>");
        foreach (var version in versions)
        {
            html.Append("<li>").Time(version.PublishedAt).Append(" — “").Text(version.Headline).Append("”, edited by ").Text(version.EditorName);
            if (version.CorrectionNote is { } correction)
            {
                html.Append("<span class=\"correction-text\">Correction: ").Text(correction).Append("</span>");
            }

            html.Append("</li>");
        }

        html.Append("</ol></details>");
    }

    /// <summary>Only http(s) links reach a page: a javascript: URL from a hostile report never becomes an href.</summary>
    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static StringBuilder Text(this StringBuilder html, string? value) => html.Append(Encode(value));

    private static StringBuilder Time(this StringBuilder html, DateTimeOffset at) =>
        html.Append("<time datetime=\"").Text(PageDates.Iso(at)).Append("\">").Text(PageDates.Long(at)).Append("</time>");

    /// <summary>A link to the stories about one ticker, company, person, country or topic.</summary>
    private static StringBuilder Tag(this StringBuilder html, ArticleTag tag) =>
        html.Append("<a class=\"").Text("tag tag-" + tag.Kind).Append("\" href=\"").Text("/" + Feeds.TagPath(tag)).Append("\">").Text(tag.Name).Append("</a>");
}
