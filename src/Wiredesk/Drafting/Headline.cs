using System.Globalization;
using System.Text.RegularExpressions;

namespace Wiredesk.Drafting;

/// <summary>The headline in house style: subject first, the main event in the present tense, title case, no final
/// period, at most <see cref="MaxLength"/> characters. It is cut from the lede's main clause, so it states nothing
/// the body does not.</summary>
public static partial class Headline
{
    // Trim's params overloads make and fill a new array on every call: these run for every candidate sentence.
    private static readonly char[] PeriodOrSpace = ['.', ' '];
    private static readonly char[] ClausePunctuation = [',', ';', ':'];
    private static readonly char[] HeadlineEnd = [',', ';', ':', '.', ' '];
    private static readonly char[] CommaOrApostrophe = [',', '’', '\''];

    public const int MaxLength = 110;

    /// <summary>Longer headlines are cut at a phrase break when one fits.</summary>
    private const int PreferredLength = 90;

    private static readonly HashSet<string> Minor = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on", "per", "to", "up", "via", "vs",
    };

    private static readonly HashSet<string> Dangling = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "but", "or", "nor", "for", "as", "at", "by", "in", "of", "on", "to", "with", "from", "into", "that", "its", "their", "his", "her", "after", "before", "while", "than", "—", "–", "-", "using", "including", "over", "under", "against", "between",
    };

    private static readonly Dictionary<string, string> IrregularPresent = new(StringComparer.OrdinalIgnoreCase)
    {
        ["said"] = "says",
        ["held"] = "holds",
        ["left"] = "leaves",
        ["cut"] = "cuts",
        ["rose"] = "rises",
        ["fell"] = "falls",
        ["met"] = "meets",
        ["spoke"] = "speaks",
        ["took"] = "takes",
        ["made"] = "makes",
        ["gave"] = "gives",
        ["won"] = "wins",
        ["lost"] = "loses",
        ["sent"] = "sends",
        ["led"] = "leads",
        ["struck"] = "strikes",
        ["hit"] = "hits",
        ["set"] = "sets",
        ["put"] = "puts",
        ["began"] = "begins",
        ["kept"] = "keeps",
        ["told"] = "tells",
        ["sought"] = "seeks",
        ["brought"] = "brings",
        ["paid"] = "pays",
        ["saw"] = "sees",
        ["became"] = "becomes",
        ["shot"] = "shoots",
        ["flew"] = "flies",
        ["bought"] = "buys",
        ["sold"] = "sells",
        ["rang"] = "rings",
        ["ran"] = "runs",
        ["grew"] = "grows",
        ["chose"] = "chooses",
        ["drew"] = "draws",
        ["has"] = "has",
        ["have"] = "have",
    };

    private static readonly HashSet<string> NotVerbsEndingInEd = new(StringComparer.OrdinalIgnoreCase)
    {
        "red", "bed", "need", "seed", "speed", "feed", "united", "limited", "based", "related", "armed", "allied", "advanced", "proposed",
        "unprecedented", "detailed", "expected", "combined", "coordinated", "sophisticated", "hundred", "led", "alleged", "so-called",
    };

    /// <summary>Headline candidates from a lede's main clause (the sentence without its attribution), boldest first:
    /// present tense, then the clause's own tense. Each is title-cased and within the length limit.</summary>
    public static IReadOnlyList<string> Candidates(string mainClause)
    {
        ArgumentNullException.ThrowIfNull(mainClause);
        var clause = Clause(Trim(mainClause));
        var trimmed = Trim(clause);
        return [.. new[] { ToPresent(trimmed), ToPresent(clause), trimmed, clause }.Where(c => c.Length > 0).Select(c => Fit(TitleCase(c))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Headline English: no leading article before a name, no trailing day ("on Thursday").</summary>
    public static string Trim(string clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var s = SentenceRewriter.DropAccompaniment(SentenceRewriter.DropFrontedPhrase(clause));
        s = TimeWord().Replace(s, "").Replace("  ", " ", StringComparison.Ordinal);
        s = LeadingArticle().Replace(s, "");
        s = TrailingDay().Replace(s, "");
        return s.Trim();
    }

    /// <summary>The main clause: up to the first comma or semicolon when enough words precede it, without a final period.</summary>
    public static string Clause(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var s = sentence.Trim().TrimEnd(PeriodOrSpace);
        // ", " and not "," alone: "2,332 stores" is one number.
        var cut = new[] { s.IndexOf(", ", StringComparison.Ordinal), s.IndexOf("; ", StringComparison.Ordinal), s.IndexOf(": ", StringComparison.Ordinal) }.Where(i => i > 0).DefaultIfEmpty(-1).Min();
        if (cut > 0 && SentenceRewriter.WordCount(s[..cut]) >= 4)
        {
            s = s[..cut];
        }

        return s.Trim();
    }

    /// <summary>The first past-tense verb after the subject becomes present ("fired" → "fires"; "agreed" → "agree"
    /// after a plural subject).</summary>
    public static string ToPresent(string clause)
    {
        ArgumentNullException.ThrowIfNull(clause);
        var words = clause.Split(' ');
        for (var i = 1; i < words.Length; i++)
        {
            var w = words[i];
            if (w.Length < 3 || !w.All(c => char.IsLetter(c) || c == '-') || char.IsUpper(w[0]))
            {
                continue;
            }

            var plural = IsPlural(words[..i]);
            string? present = null;
            if (IrregularPresent.TryGetValue(w, out var irregular))
            {
                present = plural ? Plural(w, irregular) : irregular;
            }
            else if (w.EndsWith("ed", StringComparison.Ordinal) && !NotVerbsEndingInEd.Contains(w) && w.Length > 4)
            {
                var stem = Stem(w);
                present = plural ? stem : ThirdPerson(stem);
            }
            else if (w is "is" or "are" or "was" or "were" or "will" or "would" or "has" or "have" or "had")
            {
                return w switch
                {
                    "was" => Replace(words, i, "is"),
                    "were" => Replace(words, i, "are"),
                    "had" => Replace(words, i, plural ? "have" : "has"),
                    _ => clause,
                };
            }

            if (present is not null)
            {
                return Replace(words, i, present);
            }
        }

        return clause;
    }

    public static string TitleCase(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            var first = i == 0 || i == words.Length - 1;
            words[i] = string.Join('-', words[i].Split('-').Select((part, j) => CapitalizeWord(part, first || j > 0)));
        }

        return string.Join(' ', words);
    }

    /// <summary>At most <see cref="MaxLength"/> characters, cut at a word, without a dangling function word or
    /// trailing punctuation.</summary>
    public static string Fit(string headline)
    {
        ArgumentNullException.ThrowIfNull(headline);
        var text = headline.TrimEnd(PeriodOrSpace);
        if (text.Length > PreferredLength)
        {
            // Cut at the last phrase break that keeps five words and fits: a whole phrase, not a torn one.
            var cut = PhraseBreak().Matches(text).Select(m => m.Index).Where(i => i <= PreferredLength && SentenceRewriter.WordCount(text[..i]) >= 5).DefaultIfEmpty(-1).Max();
            if (cut > 0)
            {
                text = text[..cut];
            }
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        while (words.Count > 1 && (string.Join(' ', words).Length > MaxLength || Dangling.Contains(words[^1].TrimEnd(ClausePunctuation))))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words).TrimEnd(HeadlineEnd);
    }

    private static string CapitalizeWord(string word, bool always)
    {
        if (word.Length == 0 || word.Any(char.IsUpper) || word.Any(char.IsDigit) || !char.IsLetter(word[0]))
        {
            return word;
        }

        if (!always && Minor.Contains(word))
        {
            return word.ToLowerInvariant();
        }

        return char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];
    }

    private static bool IsPlural(string[] subject)
    {
        var text = string.Join(' ', subject);
        var last = subject[^1].TrimEnd(CommaOrApostrophe);
        if (AndJoined().IsMatch(text))
        {
            // "the Securities and Exchange Commission" is one body; "Russia and China" are two.
            return !SingularBody().IsMatch(last);
        }

        if (char.IsUpper(last[0]))
        {
            // Names ending in s ("United States", "Houthis") are read by their first capital: a country stays singular.
            return last is "Houthis" or "Officials" or "Forces";
        }

        return last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal) && !last.EndsWith("us", StringComparison.Ordinal) && last is not "news" and not "its" and not "this";
    }

    private static string Plural(string past, string present) => past switch
    {
        "has" or "have" => "have",
        _ => present.EndsWith("ies", StringComparison.Ordinal) ? present[..^3] + "y" : present.EndsWith("es", StringComparison.Ordinal) && present is "goes" or "does" ? present[..^2] : present.TrimEnd('s'),
    };

    private static string Stem(string past)
    {
        var w = past[..^2];
        if (w.EndsWith('i'))
        {
            return w[..^1] + "y";
        }

        if (w.EndsWith('u'))
        {
            return w + "e";
        }

        if (w.Length >= 3 && w[^1] == w[^2] && w[^1] is not 'l' and not 's' and not 'z' and not 'f')
        {
            return w[..^1];
        }

        // "agreed" → "agree", "fired" → "fire", "voted" → "vote": keep the e the past form swallowed when the stem
        // would end consonant-vowel-consonant or in a soft/voiced cluster.
        var syllables = VowelGroups().Count(w);
        return (syllables == 1 && OneSyllableNeedsE().IsMatch(w)) || NeedsE().IsMatch(w) ? w + "e" : w;
    }

    private static string ThirdPerson(string stem) =>
        stem.EndsWith('y') && stem.Length > 1 && !"aeiou".Contains(stem[^2], StringComparison.Ordinal) ? stem[..^1] + "ies"
        : stem.EndsWith('s') || stem.EndsWith('x') || stem.EndsWith('z') || stem.EndsWith("ch", StringComparison.Ordinal) || stem.EndsWith("sh", StringComparison.Ordinal) ? stem + "es"
        : stem + "s";

    private static string Replace(string[] words, int i, string with)
    {
        var copy = (string[])words.Clone();
        copy[i] = with;
        return string.Join(' ', copy);
    }



    [GeneratedRegex(@"\b(?:today|yesterday|this (?:morning|afternoon|evening))\b\s?", RegexOptions.IgnoreCase)]
    private static partial Regex TimeWord();

    [GeneratedRegex(@" (?=(?:in|to|for|with|from|on|at|against|after|that|whose|which|while|including|as|by|since|amid) )")]
    private static partial Regex PhraseBreak();

    [GeneratedRegex(@"^[Tt]he (?=\w)")]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"\s+(?:on|last|this|early|late|earlier)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(?:January|February|March|April|May|June|July|August|September|October|November|December)(?: \d{1,2})?(?:, \d{4})?|week|month|year)$")]
    private static partial Regex TrailingDay();

    [GeneratedRegex(@"^(?:Commission|Department|Ministry|Office|Bank|Agency|Council|Committee|Board|Bureau|Authority|Administration|Service|Company|Group|Corporation|Inc\.?|Ltd\.?|Fund|Reserve|Organization|Organisation)$")]
    private static partial Regex SingularBody();

    [GeneratedRegex(@"\b(?:and|together with)\b")]
    private static partial Regex AndJoined();

    [GeneratedRegex(@"(?:(?<!o)[aeiu][aeiou][cgksvz]|[^aeiou](?:at|ut|ot|ur|ar|iv|ov|os|id|ib)|(?:nc|rc|rg|dg|lv|rv|ps|uis)|agre|ee)$")]
    private static partial Regex NeedsE();

    [GeneratedRegex(@"[^aeiou][aeiou][bcdfgkmprtvz]$")]
    private static partial Regex OneSyllableNeedsE();

    [GeneratedRegex(@"[aeiouy]+")]
    private static partial Regex VowelGroups();
}
