namespace Wiredesk.Analysis.Quotes;

public static partial class QuoteExtractor
{
    /// <summary>"PRESIDENT BIDEN: ..." opens a turn; its paragraphs, cut into sentences and clauses as a reporter
    /// would quote them (<see cref="SpokenQuotes"/>), are quotes of the labelled speaker.</summary>
    private static void AddTranscriptTurns(string text, EntityMention[] mentions, List<Quote> quotes)
    {
        Speaker? turn = null;
        var p = 0;
        while (p < text.Length)
        {
            var lineEnd = text.IndexOf('\n', p);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var bodyStart = p;
            var label = TranscriptLabel(text, p, lineEnd);
            if (label is { } l)
            {
                // Only a label naming a person opens a turn ("VIRIN:", "NOTE:" are field names).
                var person = FirstPersonIn(mentions, l.Start, l.End);
                turn = person is null ? null : new Speaker(person.Value.Entity.Id, text[l.Start..l.End], l.Start, l.End);
                bodyStart = l.End + 1;
            }

            if (turn is not null && lineEnd > bodyStart && text.AsSpan(bodyStart, lineEnd - bodyStart).IndexOfAny('“', '"') < 0)
            {
                foreach (var (s, e) in SpokenQuotes(text, bodyStart, lineEnd))
                {
                    quotes.Add(new Quote(text[s..e], s, e, turn));
                }
            }

            p = lineEnd + 1;
        }
    }

    /// <summary>A label in capitals at the start of a line, ending with a colon: "DEPUTY SECRETARY CAMPBELL:".</summary>
    private static (int Start, int End)? TranscriptLabel(string text, int lineStart, int lineEnd)
    {
        var k = lineStart;
        var letters = 0;
        while (k < lineEnd && k - lineStart < 80)
        {
            var c = text[k];
            if (c == ':')
            {
                return letters >= 2 ? (lineStart, k) : null;
            }

            if (char.IsLower(c) || char.IsDigit(c))
            {
                return null;
            }

            if (char.IsLetter(c))
            {
                letters++;
            }

            k++;
        }

        return null;
    }
}
