using System.Collections.Frozen;

namespace Wiredesk.Analysis.Quotes;

/// <summary>Direct and partial quotes with their speakers. Quote marks may be straight or curly and may
/// differ at the two ends; a quote may run over several sentences, be interrupted by its attribution
/// ("...," he said, "...") or continue into the next paragraph. Scare quotes and quoted names of documents
/// are not quotes. A transcript turn ("PRESIDENT BIDEN: ...") is quoted sentence by sentence (long sentences
/// clause by clause) as the labelled speaker's.
/// Stateless; safe to call from several threads.</summary>
public static partial class QuoteExtractor
{
    /// <summary>Quoted phrases this short, without a sentence of their own, are quotes only in a sentence that attributes speech.</summary>
    private const int ShortPhraseWords = 6;

    private const int AttributionWindow = 260;

    private static readonly FrozenSet<string> DocumentNouns = Set("agreement treaty accord accords pact act law bill plan strategy framework initiative declaration charter resolution statement report programme program deal convention protocol doctrine policy partnership operation campaign project package principles guidelines roadmap");

    private static readonly FrozenSet<string> SmallWords = Set("a an and as at but by for from in into of on or the to with vs via");

    private static readonly FrozenSet<string> AttributionWords = Set("said says say told tells added adds continued called calls described describes describing calling according warned warns insisted insists stated states noted notes wrote writes declared declares urged urges denounced denounces dubbed labelled labeled branded termed slammed praised accused condemned vowed pledged stressed asked argued claimed announced");

    private static readonly FrozenSet<string> Pronouns = Set("he she He She");

    private static FrozenSet<string> Set(string words) => words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<Quote> Extract(string text, IReadOnlyList<Entity> entities)
    {
        var mentions = MentionsByStart(entities);
        var quotes = new List<Quote>();
        Speaker? previous = null;
        var previousEnd = -1;
        foreach (var (open, start, end, close) in FindQuotedSpans(text))
        {
            var (s, e) = Trim(text, start, end);
            if (s >= e || !IsQuote(text, s, e, open, close))
            {
                continue;
            }

            var speaker = FindSpeaker(text, open, close, mentions);
            if (speaker is null && previous is not null && IsContinuation(text, previousEnd, open))
            {
                speaker = previous;
            }

            quotes.Add(new Quote(text[s..e], s, e, speaker));
            previous = speaker ?? previous;
            previousEnd = close;
        }

        AddTranscriptTurns(text, mentions, quotes);
        quotes.Sort((a, b) => a.Start.CompareTo(b.Start));
        return quotes;
    }

    private readonly record struct EntityMention(int Start, int End, Entity Entity);

    /// <summary>Every entity's mentions ordered by start, entities' order kept among equal starts (what a stable
    /// OrderBy gives): the start and the position in that order make one key per mention, all distinct, so the
    /// unstable array sort gives the same order without LINQ's buffers and copies.</summary>
    private static EntityMention[] MentionsByStart(IReadOnlyList<Entity> entities)
    {
        var count = 0;
        foreach (var e in entities)
        {
            count += e.Mentions.Count;
        }

        var mentions = new EntityMention[count];
        var keys = new long[count];
        var n = 0;
        foreach (var e in entities)
        {
            foreach (var m in e.Mentions)
            {
                keys[n] = ((long)m.Start << 32) | (uint)n;
                mentions[n++] = new EntityMention(m.Start, m.End, e);
            }
        }

        Array.Sort(keys, mentions);
        return mentions;
    }

    /// <summary>(opening mark, text start, text end, position after the closing mark).</summary>
    private static IEnumerable<(int Open, int Start, int End, int Close)> FindQuotedSpans(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var opens = c is '“' or '«' or '„' || c == '"' && (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '—' or '–' or '-') && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (!opens)
            {
                i++;
                continue;
            }

            var j = i + 1;
            var end = -1;
            var close = -1;
            while (j < text.Length)
            {
                var d = text[j];
                if (d is '”' or '»' || d == '"' && !(j + 1 < text.Length && char.IsLetterOrDigit(text[j + 1]) && char.IsWhiteSpace(text[j - 1])))
                {
                    end = j;
                    close = j + 1;
                    break;
                }

                if (d == '“' && j > i + 1 && char.IsWhiteSpace(text[j - 1]))
                {
                    // A new opening mark before any close: the first quote was never closed.
                    break;
                }

                if (d == '\n')
                {
                    // A paragraph ends inside the quote: the quote continues if the next paragraph opens with a
                    // quote mark (the wire convention); either way this part ends here.
                    break;
                }

                j++;
            }

            if (end < 0)
            {
                end = j;
                close = j;
            }

            yield return (i, i + 1, end, close);
            i = Math.Max(close, i + 1);
        }
    }

    private static (int Start, int End) Trim(string text, int s, int e)
    {
        while (s < e && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        while (e > s && (char.IsWhiteSpace(text[e - 1]) || text[e - 1] == ','))
        {
            e--;
        }

        return (s, e);
    }

    private static bool IsQuote(string text, int s, int e, int open, int close)
    {
        var words = 0;
        var capitalised = 0;
        var significant = 0;
        var sentence = false;
        string? lastWord = null;
        var k = s;
        while (k < e)
        {
            while (k < e && !char.IsLetterOrDigit(text[k]))
            {
                if (text[k] is '.' or '!' or '?' or ';' && k + 1 < e)
                {
                    sentence = true;
                }

                k++;
            }

            var ws = k;
            while (k < e && (char.IsLetterOrDigit(text[k]) || text[k] is '\'' or '’' or '-'))
            {
                k++;
            }

            if (k == ws)
            {
                break;
            }

            words++;
            lastWord = text[ws..k];
            if (!SmallWords.Contains(lastWord))
            {
                significant++;
                if (char.IsUpper(lastWord[0]))
                {
                    capitalised++;
                }
            }
        }

        if (words > ShortPhraseWords || sentence || text[e - 1] is '.' or '!' or '?' && words > 3)
        {
            return true;
        }

        // Short phrase: a name of a document or a scare quote unless the sentence attributes it to someone.
        if (significant > 0 && capitalised == significant || lastWord is not null && DocumentNouns.Contains(lastWord.ToLowerInvariant()))
        {
            return false;
        }

        var (from, to) = SentenceAround(text, open, close);
        return HasAttributionWord(text, from, to);
    }

    private static bool HasAttributionWord(string text, int from, int to)
    {
        var k = from;
        while (k < to)
        {
            while (k < to && !char.IsLetter(text[k]))
            {
                k++;
            }

            var ws = k;
            while (k < to && char.IsLetter(text[k]))
            {
                k++;
            }

            // "so-called" introduces a scare quote, not speech.
            if (k > ws && AttributionWords.Contains(text[ws..k]) && !(ws > 0 && text[ws - 1] == '-'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sentence holding a quote, approximately: back to the previous sentence end or line break, forward to the next.</summary>
    private static (int From, int To) SentenceAround(string text, int open, int close)
    {
        var from = open;
        while (from > 0 && open - from < AttributionWindow && text[from - 1] != '\n' && !IsSentenceEndBefore(text, from))
        {
            from--;
        }

        // A quote that closes its sentence ("... stage.” Next ...") has nothing after it in that sentence.
        if (IsSentenceEndBefore(text, close))
        {
            return (from, close);
        }

        var to = close;
        while (to < text.Length && to - close < AttributionWindow && text[to] != '\n' && !IsSentenceEndBefore(text, to + 1))
        {
            to++;
        }

        return (from, Math.Min(to + 1, text.Length));
    }

    /// <summary>True when the character before <paramref name="pos"/> ends a sentence: ". " after a word longer
    /// than an initial or abbreviation, or "! ", "? ".</summary>
    private static bool IsSentenceEndBefore(string text, int pos)
    {
        if (pos < 2 || pos >= text.Length || !char.IsWhiteSpace(text[pos]))
        {
            return false;
        }

        var c = text[pos - 1];
        if (c is '!' or '?')
        {
            return true;
        }

        if (c is '”' or '"')
        {
            return pos >= 2 && text[pos - 2] is '.' or '!' or '?';
        }

        if (c != '.')
        {
            return false;
        }

        var ws = pos - 1;
        while (ws > 0 && char.IsLetter(text[ws - 1]))
        {
            ws--;
        }

        var len = pos - 1 - ws;
        return len > 3 || len > 1 && char.IsLower(text[ws]) || len == 0;
    }
}
