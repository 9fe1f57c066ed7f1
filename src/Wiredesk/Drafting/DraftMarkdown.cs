using System.Globalization;
using System.Text;

namespace Wiredesk.Drafting;

/// <summary>A draft in the house style as Markdown: headline, lede, the bold inline labels "**What Happened:**" and
/// "**Why It Matters:**", the closing line, the source list and the disclaimer. A quote sentence gets a paragraph
/// of its own, as in the published example.</summary>
public static class DraftMarkdown
{
    /// <summary>The closing line of every machine draft; the editor's name is added on approval.</summary>
    public const string ClosingLine = "This story was generated using Wiredesk.";

    /// <summary>The closing line of a draft an editor approved.</summary>
    public static string EditedClosingLine(string editorName) => $"This story was generated using Wiredesk and edited by {editorName}.";

    public const string Disclaimer = "Wiredesk does not provide investment advice. This story is for information only and is not a recommendation to buy or sell any security.";

    public static string Render(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var md = new StringBuilder();
        md.Append("# ").Append(draft.Headline).Append("\n\n");
        foreach (var section in draft.Sections)
        {
            if (section.Sentences.Count == 0)
            {
                continue;
            }

            var label = section.Title == DraftWriter.LedeTitle ? "" : $"**{section.Title}:** ";
            foreach (var paragraph in Paragraphs(section.Sentences))
            {
                md.Append(label).Append(string.Join(' ', paragraph.Select(s => s.Text))).Append("\n\n");
                label = "";
            }
        }

        md.Append(draft.ClosingLine ?? ClosingLine).Append("\n\n");
        if (draft.Sources.Count > 0)
        {
            md.Append("**Sources:**\n\n");
            foreach (var source in draft.Sources)
            {
                md.Append("- ").Append(SourceLine(source)).Append('\n');
            }

            md.Append('\n');
        }

        md.Append('*').Append(Disclaimer).Append("*\n");
        return md.ToString();
    }

    private static List<List<DraftSentence>> Paragraphs(IReadOnlyList<DraftSentence> sentences)
    {
        var paragraphs = new List<List<DraftSentence>>();
        var current = new List<DraftSentence>();
        var kind = "";
        foreach (var s in sentences)
        {
            // Quotes stand alone; knowledge-base sentences (market relevance) form a paragraph of their own.
            var next = SentenceRewriter.HasQuote(s.Text) ? "quote" + paragraphs.Count : s.Facts.Count > 0 && s.Sources.Count == 0 ? "facts" : "text";
            if (current.Count > 0 && (next != kind || next.StartsWith("quote", StringComparison.Ordinal)))
            {
                paragraphs.Add(current);
                current = [];
            }

            current.Add(s);
            kind = next;
        }

        if (current.Count > 0)
        {
            paragraphs.Add(current);
        }

        return paragraphs;
    }

    private static string SourceLine(DraftSource source)
    {
        var title = string.IsNullOrWhiteSpace(source.Title) ? source.Report : source.Title;
        var line = source.Url is null ? title : $"[{title}]({source.Url})";
        var parts = new List<string> { line };
        if (!string.IsNullOrWhiteSpace(source.Source))
        {
            parts.Add(source.Source);
        }

        if (source.Published is { } p)
        {
            parts.Add(p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        parts.Add($"report {source.Report}");
        return string.Join(" — ", parts);
    }
}
