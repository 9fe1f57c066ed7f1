namespace Wiredesk.Verification;

/// <summary>Quoted words: finding them in a sentence and finding them verbatim in a source. "Verbatim" allows
/// only typography to differ: quote marks and apostrophes (curly or straight), hyphen variants and runs of
/// white space. Words, their order, their spelling and their case (but for the first letter) must match.</summary>
public static class QuoteText
{
    // Trim's params overloads make and fill a new array on every call: these run for every candidate sentence.
    private static readonly char[] PartEdges = [',', '.', ';', ':', '!', '?', '"', '\'', ' ', '[', ']'];

    /// <summary>A place in a source where quoted words were found, in the source's own offsets.</summary>
    public sealed record Location(VerificationSource Source, int Start, int End);

    /// <summary>The quoted passages of a sentence as [start, end) ranges of the text inside the marks. A quote
    /// opened but not closed runs to the end of the sentence (it continues in the next); one closed but never
    /// opened runs from the start.</summary>
    public static IReadOnlyList<(int Start, int End)> FindQuoted(string sentence)
    {
        var spans = new List<(int, int)>();
        var open = -1;
        for (var i = 0; i < sentence.Length; i++)
        {
            var c = sentence[i];
            if (open < 0 && IsOpening(sentence, i))
            {
                open = i + 1;
            }
            else if (open >= 0 && IsClosing(sentence, i) && (c != '’' || sentence[open - 1] == '‘'))
            {
                spans.Add((open, i));
                open = -1;
            }
            else if (open < 0 && spans.Count == 0 && i > 0 && (c is '”' || c == '"' && !char.IsWhiteSpace(sentence[i - 1])))
            {
                spans.Add((0, i));
            }
        }

        if (open >= 0 && open < sentence.Length)
        {
            spans.Add((open, sentence.Length));
        }

        return spans;
    }

    /// <summary>Where the quoted words stand verbatim in one of the sources, or null. An ellipsis splits a quote into
    /// parts, each of which must be found (in order, in the same source).</summary>
    public static Location? Find(string quoted, IEnumerable<VerificationSource> sources)
    {
        var parts = Parts(quoted);
        if (parts.Count == 0)
        {
            return null;
        }

        foreach (var source in sources)
        {
            var from = 0;
            int? first = null;
            var last = 0;
            foreach (var part in parts)
            {
                var at = IndexOf(source.NormalizedText, part, from);
                if (at < 0)
                {
                    first = null;
                    break;
                }

                first ??= at;
                from = at + part.Length;
                last = from;
            }

            if (first is { } s)
            {
                return new Location(source, source.NormalizedMap[s], source.NormalizedMap[last - 1] + 1);
            }
        }

        return null;
    }

    /// <summary>Typography folded, with a map from each normalised character to its offset in the original. The
    /// length is counted first, so text and map are written once at their exact size (a source's whole text goes
    /// through here on its first quote look-up).</summary>
    internal static (string Text, int[] Map) Normalize(string text)
    {
        var map = new int[NormalizedLength(text)];
        var normalized = string.Create(map.Length, (text, map), static (into, state) => Fold(state.text, into, state.map));
        return (normalized, map);
    }

    /// <summary>The folded text alone (a quote's parts need no map).</summary>
    private static string NormalizeText(string text) =>
        string.Create(NormalizedLength(text), text, static (into, source) => Fold(source, into, []));

    /// <summary>Runs of white space become one space (none at the start or end); every other character is folded.</summary>
    private static int NormalizedLength(string text)
    {
        var n = 0;
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = n > 0;
                continue;
            }

            if (space)
            {
                n++;
                space = false;
            }

            n++;
        }

        return n;
    }

    private static void Fold(string text, Span<char> into, Span<int> map)
    {
        var n = 0;
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = n > 0;
                continue;
            }

            if (space)
            {
                if (!map.IsEmpty)
                {
                    map[n] = i - 1;
                }

                into[n++] = ' ';
                space = false;
            }

            if (!map.IsEmpty)
            {
                map[n] = i;
            }

            into[n++] = Fold(c);
        }
    }

    private static char Fold(char c) => c switch
    {
        '“' or '”' or '„' or '«' or '»' or '″' => '"',
        '‘' or '’' or '‚' or '′' => '\'',
        '\u2010' or '\u2011' or '\u2012' or '\u00AD' => '-',
        '\u00A0' => ' ',
        _ => c,
    };

    private static List<string> Parts(string quoted)
    {
        var parts = new List<string>();
        foreach (var raw in quoted.Replace("…", "...", StringComparison.Ordinal).Split("...", StringSplitOptions.RemoveEmptyEntries))
        {
            var text = NormalizeText(raw).Trim().Trim(PartEdges);
            if (text.Length > 0 && text.Any(char.IsLetterOrDigit))
            {
                parts.Add(text);
            }
        }

        return parts;
    }

    /// <summary>Ordinal search for whole words ("provocation" is not found in "provocations") that also accepts
    /// the first letter in the other case ("“The” → “the”): a quote worked into a sentence often changes only that.</summary>
    private static int IndexOf(string haystack, string needle, int from)
    {
        var at = IndexOfWhole(haystack, needle, from);
        if (at >= 0 || !char.IsLetter(needle[0]))
        {
            return at;
        }

        var flipped = (char.IsUpper(needle[0]) ? char.ToLowerInvariant(needle[0]) : char.ToUpperInvariant(needle[0])) + needle[1..];
        return IndexOfWhole(haystack, flipped, from);
    }

    private static int IndexOfWhole(string haystack, string needle, int from)
    {
        for (var at = haystack.IndexOf(needle, from, StringComparison.Ordinal); at >= 0; at = haystack.IndexOf(needle, at + 1, StringComparison.Ordinal))
        {
            var end = at + needle.Length;
            var startsWord = at == 0 || !char.IsLetterOrDigit(haystack[at - 1]) || !char.IsLetterOrDigit(needle[0]);
            var endsWord = end == haystack.Length || !char.IsLetterOrDigit(haystack[end]) || !char.IsLetterOrDigit(needle[^1]);
            if (startsWord && endsWord)
            {
                return at;
            }
        }

        return -1;
    }

    private static bool IsOpening(string s, int i)
    {
        var c = s[i];
        var before = i == 0 ? ' ' : s[i - 1];
        var after = i + 1 < s.Length ? s[i + 1] : ' ';
        return c switch
        {
            '“' or '«' or '„' => true,
            '"' => !char.IsLetterOrDigit(before) && !char.IsWhiteSpace(after),
            '‘' => !char.IsLetterOrDigit(before) && char.IsLetter(after),
            _ => false,
        };
    }

    private static bool IsClosing(string s, int i)
    {
        var c = s[i];
        var after = i + 1 < s.Length ? s[i + 1] : ' ';
        return c switch
        {
            '”' or '»' or '"' => true,
            '’' => !char.IsLetter(after),
            _ => false,
        };
    }
}
