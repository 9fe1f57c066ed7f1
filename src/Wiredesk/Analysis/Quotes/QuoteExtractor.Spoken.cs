using System.Collections.Frozen;
using Wiredesk.Analysis.Sentences;

namespace Wiredesk.Analysis.Quotes;

/// <summary>Cutting spoken text (a transcript turn) into quotes. Words a writer put between quote marks were
/// already cut for quoting and stay whole; a turn was not, so it is cut the way a reporter quoting it would:
/// sentence by sentence, before a false start ("and — and"), and a long sentence at the clauses it joins.</summary>
public static partial class QuoteExtractor
{
    /// <summary>A spoken sentence longer than this is quoted clause by clause; a shorter one quotes well whole.</summary>
    private const int LongSpokenSentenceWords = 30;

    /// <summary>Neither side of a clause cut may be shorter than this, so a cut never leaves a fragment.</summary>
    private const int MinClauseWords = 4;

    private static readonly FrozenSet<string> ClauseConjunctions = Set("and but so yet");

    /// <summary>A personal pronoun after ", and" opens a new main clause ("..., and I look forward to ...");
    /// "that" or "it" there more often continues the first clause.</summary>
    private static readonly FrozenSet<string> SubjectPronouns = Set("I we you he she they");

    /// <summary>The quotes of one paragraph of spoken text [from, to): its sentences, each cut at false starts
    /// and, when long, at its main clauses; trimmed, empty parts dropped.</summary>
    private static IEnumerable<(int Start, int End)> SpokenQuotes(string text, int from, int to)
    {
        foreach (var sentence in SentenceSplitter.Split(text[from..to]))
        {
            foreach (var (rs, re) in CutAtFalseStarts(text, from + sentence.Start, from + sentence.End))
            {
                foreach (var (cs, ce) in CutIntoClauses(text, rs, re))
                {
                    var (s, e) = Trim(text, cs, ce);
                    if (e > s)
                    {
                        yield return (s, e);
                    }
                }
            }
        }
    }

    /// <summary>A word repeated across a dash ("and — and that includes", "The – the alliance") is a speaker
    /// starting over: what came before stands as said, and the quote resumes at the repeated word.</summary>
    private static IEnumerable<(int Start, int End)> CutAtFalseStarts(string text, int from, int to)
    {
        var start = from;
        for (var d = from; d < to; d++)
        {
            if (text[d] is not ('—' or '–') || !(d + 1 < to && char.IsWhiteSpace(text[d + 1])))
            {
                continue;
            }

            var before = WordEndingAt(text, start, d);
            var after = WordStartingAt(text, d + 1, to);
            if (before is { } b && after is { } a && b.End - b.Start == a.End - a.Start
                && string.Compare(text, b.Start, text, a.Start, b.End - b.Start, StringComparison.OrdinalIgnoreCase) == 0)
            {
                yield return (start, b.Start);
                start = a.Start;
                d = a.End - 1;
            }
        }

        yield return (start, to);
    }

    /// <summary>A long sentence is cut before ", and we ...", ", but I ..." (a conjunction and a personal pronoun
    /// opening a new main clause); the conjunction belongs to neither quote.</summary>
    private static IEnumerable<(int Start, int End)> CutIntoClauses(string text, int from, int to)
    {
        if (WordCount(text, from, to) <= LongSpokenSentenceWords)
        {
            yield return (from, to);
            yield break;
        }

        var words = Words(text, from, to).ToList();
        var start = from;
        for (var i = 1; i + 1 < words.Count; i++)
        {
            var (conjunction, pronoun) = (words[i], words[i + 1]);
            if (ClauseConjunctions.Contains(text[conjunction.Start..conjunction.End])
                && SubjectPronouns.Contains(text[pronoun.Start..pronoun.End])
                && text.AsSpan(words[i - 1].End, conjunction.Start - words[i - 1].End).Trim() is ","
                && WordCount(text, start, conjunction.Start) >= MinClauseWords
                && WordCount(text, pronoun.Start, to) >= MinClauseWords)
            {
                yield return (start, words[i - 1].End);
                start = pronoun.Start;
            }
        }

        yield return (start, to);
    }

    /// <summary>The word (letters only) that ends right before the white space preceding <paramref name="pos"/>.</summary>
    private static (int Start, int End)? WordEndingAt(string text, int from, int pos)
    {
        var e = pos;
        while (e > from && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        var s = e;
        while (s > from && char.IsLetter(text[s - 1]))
        {
            s--;
        }

        return e > s ? (s, e) : null;
    }

    /// <summary>The word (letters only) that starts after the white space following <paramref name="pos"/>.</summary>
    private static (int Start, int End)? WordStartingAt(string text, int pos, int to)
    {
        var s = pos;
        while (s < to && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        var e = s;
        while (e < to && char.IsLetter(text[e]))
        {
            e++;
        }

        return e > s ? (s, e) : null;
    }

    /// <summary>Words separated by white space.</summary>
    private static int WordCount(string text, int from, int to)
    {
        var count = 0;
        var inWord = false;
        for (var k = from; k < to; k++)
        {
            var space = char.IsWhiteSpace(text[k]);
            count += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return count;
    }
}
