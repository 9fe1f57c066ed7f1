using System.Globalization;
using System.Text.RegularExpressions;
using Wiredesk.Analysis.Dates;

namespace Wiredesk.Analysis.Numbers;

/// <summary>Finds quantities: money, percentages, counts of things, plain and spelled-out numbers, fractions,
/// ranges and ordinals. Rules (docs/analysis.md, "Numbers"): anything inside a date or time mention belongs to
/// the dates, not here; a range ("10 to 30 percent") is one mention whose Value is its lower bound; an ordinal
/// ("fourteenth", "21st") has Unit "ordinal"; "ninefold" has Unit "times"; a counted noun right after the number,
/// or after up to two modifiers before a plural noun ("18 short-range ballistic missiles"), becomes the Unit and
/// ends the mention.</summary>
public static partial class NumberExtractor
{
    private const string SmallWords =
        "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";

    private const string OrdinalWords =
        "third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth|hundredth|thousandth";

    // Anchored patterns (\\G): Extract tries them only where a digit run or a number word starts (see TryAt).
    [GeneratedRegex(
        // Digits: mixed fraction "4-3/4", fraction "1/2", grouped "150,000", decimal "1.262", with an ordinal or unit suffix.
        "\\G(?<![\\p{L}\\d.,/:_]|[\\p{L}\\d][-‑])(?<hash>#)?(?<num>\\d+[-‑]\\d+/\\d+|\\d+/\\d+|\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(?<ord>st|nd|rd|th)?(?<suffix>mm|cm|km|kg|kt|mph|bn|tn|m|k)?(?<plus>\\+)?(?![\\p{L}\\d_/])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DigitPattern();

    [GeneratedRegex(
        // Spelled out: "twenty-five", "two dozen", "five hundred thousand", "twenty-fourth", "ninefold".
        "\\G(?:(?<words>\\b(?:(?:" + SmallWords + "|a(?=\\s(?:dozen|hundred|thousand|million|billion)\\b))(?:[-‑ ]+(?:and\\s+)?(?:" + SmallWords + "|hundred|thousand|million|billion|trillion|dozen))*(?:[-‑](?:" + OrdinalWords + "|first|second|" + FractionWords + "))?|(?:" + OrdinalWords + ")))(?:(?<fold>fold)\\b|\\b)" +
        "|(?<vague>\\b(?:dozens|hundreds|thousands|millions|billions)(?=\\s+of\\s)))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex WordPattern();

    private const string FractionWords = "halves|half|thirds|quarters|quarter|fourths|fifths|sixths|sevenths|eighths|ninths|tenths";

    [GeneratedRegex("(?<![\\d-])(?:\\+?1[-. ])?(?:\\(\\d{3}\\) ?|\\d{3}[-. ])\\d{3}[-.]\\d{4}(?![\\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    public static IReadOnlyList<NumberMention> Extract(string text) => Extract(text, DateExtractor.Extract(text, null));

    /// <summary>As <see cref="Extract(string)"/>, with the date mentions already found in the same text (numbers
    /// inside them are left to the dates).</summary>
    public static IReadOnlyList<NumberMention> Extract(string text, IReadOnlyList<DateMention> dates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(dates);
        var mentions = new List<NumberMention>();
        var phones = PhoneNumbers(text);
        var claimedUntil = 0;
        var nextPhone = 0;
        var i = 0;
        while (i < text.Length)
        {
            var match = TryAt(text, i, out var next);
            if (!match.Success)
            {
                i = next;
                continue;
            }

            i = match.Index + Math.Max(1, match.Length);
            while (nextPhone < phones.Count && phones[nextPhone].Start <= match.Index)
            {
                mentions.Add(phones[nextPhone]);
                claimedUntil = Math.Max(claimedUntil, phones[nextPhone].End);
                nextPhone++;
            }

            if (match.Index < claimedUntil)
            {
                continue;
            }

            var mention = Build(text, match);
            if (mention is null || Overlaps(dates, mention.Start, mention.End) || OverlapsPhone(phones, nextPhone, mention.End))
            {
                continue;
            }

            mentions.Add(mention);
            claimedUntil = mention.End;
        }

        for (; nextPhone < phones.Count; nextPhone++)
        {
            mentions.Add(phones[nextPhone]);
        }

        return mentions;
    }

    /// <summary>Telephone numbers are identifiers, not quantities, but reports quote them and checks compare
    /// them: one mention each, Unit "telephone number", Value its digits.</summary>
    private static List<NumberMention> PhoneNumbers(string text)
    {
        var phones = new List<NumberMention>();
        foreach (var match in PhonePattern().EnumerateMatches(text))
        {
            var span = text.AsSpan(match.Index, match.Length);
            double digits = 0;
            foreach (var c in span)
            {
                if (char.IsAsciiDigit(c))
                {
                    digits = (digits * 10) + (c - '0');
                }
            }

            phones.Add(new NumberMention(span.ToString(), digits, "telephone number", match.Index, match.Index + match.Length));
        }

        return phones;
    }

    private static bool OverlapsPhone(List<NumberMention> phones, int next, int end) => next < phones.Count && phones[next].Start < end;

    /// <summary>Tries the digit pattern at the start of a digit run (or "#1"), the word pattern at a number word;
    /// <paramref name="next"/> is where to look next when nothing matches here.</summary>
    private static Match TryAt(string text, int i, out int next)
    {
        var c = text[i];
        if (char.IsAsciiDigit(c) || (c == '#' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
        {
            next = i + 1;
            while (next < text.Length && char.IsAsciiDigit(text[next]))
            {
                next++;
            }

            return i > 0 && char.IsAsciiDigit(text[i - 1]) ? Match.Empty : DigitPattern().Match(text, i);
        }

        if (!char.IsLetter(c))
        {
            next = i + 1;
            return Match.Empty;
        }

        next = i + 1;
        while (next < text.Length && char.IsLetter(text[next]))
        {
            next++;
        }

        var length = next - i;
        if ((i > 0 && char.IsLetterOrDigit(text[i - 1])) || length > 14)
        {
            return Match.Empty;
        }

        if (length == 1 && !MagnitudeMayFollow(text, next))
        {
            // "a" counts only before "dozen", "hundred", "thousand", "million", "billion": the commonest word of the
            // text is ruled out here without running the pattern.
            return Match.Empty;
        }

        Span<char> word = stackalloc char[length];
        text.AsSpan(i, length).ToLowerInvariant(word);
        return NumberWordLookup.Contains(word) || (word.EndsWith("fold") && word.Length > 4) ? WordPattern().Match(text, i) : Match.Empty;
    }

    /// <summary>A white-space character and then the first letter of a magnitude word (in either case), which the
    /// pattern's "a" needs after it.</summary>
    private static bool MagnitudeMayFollow(string text, int at) =>
        at + 1 < text.Length && char.IsWhiteSpace(text[at]) && text[at + 1] is 'd' or 'D' or 'h' or 'H' or 't' or 'T' or 'm' or 'M' or 'b' or 'B';

    private static readonly HashSet<string> NumberWords = new(
        (SmallWords + "|" + OrdinalWords + "|a|dozens|hundreds|thousands|millions|billions").Split('|'), StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NumberWordLookup = NumberWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool Overlaps(IReadOnlyList<DateMention> dates, int start, int end)
    {
        for (var i = 0; i < dates.Count; i++)
        {
            if (dates[i].Start < end && start < dates[i].End)
            {
                return true;
            }
        }

        return false;
    }

    private static NumberMention? Build(string text, Match m)
    {
        var start = m.Index;
        var end = m.Index + m.Length;
        double value;
        string? unit = null;

        if (m.Groups["vague"].Success)
        {
            value = m.Groups["vague"].Value.ToLowerInvariant() switch
            {
                "dozens" => 12,
                "hundreds" => 100,
                "thousands" => 1_000,
                "millions" => 1e6,
                _ => 1e9,
            };
            var noun = NextWord(text, end + " of".Length);
            if (noun.Length > 0 && IsCountNoun(text, noun.Start, noun.End))
            {
                unit = text[noun.Start..noun.End];
                end = noun.End;
            }

            return new NumberMention(text[start..end], value, unit, start, end);
        }

        if (m.Groups["words"].Success)
        {
            var parsed = WordValue(m.Groups["words"].Value, out var isOrdinal);
            if (parsed is null)
            {
                return null;
            }

            value = parsed.Value;
            if (m.Groups["fold"].Success)
            {
                return new NumberMention(text[start..end], value, "times", start, end);
            }

            if (isOrdinal)
            {
                return new NumberMention(text[start..end], value, "ordinal", start, end);
            }

            // "one" and "a" are too often pronouns or articles: only with a counted noun.
            var word = m.Groups["words"].Value;
            var weak = word.Equals("one", StringComparison.OrdinalIgnoreCase);
            if (weak && PrecededByDeterminer(text, start))
            {
                return null;
            }

            var result = Extend(text, start, end, value, currency: null, weak);
            if (weak && result?.Unit is null)
            {
                return null;
            }

            return result;
        }

        var numText = m.Groups["num"].Value;
        if (!TryParseNumber(numText, out value))
        {
            return null;
        }

        if (m.Groups["ord"].Success)
        {
            return new NumberMention(text[start..end], value, "ordinal", start, end);
        }

        var currency = CurrencyBefore(text, ref start);
        if (m.Groups["suffix"].Success)
        {
            var suffix = m.Groups["suffix"].Value.ToLowerInvariant();
            var scale = suffix switch
            {
                "bn" => 1e9,
                "tn" => 1e12,
                "m" when currency is not null => 1e6,
                "k" when currency is not null => 1e3,
                _ => 0,
            };
            if (scale > 0)
            {
                return Extend(text, start, end, Scale(value, scale), currency, weak: false, scaled: true);
            }

            if (suffix is "m" or "k")
            {
                return null;
            }

            return new NumberMention(text[start..end], value, suffix, start, end);
        }

        if (m.Groups["hash"].Success || m.Groups["plus"].Success)
        {
            return new NumberMention(text[start..end], value, currency, start, end);
        }

        var plain = Extend(text, start, end, value, currency, weak: false);
        if (plain is not { Unit: null })
        {
            return plain;
        }

        // A long run of digits with no separator is a reference number ("20240606", "6849361"); a number before a
        // street name is an address ("10 Downing Street").
        return (numText.Length >= 5 && IsAllDigits(numText)) || IsStreetNumber(text, end) ? null : plain;
    }

    /// <summary>From the number core rightwards: magnitude ("million"), a range's upper end, percent units,
    /// currency words, and the counted noun.</summary>
    private static NumberMention? Extend(string text, int start, int end, double value, string? currency, bool weak, bool scaled = false)
    {
        if (!scaled && TryWord(text, end, Magnitudes, out var magEnd, out var scale))
        {
            value = Scale(value, scale);
            end = magEnd;
            scaled = true;
        }

        // A range: "10 to 30 percent", "4-3/4 to 5 percent", "$10 million to $20 million", "15-30 minutes".
        var rangeEnd = RangeEnd(text, end, out var upperScaled);
        if (rangeEnd > end)
        {
            if (!scaled && upperScaled > 0)
            {
                value = Scale(value, upperScaled);
            }

            end = rangeEnd;
        }

        string? unit = currency;
        if (TryWord(text, end, PercentUnits, out var pctEnd, out var kind))
        {
            unit = kind switch
            {
                1 => "percent",
                2 => "percentage point",
                _ => "basis point",
            };
            end = pctEnd;
            return new NumberMention(text[start..end], value, unit, start, end);
        }

        if (currency is null && TryCurrencyWord(text, end, out var curEnd, out var code))
        {
            return new NumberMention(text[start..curEnd], value, code, start, curEnd);
        }

        if (currency is not null)
        {
            // "$0.14 per share": the basis belongs to the amount.
            if (TryWord(text, end, PerShare, out var perEnd, out _))
            {
                end = perEnd;
            }

            return new NumberMention(text[start..end], value, currency, start, end);
        }

        var noun = CountedNoun(text, end, weak);
        if (noun.Length > 0)
        {
            return new NumberMention(text[start..noun.End], value, text[noun.Start..noun.End], start, noun.End);
        }

        // "three-phase", "six-week": the noun glued by a hyphen is the unit.
        if (!weak && end < text.Length - 1 && text[end] is '-' or '‑' && char.IsLower(text[end + 1]))
        {
            var w = end + 1;
            while (w < text.Length && char.IsLetter(text[w]))
            {
                w++;
            }

            return new NumberMention(text[start..w], value, text[(end + 1)..w].ToLowerInvariant(), start, w);
        }

        return new NumberMention(text[start..end], value, null, start, end);
    }

    /// <summary>"no one", "the one", "each one": a pronoun, not a count.</summary>
    private static bool PrecededByDeterminer(string text, int start)
    {
        var before = text.AsSpan(0, start).TrimEnd();
        var s = before.Length;
        while (s > 0 && char.IsLetter(before[s - 1]))
        {
            s--;
        }

        return before[s..] is "no" or "No" or "any" or "every" or "some" or "the" or "The" or "this" or "that" or "each" or "which" or "another";
    }

    private static readonly (string Word, int Value)[] PerShare = [("per share", 0), ("a share", 0), ("per diluted share", 0)];

    private static readonly (string Word, double Value)[] Magnitudes =
    [
        ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("mln", 1e6), ("bln", 1e9), ("bn", 1e9),
        ("tn", 1e12),
    ];

    private static readonly (string Word, double Value)[] PercentUnits =
    [
        ("%", 1), ("percent", 1), ("per cent", 1), ("pct", 1), ("percentage points", 2), ("percentage point", 2),
        ("basis points", 3), ("basis point", 3), ("bps", 3), ("bp", 3),
    ];

    private static readonly (string Word, string Code)[] CurrencyWords =
    [
        ("dollars", "USD"), ("euros", "EUR"), ("pounds sterling", "GBP"), ("yen", "JPY"), ("yuan", "CNY"), ("renminbi", "CNY"),
        ("rubles", "RUB"), ("roubles", "RUB"), ("rupees", "INR"), ("won", "KRW"), ("francs", "CHF"),
        ("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("JPY", "JPY"), ("CNY", "CNY"), ("KRW", "KRW"), ("RUB", "RUB"),
        ("CHF", "CHF"), ("CAD", "CAD"), ("AUD", "AUD"), ("INR", "INR"),
    ];

    private static readonly (string Symbol, string Code)[] CurrencySymbols =
    [
        ("US$", "USD"), ("U.S.$", "USD"), ("C$", "CAD"), ("CA$", "CAD"), ("A$", "AUD"), ("AU$", "AUD"), ("HK$", "HKD"),
        ("NZ$", "NZD"), ("S$", "SGD"), ("R$", "BRL"), ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"), ("₹", "INR"),
        ("₩", "KRW"), ("₽", "RUB"), ("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("JPY", "JPY"), ("CHF", "CHF"),
    ];

    /// <summary>A currency sign or code right before the number moves the mention's start to include it.</summary>
    private static string? CurrencyBefore(string text, ref int start)
    {
        var s = start;
        if (s > 0 && text[s - 1] == ' ')
        {
            s--;
        }

        foreach (var (symbol, code) in CurrencySymbols)
        {
            var from = s - symbol.Length;
            var isCode = char.IsLetter(symbol[^1]);
            if (isCode && s == start)
            {
                continue;
            }

            if (!isCode && s != start)
            {
                continue;
            }

            if (from >= 0 && string.CompareOrdinal(text, from, symbol, 0, symbol.Length) == 0 &&
                (from == 0 || !char.IsLetter(text[from - 1]) || symbol[0] == '$' || !char.IsLetter(symbol[0])))
            {
                if (symbol == "$" && from > 0 && char.IsLetter(text[from - 1]))
                {
                    continue;
                }

                start = from;
                return code;
            }
        }

        return null;
    }

    private static bool TryWord<T>(string text, int end, (string Word, T Value)[] table, out int wordEnd, out T value)
    {
        var at = end;
        var spaced = at < text.Length && text[at] is ' ' or '\u00A0';
        if (spaced)
        {
            at++;
        }

        foreach (var (word, v) in table)
        {
            var attachedOnly = word == "%";
            if ((attachedOnly && spaced) || at + word.Length > text.Length)
            {
                continue;
            }

            if (string.Compare(text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
                (at + word.Length == text.Length || !char.IsLetter(text[at + word.Length])) &&
                (spaced || attachedOnly || word.Length <= 3))
            {
                wordEnd = at + word.Length;
                value = v;
                return true;
            }
        }

        wordEnd = end;
        value = default!;
        return false;
    }

    private static bool TryCurrencyWord(string text, int end, out int wordEnd, out string code)
    {
        if (TryWord(text, end, CurrencyWords, out wordEnd, out code))
        {
            // "won" is a verb far more often than a currency: only after a magnitude ("5 billion won").
            var word = text.AsSpan(end).TrimStart();
            return !word.StartsWith("won", StringComparison.OrdinalIgnoreCase) || LastWordIsMagnitude(text, end);
        }

        return false;
    }

    private static bool LastWordIsMagnitude(string text, int end)
    {
        var span = text.AsSpan(0, end).TrimEnd();
        return span.EndsWith("million", StringComparison.OrdinalIgnoreCase) || span.EndsWith("billion", StringComparison.OrdinalIgnoreCase) ||
            span.EndsWith("trillion", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Where a range's upper end finishes ("to 30", "-$20 million"), or <paramref name="end"/> if none.</summary>
    private static int RangeEnd(string text, int end, out double upperScale)
    {
        upperScale = 0;
        var at = end;
        if (at < text.Length && text[at] is '-' or '–' or '‑' or '—')
        {
            at++;
        }
        else if (at + 4 <= text.Length && text.AsSpan(at, 4).SequenceEqual(" to "))
        {
            at += 4;
        }
        else
        {
            return end;
        }

        if (at < text.Length && text[at] is '$' or '£' or '€')
        {
            at++;
        }

        var digitsStart = at;
        while (at < text.Length && (char.IsAsciiDigit(text[at]) || ((text[at] is '.' or ',' or '/' or '-' or '‑') && at + 1 < text.Length && char.IsAsciiDigit(text[at + 1]) && at > digitsStart)))
        {
            at++;
        }

        if (at == digitsStart || (at < text.Length && char.IsLetterOrDigit(text[at]) && text[at] is not ('b' or 'm' or 't')))
        {
            return end;
        }

        if (TryWord(text, at, Magnitudes, out var magEnd, out var scale))
        {
            upperScale = scale;
            at = magEnd;
        }

        return at;
    }

    private static (int Start, int End, int Length) NextWord(string text, int from)
    {
        var s = from;
        if (s >= text.Length || text[s] != ' ')
        {
            return (s, s, 0);
        }

        s++;
        var e = s;
        while (e < text.Length && (char.IsLetter(text[e]) || (text[e] is '-' or '‑' && e > s && e + 1 < text.Length && char.IsLetter(text[e + 1]))))
        {
            e++;
        }

        return (s, e, e - s);
    }

    /// <summary>The counted noun: the next word if it is a plural noun, or the first plural noun after up to two
    /// modifiers ("short-range ballistic missiles", "Houthi targets"); for one thing, the next word.</summary>
    private static (int Start, int End, int Length) CountedNoun(string text, int end, bool singular)
    {
        var first = NextWord(text, end);
        if (first.Length == 0 || IsStopWord(text.AsSpan(first.Start, first.Length)))
        {
            return default;
        }

        var w = first;
        for (var i = 0; i < 3 && w.Length > 0; i++)
        {
            var span = text.AsSpan(w.Start, w.Length);
            if (i > 0 && IsStopWord(span))
            {
                break;
            }

            if (char.IsLower(span[0]) && IsCountNoun(text, w.Start, w.End))
            {
                return w;
            }

            if (singular && char.IsLower(span[0]) && !LooksLikeModifier(span))
            {
                return w;
            }

            w = NextWord(text, w.End);
        }

        // "one individual": no noun-shaped word followed, so the first word is the thing counted.
        return singular && char.IsLower(text[first.Start]) ? first : default;
    }

    private static bool LooksLikeModifier(ReadOnlySpan<char> word) =>
        word.Contains('-') || word.EndsWith("al") || word.EndsWith("ic") || word.EndsWith("ive") || word.EndsWith("ous") ||
        word.EndsWith("ory") || word.EndsWith("ary") || word.EndsWith("ed") || word.EndsWith("ing") || word.EndsWith("ese") ||
        word.EndsWith("ian") || word.EndsWith("ful") || word.EndsWith("less") || word.EndsWith("able") || word.EndsWith("ible") ||
        word.EndsWith("ent") || word.EndsWith("ant") || word.EndsWith("ar") || word.EndsWith("new") || word.EndsWith("more") ||
        word is "single" or "additional" or "other" or "last" or "final" or "new" or "old" or "big" or "small" or "large" or "major" or "senior" or "top";

    private static bool IsCountNoun(string text, int start, int end)
    {
        var word = text.AsSpan(start, end - start);
        return word.Length >= 3 && word[^1] == 's' && word[^2] != 's' && char.IsLower(word[0]) && !IsStopWord(word) ||
            word is "people" or "children" or "men" or "women" or "aircraft" or "personnel" or "staff" or "troops" or "police";
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "of", "to", "and", "or", "the", "a", "an", "in", "on", "at", "by", "for", "from", "with", "as", "is", "was",
        "are", "were", "has", "have", "had", "this", "that", "its", "his", "hers", "theirs", "ours", "yours", "thus",
        "plus", "less", "across", "always", "perhaps", "us", "yes", "does", "says", "seems", "remains", "becomes",
        "makes", "takes", "gives", "goes", "comes", "includes", "represents", "marks", "means", "times", "per",
        "percent", "million", "billion", "trillion", "thousand", "hundred", "more", "than", "over", "under", "who",
        "which", "also", "were", "will", "would", "could", "should", "may", "might", "must", "can", "been", "be",
        "minus", "today", "yesterday", "tomorrow", "tonight", "now", "then", "ago", "earlier", "later", "each", "every", "apiece", "another", "other", "others", "another's", "versus", "vs", "via", "whereas", "besides", "towards", "afterwards", "upwards",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsStopWord(ReadOnlySpan<char> word) => StopWordLookup.Contains(word);

    private static bool IsStreetNumber(string text, int end)
    {
        var name = NextWord(text, end);
        if (name.Length == 0 || !char.IsUpper(text[name.Start]))
        {
            return false;
        }

        var kind = NextWord(text, name.End);
        return kind.Length > 0 && text.AsSpan(kind.Start, kind.Length) is "Street" or "St" or "Avenue" or "Ave" or "Road" or "Rd" or "Boulevard" or "Blvd" or "Lane" or "Place" or "Square" or "Drive";
    }

    private static bool IsAllDigits(string s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Scales in decimal so that "$130.8 million" is 130800000, not 130800000.00000001.</summary>
    private static double Scale(double value, double scale) => (double)((decimal)value * (decimal)scale);

    private static bool TryParseNumber(string s, out double value)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return double.TryParse(s, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        var dash = s.IndexOfAny(['-', '‑']);
        double whole = 0;
        var fraction = s;
        if (dash > 0 && dash < slash)
        {
            whole = double.Parse(s.AsSpan(0, dash), CultureInfo.InvariantCulture);
            fraction = s[(dash + 1)..];
            slash = fraction.IndexOf('/', StringComparison.Ordinal);
        }

        var numerator = double.Parse(fraction.AsSpan(0, slash), CultureInfo.InvariantCulture);
        var denominator = double.Parse(fraction.AsSpan(slash + 1), CultureInfo.InvariantCulture);
        value = denominator == 0 ? 0 : whole + (numerator / denominator);
        return denominator != 0;
    }

    private static readonly Dictionary<string, int> WordValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0,
        ["a"] = 1,
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
        ["first"] = -1,
        ["second"] = -2,
        ["third"] = -3,
        ["fourth"] = -4,
        ["fifth"] = -5,
        ["sixth"] = -6,
        ["seventh"] = -7,
        ["eighth"] = -8,
        ["ninth"] = -9,
        ["tenth"] = -10,
        ["eleventh"] = -11,
        ["twelfth"] = -12,
        ["thirteenth"] = -13,
        ["fourteenth"] = -14,
        ["fifteenth"] = -15,
        ["sixteenth"] = -16,
        ["seventeenth"] = -17,
        ["eighteenth"] = -18,
        ["nineteenth"] = -19,
        ["twentieth"] = -20,
        ["thirtieth"] = -30,
        ["fortieth"] = -40,
        ["fiftieth"] = -50,
        ["sixtieth"] = -60,
        ["seventieth"] = -70,
        ["eightieth"] = -80,
        ["ninetieth"] = -90,
        ["hundredth"] = -100,
        ["thousandth"] = -1000,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> WordValueLookup = WordValues.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, int> Denominators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["half"] = 2,
        ["halves"] = 2,
        ["third"] = 3,
        ["thirds"] = 3,
        ["quarter"] = 4,
        ["quarters"] = 4,
        ["fourth"] = 4,
        ["fourths"] = 4,
        ["fifth"] = 5,
        ["fifths"] = 5,
        ["sixth"] = 6,
        ["sixths"] = 6,
        ["seventh"] = 7,
        ["sevenths"] = 7,
        ["eighth"] = 8,
        ["eighths"] = 8,
        ["ninth"] = 9,
        ["ninths"] = 9,
        ["tenth"] = 10,
        ["tenths"] = 10,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> FractionLookup = Denominators.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Value of a spelled-out number ("twenty-five", "two dozen", "five hundred thousand", "twenty-fourth").
    /// Ordinal words are stored negated in the table so that one lookup tells both.</summary>
    private static double? WordValue(string words, out bool isOrdinal)
    {
        isOrdinal = false;
        double total = 0;
        double current = 0;
        var any = false;
        foreach (var range in words.AsSpan().SplitAny(' ', '-', '‑', '\n', '\t'))
        {
            var word = words.AsSpan(range);
            if (word.IsEmpty || word.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            switch (word)
            {
                case var _ when word.Equals("hundred", StringComparison.OrdinalIgnoreCase):
                    current = (current == 0 ? 1 : current) * 100;
                    break;
                case var _ when word.Equals("dozen", StringComparison.OrdinalIgnoreCase):
                    current = (current == 0 ? 1 : current) * 12;
                    break;
                case var _ when word.Equals("thousand", StringComparison.OrdinalIgnoreCase):
                    total += (current == 0 ? 1 : current) * 1e3;
                    current = 0;
                    break;
                case var _ when word.Equals("million", StringComparison.OrdinalIgnoreCase):
                    total += (current == 0 ? 1 : current) * 1e6;
                    current = 0;
                    break;
                case var _ when word.Equals("billion", StringComparison.OrdinalIgnoreCase):
                    total += (current == 0 ? 1 : current) * 1e9;
                    current = 0;
                    break;
                case var _ when word.Equals("trillion", StringComparison.OrdinalIgnoreCase):
                    total += (current == 0 ? 1 : current) * 1e12;
                    current = 0;
                    break;
                default:
                    // "one-third", "two-thirds", "three-quarters": a small count before a fraction word divides.
                    if (any && total == 0 && current is > 0 and < 20 && FractionLookup.TryGetValue(word, out var denominator))
                    {
                        return current / denominator;
                    }

                    if (!WordValueLookup.TryGetValue(word, out var v))
                    {
                        return null;
                    }

                    if (v < 0)
                    {
                        isOrdinal = true;
                        v = -v;
                    }

                    current += v;
                    break;
            }

            any = true;
        }

        return any ? total + current : null;
    }
}
