namespace Wiredesk.Analysis.Sentences;

/// <summary>Splits clean report text into sentences by scanning once for terminal punctuation and line breaks.
/// Rules (docs/analysis.md, "Sentences"): a blank line always ends a sentence; a single line break ends one
/// unless the next line starts in lower case (a wrapped line); '.', '!', '?', '…' end one when followed by
/// white space and a word that does not start in lower case, except after titles ("Dr."), initials ("J."),
/// numbered-list markers, reference abbreviations before a number ("No. 5", "Jan. 22"), and abbreviations that
/// usually run on ("U.S.", "Inc.", "p.m.") unless the next word is a typical sentence opener ("The", "He").</summary>
public static class SentenceSplitter
{
    /// <summary>Abbreviations that never end a sentence: titles before names and Latin run-ons.</summary>
    private static readonly HashSet<string> Titles = new(StringComparer.OrdinalIgnoreCase)
    {
        "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt", "Cpl", "Pvt",
        "Adm", "Cmdr", "Cdr", "Brig", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Rev", "Hon", "Amb", "Pres",
        "Supt", "Insp", "Det", "Fr", "Sr", "Mt", "Ft", "St", "Ste", "vs", "v", "e.g", "i.e", "cf", "viz", "approx",
        "Gens", "Lt.Gen", "Maj.Gen", "Brig.Gen",
    };

    /// <summary>Abbreviations that stand before a number ("No. 5", "Jan. 22", "Art. 4"); otherwise plain words.</summary>
    private static readonly HashSet<string> BeforeNumber = new(StringComparer.OrdinalIgnoreCase)
    {
        "No", "Nos", "Art", "Arts", "Sec", "Secs", "Para", "Paras", "Fig", "Figs", "Vol", "Vols", "pp", "p", "Ch",
        "Op", "Ref", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    };

    /// <summary>Abbreviations that may end a sentence but usually run on ("the U.S. Treasury"); words with inner
    /// dots ("U.S", "a.m") belong here too.</summary>
    private static readonly HashSet<string> RunOn = new(StringComparer.OrdinalIgnoreCase)
    {
        "Inc", "Corp", "Ltd", "Co", "Cos", "Bros", "Jr", "etc", "Plc", "Bhd", "Pty", "Univ", "Dept", "Est", "al",
    };

    /// <summary>US state abbreviations of datelines ("ST. PETERSBURG, Fla. —"); case matters ("ill.", "wash.").</summary>
    private static readonly HashSet<string> States = new(StringComparer.Ordinal)
    {
        "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md",
        "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash",
        "Wis", "Wyo",
    };

    /// <summary>Capitalised words that typically open a sentence, so they end a sentence after a run-on abbreviation.</summary>
    private static readonly HashSet<string> Openers = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These", "Those", "There",
        "Here", "In", "On", "At", "By", "For", "From", "With", "Without", "To", "But", "And", "Or", "So", "Yet",
        "However", "Meanwhile", "Moreover", "Furthermore", "Its", "His", "Her", "Their", "Our", "My", "Your", "As",
        "After", "Before", "When", "While", "Where", "If", "Although", "Though", "Since", "Because", "Also",
        "According", "Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Last", "Next", "Separately", "Still",
        "Such", "Some", "Many", "Most", "All", "Both", "Each", "None", "Other", "Once", "Now", "Then", "Under",
        "Over", "During", "Despite", "What", "Who", "Why", "How", "Officials", "Analysts", "Shares",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleLookup = Titles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> BeforeNumberLookup = BeforeNumber.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RunOnLookup = RunOn.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StateLookup = States.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OpenerLookup = Openers.GetAlternateLookup<ReadOnlySpan<char>>();

    public static IReadOnlyList<Sentence> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<Sentence>(Math.Max(4, text.Length / 120));
        var start = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (start >= 0 && IsLineBoundary(text, i))
                {
                    Add(sentences, text, start, i);
                    start = -1;
                }

                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (start < 0)
            {
                start = i;
            }

            if (c is '.' or '!' or '?' or '…')
            {
                var end = EndOfTerminal(text, i);
                if (EndsSentence(text, start, i, end))
                {
                    Add(sentences, text, start, end);
                    start = -1;
                }

                i = end;
                continue;
            }

            i++;
        }

        if (start >= 0)
        {
            Add(sentences, text, start, text.Length);
        }

        return sentences;
    }

    private static void Add(List<Sentence> sentences, string text, int start, int end)
    {
        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new Sentence(text[start..end], start, end));
        }
    }

    /// <summary>A blank line always ends a sentence; a single line break does unless the next line continues
    /// in lower case, as a hard-wrapped paragraph does.</summary>
    private static bool IsLineBoundary(string text, int newline)
    {
        var j = newline + 1;
        while (j < text.Length && text[j] is ' ' or '\t' or '\r' or '\u00A0')
        {
            j++;
        }

        return j >= text.Length || text[j] == '\n' || !char.IsLower(text[j]);
    }

    /// <summary>Past the run of terminal marks and any closing quotes or brackets after it.</summary>
    private static int EndOfTerminal(string text, int i)
    {
        var j = i;
        while (j < text.Length && text[j] is '.' or '!' or '?' or '…')
        {
            j++;
        }

        while (j < text.Length)
        {
            var c = text[j];
            if (c is '”' or '’' or ')' or ']' or '»')
            {
                j++;
            }
            else if (c is '"' or '\'' && (j + 1 == text.Length || char.IsWhiteSpace(text[j + 1]) || text[j + 1] is '”' or '’' or ')' or ']' or '"'))
            {
                j++;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private static bool EndsSentence(string text, int sentenceStart, int mark, int end)
    {
        if (end >= text.Length)
        {
            return true;
        }

        if (!char.IsWhiteSpace(text[end]))
        {
            return false;
        }

        var next = end;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        if (next >= text.Length)
        {
            return true;
        }

        var nc = text[next];
        if (char.IsLower(nc))
        {
            return false;
        }

        var runEnd = mark;
        while (runEnd < text.Length && text[runEnd] is '.' or '!' or '?' or '…')
        {
            runEnd++;
        }

        if (text[mark] != '.' || runEnd - mark > 1)
        {
            return true;
        }

        var word = WordBefore(text, sentenceStart, mark, out var wordStart);
        if (word.IsEmpty)
        {
            return true;
        }

        if (IsAllDigits(word))
        {
            return !IsListMarker(text, wordStart);
        }

        if (TitleLookup.Contains(word))
        {
            return false;
        }

        if (BeforeNumberLookup.Contains(word))
        {
            return !char.IsDigit(nc);
        }

        if (IsDomainName(word))
        {
            return true;
        }

        var isInitial = word.Length == 1 && char.IsUpper(word[0]);
        if (isInitial || word.Contains('.') || RunOnLookup.Contains(word) || StateLookup.Contains(word))
        {
            return nc is '"' or '“' or '‘' or '\'' || (char.IsUpper(nc) && OpenerLookup.Contains(WordAt(text, next)));
        }

        return true;
    }

    /// <summary>The word right before the mark, without leading punctuation and trailing quotes or brackets.</summary>
    private static ReadOnlySpan<char> WordBefore(string text, int sentenceStart, int mark, out int wordStart)
    {
        var end = mark;
        while (end > sentenceStart && text[end - 1] is '"' or '\'' or '”' or '’' or ')' or ']')
        {
            end--;
        }

        var start = end;
        while (start > sentenceStart && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ('(' or '"' or '“' or '‘' or '[' or '/' or '—' or '–'))
        {
            start--;
        }

        wordStart = start;
        return text.AsSpan(start, end - start);
    }

    /// <summary>"Benzinga.com", "bls.gov": inner dots, but a word that ends like any other.</summary>
    private static bool IsDomainName(ReadOnlySpan<char> word)
    {
        var dot = word.LastIndexOf('.');
        if (dot <= 0 || word.Length - dot - 1 < 2)
        {
            return false;
        }

        foreach (var c in word[(dot + 1)..])
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<char> WordAt(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return text.AsSpan(start, end - start);
    }

    private static bool IsAllDigits(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"1." alone at the start of a line numbers a list item; it does not end a sentence.</summary>
    private static bool IsListMarker(string text, int wordStart)
    {
        for (var j = wordStart - 1; j >= 0; j--)
        {
            var c = text[j];
            if (c == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(c) && c is not ('•' or '-' or '*' or '(' or '–'))
            {
                return false;
            }
        }

        return true;
    }
}
