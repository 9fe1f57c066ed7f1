using System.Text;

namespace Wiredesk.Storage;

/// <summary>Turns what a reader typed into an FTS5 query that cannot be a syntax error: the words (runs of letters
/// and digits, as the unicode61 tokenizer sees them) each quoted, all required. Operators a reader types ("AND",
/// "NEAR(", "*", quotes, column filters) become plain words or disappear, so no input reaches FTS5 as syntax.</summary>
public static class FullTextQuery
{
    public const int MaxTerms = 12;

    /// <summary>The FTS5 query, or null when the text has no word to search for.</summary>
    public static string? From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Length > 500 ? text[..500] : text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            Flush(word, terms);
        }

        Flush(word, terms);
        return terms.Count == 0 ? null : string.Join(' ', terms.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).Select(t => $"\"{t}\""));
    }

    private static void Flush(StringBuilder word, List<string> terms)
    {
        if (word.Length > 0)
        {
            terms.Add(word.ToString());
            word.Clear();
        }
    }
}

/// <summary>Text with the search terms marked, as FTS5's highlight() and snippet() return it between
/// <see cref="Open"/> and <see cref="Close"/>. The marks are control characters no stored text contains (the index
/// strips them), and the parts are plain text: a page escapes each part and wraps the marked ones itself.</summary>
public sealed record MarkedText(IReadOnlyList<MarkedText.Part> Parts)
{
    public const char Open = '\u0002';
    public const char Close = '\u0003';

    public sealed record Part(string Text, bool Marked);

    public string Plain => string.Concat(Parts.Select(p => p.Text));

    public static MarkedText Parse(string? marked)
    {
        var parts = new List<Part>();
        var inside = false;
        var start = 0;
        marked ??= "";
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] != Open && marked[i] != Close)
            {
                continue;
            }

            if (i > start)
            {
                parts.Add(new Part(marked[start..i], inside));
            }

            if (i < marked.Length)
            {
                inside = marked[i] == Open;
            }

            start = i + 1;
        }

        return new MarkedText(parts);
    }

    /// <summary>Removes the mark characters from text about to be indexed.</summary>
    public static string Strip(string text) =>
        text.Contains(Open, StringComparison.Ordinal) || text.Contains(Close, StringComparison.Ordinal)
            ? text.Replace(Open.ToString(), "", StringComparison.Ordinal).Replace(Close.ToString(), "", StringComparison.Ordinal)
            : text;
}
