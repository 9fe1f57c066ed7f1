using System.Text.RegularExpressions;
using Wiredesk.Ingest.Cleaning;

namespace Wiredesk.Ingest.Formats;

/// <summary>The last step every reader shares: clean the body, drop repeats of the headline, and give the report a
/// title when the input has none.</summary>
internal static partial class ReportAssembly
{
    private const int MaxDerivedTitleLength = 120;

    /// <summary>Cleans <paramref name="body"/> and fills Title, Text and RemovedBoilerplate of the template. For a feed
    /// item, a headline with no text is a report whose text is its headline; returns null when there is neither.</summary>
    public static ParsedReport? Assemble(ParsedReport template, string? title, string body) => Assemble(template, title, body, headlineMayStandInForText: true);

    /// <summary>Same as <see cref="Assemble(ParsedReport, string?, string)"/> for inputs that hold one report: no text is an error.</summary>
    public static ParsedReport AssembleSingle(ParsedReport template, string? title, string body) => AssembleSingle(template, title, body, 0);

    /// <summary>Same as <see cref="AssembleSingle(ParsedReport, string?, string)"/> with the body the part of
    /// <paramref name="input"/> from <paramref name="bodyStart"/> on, so the reader need not copy it out.</summary>
    public static ParsedReport AssembleSingle(ParsedReport template, string? title, string input, int bodyStart) =>
        Assemble(template, title, input, bodyStart, headlineMayStandInForText: false) ?? throw new InputRejectedException("has no text left once page furniture is removed");

    private static ParsedReport? Assemble(ParsedReport template, string? title, string body, bool headlineMayStandInForText) =>
        Assemble(template, title, body, 0, headlineMayStandInForText);

    private static ParsedReport? Assemble(ParsedReport template, string? title, string input, int bodyStart, bool headlineMayStandInForText)
    {
        var (kept, removedLines) = BoilerplateCleaner.CleanParagraphs(input, bodyStart);
        var cleanTitle = string.IsNullOrWhiteSpace(title) ? null : BoilerplateCleaner.NormaliseWhitespace(title);
        if (cleanTitle is not null)
        {
            RemoveHeadlineRepeats(kept, cleanTitle, removedLines);
        }

        // Paragraphs are never empty and hold no line break, so this is the text the cleaner alone would give with
        // the headline repeats taken out.
        var text = string.Join("\n\n", kept);

        if (text.Length == 0)
        {
            if (cleanTitle is null || !headlineMayStandInForText)
            {
                return null;
            }

            // A feed item with a headline and nothing else is still a report; its headline is its text.
            text = cleanTitle;
        }

        return template with
        {
            Title = cleanTitle ?? TitleFromText(text),
            Text = text,
            RemovedBoilerplate = removedLines,
            ImageCredit = template.ImageCredit ?? removedLines.FirstOrDefault(BoilerplateCleaner.IsImageCredit),
        };
    }

    /// <summary>The first sentence of the text, cut at a word boundary when long.</summary>
    public static string TitleFromText(string text)
    {
        var firstParagraph = text.Split("\n\n", 2)[0];
        var match = FirstSentence().Match(firstParagraph);
        var sentence = (match.Success ? match.Value : firstParagraph).Trim();
        if (sentence.Length <= MaxDerivedTitleLength)
        {
            return sentence.TrimEnd('.');
        }

        var cut = sentence.LastIndexOf(' ', MaxDerivedTitleLength);
        return string.Concat(sentence.AsSpan(0, cut > 40 ? cut : MaxDerivedTitleLength).TrimEnd(" ,;:".AsSpan()), "…");
    }

    private static void RemoveHeadlineRepeats(List<string> kept, string title, List<string> removed)
    {
        var key = Comparable(title);
        var k = 0;
        for (var i = 0; i < kept.Count; i++)
        {
            var paragraph = kept[i];
            if (paragraph.Length <= title.Length + 2 && Comparable(paragraph) == key)
            {
                removed.Add(paragraph);
            }
            else
            {
                kept[k++] = paragraph;
            }
        }

        kept.RemoveRange(k, kept.Count - k);
    }

    private static string Comparable(string line) => line.Trim().TrimEnd('.', ':').ToUpperInvariant();

    [GeneratedRegex(@"^.+?[.!?](?=\s+[\p{Lu}“""']|$)")]
    private static partial Regex FirstSentence();
}
