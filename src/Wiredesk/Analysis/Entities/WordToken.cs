using System.Buffers;
using System.Collections.Frozen;

namespace Wiredesk.Analysis.Entities;

/// <summary>A word of the text: letters and digits with inner hyphens and apostrophes, an initial or
/// abbreviation with its period ("J.", "U.S.", "Inc."), never a possessive "'s" or trailing punctuation.</summary>
internal readonly record struct WordToken(int Start, int End)
{
    public int Length => End - Start;
}

internal static class WordTokenizer
{
    private static readonly FrozenSet<string> Abbreviations = """
        Inc Ltd Corp Co Jr Sr Dr Mr Mrs Ms Prof St Mt Ft Gen Maj Lt Col Capt Cmdr Adm Sgt Cpl Pvt Brig Sen Rep Gov Rev Dep Sec
        No Jan Feb Ala Ark Del Ind Kan Ky La Miss Mo Mont Neb Nev Okla Ore Vt Wis Wyo Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Fla Calif Mass Ill Wash Va Md Pa Ariz Colo Conn Ga Mich Minn Tenn Tex
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC';

    public static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';

    public static WordTokens Tokenize(string text)
    {
        var tokens = new WordTokens(text.Length / 5);
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var segmentStart = i;
            var j = i;
            while (j < n)
            {
                var c = text[j];
                if (char.IsLetterOrDigit(c))
                {
                    j++;
                    continue;
                }

                var nextIsWord = j + 1 < n && char.IsLetterOrDigit(text[j + 1]);
                if (IsApostrophe(c) && nextIsWord)
                {
                    // A possessive 's (or a plural possessive) is not part of the word.
                    if (text[j + 1] is 's' or 'S' && (j + 2 >= n || !char.IsLetterOrDigit(text[j + 2])))
                    {
                        break;
                    }

                    j++;
                    segmentStart = j;
                    continue;
                }

                if (IsHyphen(c) && nextIsWord)
                {
                    j++;
                    segmentStart = j;
                    continue;
                }

                if (c == '.')
                {
                    // Initials and dotted abbreviations keep their periods: "J.", "U.S.", "D.C.".
                    if (j - segmentStart == 1 && char.IsLetter(text[segmentStart]))
                    {
                        j++;
                        if (j + 1 < n && char.IsLetter(text[j]) && (j + 1 >= n || !char.IsLetterOrDigit(text[j + 1])))
                        {
                            segmentStart = j;
                            continue;
                        }

                        break;
                    }

                    if (Abbreviations.Contains(text[segmentStart..j]) && segmentStart == start)
                    {
                        j++;
                    }

                    break;
                }

                break;
            }

            tokens.Add(new WordToken(start, j));
            i = j;
        }

        return tokens;
    }
}

/// <summary>The words of one text in an array borrowed from the shared pool: every report is tokenised once per
/// recognition, and a fresh list each time was one of the larger allocations of preparation. Return it when done.</summary>
internal sealed class WordTokens(int capacity)
{
    private WordToken[] _items = ArrayPool<WordToken>.Shared.Rent(Math.Max(16, capacity));

    public int Count { get; private set; }

    public WordToken this[int i] => i < Count ? _items[i] : throw new ArgumentOutOfRangeException(nameof(i));

    public void Add(WordToken token)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<WordToken>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, Count).CopyTo(larger);
            ArrayPool<WordToken>.Shared.Return(_items);
            _items = larger;
        }

        _items[Count++] = token;
    }

    /// <summary>Gives the array back to the pool; the tokens must not be read afterwards.</summary>
    public void Return()
    {
        ArrayPool<WordToken>.Shared.Return(_items);
        _items = [];
        Count = 0;
    }

    public ReadOnlySpan<WordToken> AsSpan() => _items.AsSpan(0, Count);
}
