using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Wiredesk.Ingest.Formats;

/// <summary>Plain paragraphs from HTML: every block element (p, li, h1–h6, blockquote, figcaption, td, div with
/// text of its own) becomes a paragraph, &lt;br&gt; starts a new line, scripts and forms are dropped.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "li", "ul", "ol", "dl", "dt", "dd",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th",
        "caption", "address", "hr", "details", "summary", "body", "html",
    };

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select", "textarea", "input",
        "object", "embed", "canvas", "head", "title", "meta", "link",
    };

    public static string FromFragment(string html)
    {
        var parser = new HtmlParser();
        var document = parser.ParseDocument("<!DOCTYPE html><html><body></body></html>");
        var nodes = parser.ParseFragment(html, document.Body!);
        var writer = new ParagraphWriter();
        foreach (var node in nodes)
        {
            Walk(node, writer);
        }

        return writer.ToString();
    }

    public static string FromElement(IElement element)
    {
        var writer = new ParagraphWriter();
        Walk(element, writer);
        return writer.ToString();
    }

    private static void Walk(INode node, ParagraphWriter writer)
    {
        switch (node)
        {
            case IText text:
                writer.Append(text.Data);
                break;
            case IElement element when Skipped.Contains(element.LocalName):
                break;
            case IElement { LocalName: "br" }:
                writer.Break();
                break;
            case IElement element:
                var block = Blocks.Contains(element.LocalName);
                if (block)
                {
                    writer.Break();
                }

                foreach (var child in element.ChildNodes)
                {
                    Walk(child, writer);
                }

                if (block)
                {
                    writer.Break();
                }

                break;
            default:
                break;
        }
    }

    private sealed class ParagraphWriter
    {
        private readonly List<string> _paragraphs = [];
        private readonly StringBuilder _current = new();

        public void Append(string text) => _current.Append(text);

        public void Break()
        {
            var paragraph = Cleaning.BoilerplateCleaner.NormaliseWhitespace(_current.ToString());
            if (paragraph.Length > 0)
            {
                _paragraphs.Add(paragraph);
            }

            _current.Clear();
        }

        public override string ToString()
        {
            Break();
            return string.Join("\n\n", _paragraphs);
        }
    }
}
