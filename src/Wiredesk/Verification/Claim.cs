using Wiredesk.Analysis;

namespace Wiredesk.Verification;

/// <summary>The sentence under verification: its words, what the analyzer finds in it, and its quoted passages.</summary>
public sealed class Claim
{
    internal Claim(string text, Word[] words, ReportAnalysis analysis)
    {
        Text = text;
        Words = words;
        Analysis = analysis;
        Quoted = QuoteText.FindQuoted(text);
        _attribution = AttributionZone(words);
        _numberOrDate = [.. words.Select(InNumberOrDate)];
    }

    private readonly bool[] _numberOrDate;

    private const int AttributionReach = 4;
    private readonly bool[] _attribution;

    public string Text { get; }
    public Word[] Words { get; }
    /// <summary>The claim's entities, quotes, numbers and dates (<see cref="Analyzer.ReadClaim"/>); its sentences
    /// and topics are left empty.</summary>
    public ReportAnalysis Analysis { get; }
    public IReadOnlyList<(int Start, int End)> Quoted { get; }

    /// <summary>True when the word is the numeric part of a number ("1.2", "billion", "percent", "$") or lies inside
    /// a date the analyzer found: those checks own it. A counted noun ("long-range missiles") stays content.</summary>
    public bool IsInNumberOrDate(Word word)
    {
        var i = IndexOf(word);
        return i >= 0 ? _numberOrDate[i] : InNumberOrDate(word);
    }

    /// <summary>The word's position in <see cref="Words"/> (words are in text order), or -1.</summary>
    public int IndexOf(Word word)
    {
        int lo = 0, hi = Words.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Words[mid].Start < word.Start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        // Contractions give two words one start ("didn't" → did, not): step to the one asked for.
        for (var i = lo; i < Words.Length && Words[i].Start == word.Start; i++)
        {
            if (Words[i] == word)
            {
                return i;
            }
        }

        return -1;
    }

    private bool InNumberOrDate(Word word)
    {
        // Asked for every word of the claim: index loops, not the list interface's enumerators (one allocation each).
        var numbers = Analysis.Numbers;
        for (var i = 0; i < numbers.Count; i++)
        {
            var n = numbers[i];
            if (word.Start >= n.Start && word.End <= n.End && (word.Is(WordKinds.Number) || Lexicon.NumberWords.Contains(word.Key)))
            {
                return true;
            }
        }

        var dates = Analysis.Dates;
        for (var i = 0; i < dates.Count; i++)
        {
            var d = dates[i];
            if (word.Start >= d.Start && word.End <= d.End)
            {
                return true;
            }
        }

        return false;
    }

    public string TextOf(Word word) => Text[word.Start..word.End];

    /// <summary>True when the word stands near an attribution ("according to ...", "... said"): only there may
    /// the sentence name its source without the source's text naming it.</summary>
    public bool IsInAttribution(Word word)
    {
        var i = IndexOf(word);
        return i >= 0 && _attribution[i];
    }

    public bool IsInAttribution(int start, int end)
    {
        for (var i = 0; i < Words.Length; i++)
        {
            if (Words[i].Start >= start && Words[i].End <= end && !_attribution[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The words near each attribution word, and the run of name words (capitalised, numbers, "of",
    /// "the", "via") that follows "according to" or precedes "said".</summary>
    private static bool[] AttributionZone(Word[] words)
    {
        var zone = new bool[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (!words[i].Is(WordKinds.Attribution))
            {
                continue;
            }

            for (var j = Math.Max(0, i - AttributionReach); j < Math.Min(words.Length, i + AttributionReach + 1); j++)
            {
                zone[j] = true;
            }

            for (var j = i + 1; j < words.Length && IsNameWord(words[j]); j++)
            {
                zone[j] = true;
            }

            for (var j = i - 1; j >= 0 && IsNameWord(words[j]); j--)
            {
                zone[j] = true;
            }
        }

        return zone;
    }

    private static bool IsNameWord(Word w) => w.Is(WordKinds.Capitalized | WordKinds.Number | WordKinds.Function);
}
