using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Wiredesk.Ingest.Formats;

/// <summary>Markdown: the first heading (or the first line) is the title; every other block becomes a plain
/// paragraph with emphasis, links, images and code marks stripped (link text stays, image alt text goes).</summary>
internal static class MarkdownReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Build();

    public static ParsedReport Read(string text, string origin)
    {
        var document = Markdown.Parse(text, Pipeline);
        string? title = null;
        var paragraphs = new List<string>();
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is HeadingBlock heading && title is null)
            {
                title = InlineText(heading.Inline);
                continue;
            }

            var paragraph = block switch
            {
                CodeBlock code => string.Join("\n", code.Lines.Lines.Take(code.Lines.Count).Select(l => l.ToString())),
                _ => InlineText(block.Inline),
            };
            if (!string.IsNullOrWhiteSpace(paragraph))
            {
                paragraphs.Add(paragraph.Trim());
            }
        }

        var template = new ParsedReport { Title = "", Text = "", Url = PlainTextReader.UrlOf(origin) };
        if (title is null && paragraphs.Count > 1 && paragraphs[0].Length <= 200 && !paragraphs[0].Contains('\n', StringComparison.Ordinal))
        {
            title = paragraphs[0];
            paragraphs.RemoveAt(0);
        }

        return ReportAssembly.AssembleSingle(template, title, string.Join("\n\n", paragraphs));
    }

    private static string InlineText(ContainerInline? inline)
    {
        var builder = new StringBuilder();
        Append(inline, builder);
        return builder.ToString();
    }

    private static void Append(Inline? inline, StringBuilder builder)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                builder.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case LineBreakInline lineBreak:
                builder.Append(lineBreak.IsHard ? '\n' : ' ');
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.ToString());
                break;
            case LinkInline { IsImage: true }:
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, builder);
                }

                break;
            default:
                break;
        }
    }
}
