using System.Globalization;
using System.Text;
using System.Xml;

namespace Wiredesk.Publishing;

/// <summary>What a feed is of: its title, the page it mirrors and its own address (both relative to the site).</summary>
public sealed record FeedInfo(string Title, string PagePath, string SelfPath);

/// <summary>RSS 2.0 and Atom 1.0 documents of live stories. XmlWriter escapes every text node and attribute, so a
/// headline with markup in it stays text. An entry's Atom <c>updated</c> is the story's last version (a correction
/// updates the entry); killed stories are never passed in (the store lists live stories only).</summary>
public static class Feeds
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static string Rss(FeedInfo feed, IReadOnlyList<Article> articles, Uri site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(articles);
        return Write(xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", Clean(feed.Title));
            xml.WriteElementString("link", Absolute(site, feed.PagePath));
            xml.WriteElementString("description", $"{Clean(feed.Title)}: stories drafted from wire reports, checked against their sources and edited by Wiredesk editors.");
            xml.WriteElementString("language", "en");
            xml.WriteElementString("lastBuildDate", Rfc1123(articles.Count > 0 ? articles.Max(a => a.UpdatedAt) : now));
            xml.WriteStartElement("atom", "link", AtomNamespace);
            xml.WriteAttributeString("href", Absolute(site, feed.SelfPath));
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            foreach (var article in articles)
            {
                var link = Absolute(site, article.Path);
                xml.WriteStartElement("item");
                xml.WriteElementString("title", Clean(article.Headline));
                xml.WriteElementString("link", link);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString(Absolute(site, $"stories/{article.StoryId}"));
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", Rfc1123(article.FirstPublishedAt));
                xml.WriteElementString("description", Clean(Summary(article)));
                foreach (var tag in article.Tags.Where(t => t.Kind is TagKinds.Ticker or TagKinds.Topic))
                {
                    xml.WriteStartElement("category");
                    xml.WriteAttributeString("domain", Absolute(site, TagPath(tag)));
                    xml.WriteString(Clean(tag.Name));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        });
    }

    public static string Atom(FeedInfo feed, IReadOnlyList<Article> articles, Uri site, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(articles);
        return Write(xml =>
        {
            xml.WriteStartElement("feed", AtomNamespace);
            xml.WriteElementString("id", AtomNamespace, Absolute(site, feed.SelfPath));
            xml.WriteElementString("title", AtomNamespace, Clean(feed.Title));
            xml.WriteElementString("updated", AtomNamespace, Iso(articles.Count > 0 ? articles.Max(a => a.UpdatedAt) : now));
            Link(xml, Absolute(site, feed.SelfPath), "self", "application/atom+xml");
            Link(xml, Absolute(site, feed.PagePath), "alternate", "text/html");
            xml.WriteStartElement("generator", AtomNamespace);
            xml.WriteString("Wiredesk");
            xml.WriteEndElement();
            foreach (var article in articles)
            {
                xml.WriteStartElement("entry", AtomNamespace);
                xml.WriteElementString("id", AtomNamespace, Absolute(site, $"stories/{article.StoryId}"));
                xml.WriteElementString("title", AtomNamespace, Clean(article.Headline));
                xml.WriteElementString("published", AtomNamespace, Iso(article.FirstPublishedAt));
                xml.WriteElementString("updated", AtomNamespace, Iso(article.UpdatedAt));
                Link(xml, Absolute(site, article.Path), "alternate", "text/html");
                xml.WriteStartElement("author", AtomNamespace);
                xml.WriteElementString("name", AtomNamespace, $"Wiredesk, edited by {Clean(article.EditorName)}");
                xml.WriteEndElement();
                foreach (var tag in article.Tags.Where(t => t.Kind is TagKinds.Ticker or TagKinds.Topic))
                {
                    xml.WriteStartElement("category", AtomNamespace);
                    xml.WriteAttributeString("term", Clean(tag.Key));
                    xml.WriteAttributeString("scheme", Absolute(site, $"?{tag.Kind}="));
                    xml.WriteAttributeString("label", Clean(tag.Name));
                    xml.WriteEndElement();
                }

                xml.WriteStartElement("summary", AtomNamespace);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Clean(Summary(article)));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        });
    }

    /// <summary>The site path of a tag's story list (a filter of the home page).</summary>
    public static string TagPath(ArticleTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return $"?{tag.Kind}={Uri.EscapeDataString(tag.Key)}";
    }

    /// <summary>A correction note first, then the first section ("What Happened") as one paragraph.</summary>
    public static string Summary(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var first = article.Draft.Sections.FirstOrDefault(s => s.Sentences.Count > 0);
        var text = first is null ? "" : string.Join(' ', first.Sentences.Select(s => s.Text));
        return article.CorrectionNote is { } note ? $"Correction: {note} {text}" : text;
    }

    /// <summary>Drops characters XML 1.0 cannot carry (control characters from a hostile report), which would
    /// otherwise make the writer throw and the whole feed fail.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text, i, 2);
                i++;
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
        }

        return clean.ToString();
    }

    private static void Link(XmlWriter xml, string href, string rel, string type)
    {
        xml.WriteStartElement("link", AtomNamespace);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static string Absolute(Uri site, string path) => new Uri(site, path.TrimStart('/')).ToString();

    private static string Rfc1123(DateTimeOffset at) => at.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Write(Action<XmlWriter> body)
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            body(xml);
        }

        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }
}
