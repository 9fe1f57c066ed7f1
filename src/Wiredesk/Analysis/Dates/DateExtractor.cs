using System.Globalization;
using System.Text.RegularExpressions;

namespace Wiredesk.Analysis.Dates;

/// <summary>Finds absolute and relative dates and times and resolves them against the report's published date.
/// Rules (docs/analysis.md, "Dates"): a day or month without a year takes the published year, or the year before
/// when that would put it more than 60 days after publication; a bare weekday is the latest such day on or before
/// publication unless the words just before it look ahead ("will", "next", "on ... at"), then the next one on or after;
/// "this week" is the ISO week of publication. Values are ISO 8601 (see <see cref="DateMention"/>); null when the
/// text needs a published date that is unknown or cannot be pinned to a calendar (e.g. "the last few weeks").</summary>
public static partial class DateExtractor
{
    private const string Months =
        "jan(?:uary|\\.)?|feb(?:ruary|\\.)?|mar(?:ch|\\.)?|apr(?:il|\\.)?|(?-i:May|MAY)|june?\\.?|july?\\.?|aug(?:ust|\\.)?|sep(?:tember|t\\.|\\.|t)?|oct(?:ober|\\.)?|nov(?:ember|\\.)?|dec(?:ember|\\.)?";

    private const string Weekdays = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

    private const string PartOfDay = "morning|afternoon|evening|night";

    private const string Zone = "(?:\\s*\\(?(?:E[SD]?T|C[SD]?T|M[SD]?T|P[SD]?T|GMT|UTC|BST|CET|CEST|KST|JST|Eastern(?:\\s+(?:Standard|Daylight))?\\s+Time)\\)?)?";

    private const string Clock = "(?<h>[0-2]?\\d):(?<mi>[0-5]\\d)(?::[0-5]\\d)?(?:\\s*(?<ap>[ap])\\.?\\s?m\\b\\.?)?" + Zone;

    /// <summary>"4.30pm": a dot between hour and minute only with am/pm, or it is a decimal number.</summary>
    private const string DottedClock = "(?<h>[01]?\\d)\\.(?<mi>[0-5]\\d)\\s*(?<ap>[ap])\\.?\\s?m\\b\\.?" + Zone;

    // Three anchored patterns (\\G): Extract tries one only where a word that can open a date starts (see
    // Pattern), which keeps the cost to a few attempts per report instead of one per character.
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>Dates that start with a month, a weekday before a full date, or early/mid/late.</summary>
    [GeneratedRegex(
        // A weekday before a full date is part of it: "Tuesday, September 17, 2024".
        "\\G(?:(?:(?<wd>" + Weekdays + "),?\\s+)?(?<mon>" + Months + ")\\s+(?<d>[0-3]?\\d)(?:st|nd|rd|th)?(?:\\s*(?:–|-|to|through)\\s*(?<d2>[0-3]?\\d)(?:st|nd|rd|th)?)?(?!\\d|:\\d|\\.\\d|,\\d{3})(?:,?\\s+(?<y>(?:19|20)\\d{2})(?!\\d))?" +
        "|(?:(?<q>early|mid|late)[\\s\\-‑])?(?<mon>" + Months + ")(?:,?\\s+(?:of\\s+)?)(?<y>(?:19|20)\\d{2})(?!\\d)" +
        "|(?<q>early|mid|late)[\\s\\-‑](?<mon>" + Months + ")(?![a-z])" +
        "|(?<q>early|mid|late)[\\s\\-‑](?<year>(?:19|20)\\d{2})(?!\\d)" +
        "|(?<=\\b(?:in|since|until|till|by|during|from|through|of|before|after|last|next|this|between)\\s+)(?<mon>(?-i:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))(?![a-z]))",
        Options)]
    private static partial Regex MonthPattern();

    /// <summary>Dates that start with a digit: "31 May 2024", ISO and US numeric dates, clock times, years.</summary>
    [GeneratedRegex(
        "\\G(?:(?<ago>(?<agoN>\\d{1,3})\\s+(?<agoUnit>day|week|month|year)s?\\s+ago)" +
        "|(?<d>[0-3]?\\d)(?:st|nd|rd|th)?(?:\\s*(?:–|-|to)\\s*(?<d2>[0-3]?\\d))?\\s+(?<mon>" + Months + ")(?![a-z])(?:,?\\s+(?<y>(?:19|20)\\d{2})(?!\\d))?" +
        "|(?<iy>(?:19|20)\\d{2})-(?<im>[01]\\d)-(?<id>[0-3]\\d)(?:[T\\s](?<h>[0-2]\\d):(?<mi>[0-5]\\d))?" +
        "|(?<nm>[01]?\\d)/(?<nd>[0-3]?\\d)/(?<ny>(?:19|20)?\\d{2})(?!\\d)(?:\\s+" + Clock + ")?" +
        "|(?<![\\d:.,$])(?:" + Clock + "|" + DottedClock + ")" +
        "|(?<![$£€#\\d.,]|\\d[-‑–])(?<year>(?:19|20)\\d{2})(?![\\d%]|,\\d|\\.\\d|\\s?(?:percent|per\\s+cent|million|billion|trillion)\\b))",
        Options)]
    private static partial Regex DigitPattern();

    /// <summary>Quarters, fiscal years and relative dates ("today", "last week", "Thursday night").</summary>
    [GeneratedRegex(
        "\\G(?:(?<ago>(?<agoN>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|a\\s+few)\\s+(?<agoUnit>day|week|month|year)s?\\s+ago)" +
        "|(?<qn>Q[1-4]|(?:first|second|third|fourth)\\s+quarter)(?:\\s+(?:of\\s+)?(?<fy>fiscal\\s+(?:year\\s+)?)?(?<y>(?:19|20)\\d{2})(?!\\d))?" +
        "|(?<fy>FY\\s?'?(?<y>\\d{2}|(?:19|20)\\d{2}))(?![\\d])" +
        "|(?<rel>(?:(?:so\\s+far|earlier|later)\\s+)?(?:this|last|next|past)\\s+(?<unit>week|month|year|weekend)|(?:the\\s+)?(?:last|past|next)\\s+(?:few|several|two|three)\\s+(?:days|weeks|months|years)" +
        "|(?:today|tonight|yesterday|tomorrow)(?:\\s+(?:" + PartOfDay + "))?|this\\s+(?:" + PartOfDay + ")|(?:last|next|this)\\s+(?:" + Weekdays + ")|(?:" + Weekdays + ")(?:\\s+(?:" + PartOfDay + "))?|midnight|noon))",
        Options)]
    private static partial Regex RelativePattern();

    public static IReadOnlyList<DateMention> Extract(string text, DateOnly? published)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mentions = new List<DateMention>();
        List<(int Index, int Hour, int Minute)>? bareTimes = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var wordEnd = i + 1;
            while (wordEnd < text.Length && char.IsLetter(text[wordEnd]) && char.IsLetter(text[i]))
            {
                wordEnd++;
            }

            var m = TryAt(text, i, wordEnd);
            if (!m.Success || m.Length == 0 || !AtWordBoundary(text, m.Index, m.Index + m.Length))
            {
                // Skip the rest of a word, or a whole run of digits so that "2024" is not retried at "024".
                i = char.IsDigit(text[i]) ? SkipDigits(text, i) : wordEnd;
                continue;
            }

            var start = m.Index;
            var length = m.Length;
            i = start + length;

            var value = Resolve(m, text, published);
            var end = start + length;
            while (end > start && text[end - 1] is ',' or ' ' or '(' or '\u00A0')
            {
                end--;
            }

            if (IsBareTime(m))
            {
                (bareTimes ??= []).Add((mentions.Count, Hour(m), Int(m, "mi")));
            }

            mentions.Add(new DateMention(text[start..end], value, start, end));
        }

        if (bareTimes is not null)
        {
            AttachTimesToDays(text, mentions, bareTimes);
        }

        return mentions;
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsLetterOrDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Tries the pattern that fits the word at <paramref name="start"/>: digits, a month or weekday, or a
    /// relative date word; most words fit none and cost one set lookup.</summary>
    private static Match TryAt(string text, int start, int wordEnd)
    {
        var c = text[start];
        if (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            return Match.Empty;
        }

        if (char.IsDigit(c))
        {
            return DigitRunCanOpen(text, start) ? DigitPattern().Match(text, start) : Match.Empty;
        }

        var length = wordEnd - start;
        if (c is 'Q' or 'q' && length == 1 && wordEnd < text.Length && char.IsDigit(text[wordEnd]))
        {
            return RelativePattern().Match(text, start);
        }

        if (!OpenerLookup.TryGetValue(text.AsSpan(start, length), out var kind))
        {
            return Match.Empty;
        }

        if ((kind & NextWordKnown) != 0 && !NextWordCanFollow(text, wordEnd, kind))
        {
            return Match.Empty;
        }

        if ((kind & OpensMonth) != 0)
        {
            var m = MonthPattern().Match(text, start);
            if (m.Success || (kind & OpensRelative) == 0)
            {
                return m;
            }
        }

        return RelativePattern().Match(text, start);
    }

    /// <summary>A run of digits opens a date only as a day, month, hour or count (one to three digits followed by
    /// what those take) or as a year starting 19 or 20: most numbers ("$820", "27%", "1,200") are rejected here
    /// without a pattern attempt. A character outside ASCII always goes on to the pattern, which knows its case
    /// equivalents and white space.</summary>
    private static bool DigitRunCanOpen(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }

        var length = end - start;
        if (length == 4)
        {
            return text[start] == '1' && text[start + 1] == '9' || text[start] == '2' && text[start + 1] == '0';
        }

        if (length > 4 || end >= text.Length || !char.IsAscii(text[end]))
        {
            return length < 4;
        }

        var next = text[end];
        if (char.IsWhiteSpace(next))
        {
            return true;
        }

        // Two digits at most before an ordinal suffix, a range, a date's slash or a clock's colon or dot.
        return length <= 2 && next is 's' or 'S' or 'n' or 'N' or 'r' or 'R' or 't' or 'T' or '-' or '/' or ':' or '.';
    }

    /// <summary>For common words that open a date only before certain words ("the last few weeks", "a week ago",
    /// "first quarter"): false when the next word cannot start with any of them. Only an ASCII letter after ASCII
    /// white space is judged; anything else is left to the pattern.</summary>
    private static bool NextWordCanFollow(string text, int wordEnd, int kind)
    {
        var at = wordEnd;
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        if (at == wordEnd || at >= text.Length)
        {
            // Every such pattern needs white space after the word and a word after it.
            return at < text.Length && !char.IsAscii(text[wordEnd]);
        }

        var next = text[at];
        if (!char.IsAsciiLetter(next))
        {
            return !char.IsAscii(next) || HasNonAsciiSpace(text, wordEnd, at);
        }

        var bit = 1 << (char.ToLowerInvariant(next) - 'a');
        return (kind >> NextLetterShift & bit) != 0 || HasNonAsciiSpace(text, wordEnd, at);
    }

    private static bool HasNonAsciiSpace(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (!char.IsAscii(text[k]))
            {
                return true;
            }
        }

        return false;
    }

    private const int OpensMonth = 1;
    private const int OpensRelative = 2;
    private const int NextWordKnown = 4;
    private const int NextLetterShift = 3;

    /// <summary>Marks a relative opener that is followed by a word starting with one of <paramref name="letters"/>.</summary>
    private static int Before(string letters)
    {
        var mask = 0;
        foreach (var l in letters)
        {
            mask |= 1 << (l - 'a');
        }

        return OpensRelative | NextWordKnown | mask << NextLetterShift;
    }

    /// <summary>Whole words that can open a date (case-blind), and which patterns to try at them.</summary>
    private static readonly Dictionary<string, int> Openers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["january"] = OpensMonth,
        ["jan"] = OpensMonth,
        ["february"] = OpensMonth,
        ["feb"] = OpensMonth,
        ["march"] = OpensMonth,
        ["mar"] = OpensMonth,
        ["april"] = OpensMonth,
        ["apr"] = OpensMonth,
        ["may"] = OpensMonth,
        ["june"] = OpensMonth,
        ["jun"] = OpensMonth,
        ["july"] = OpensMonth,
        ["jul"] = OpensMonth,
        ["august"] = OpensMonth,
        ["aug"] = OpensMonth,
        ["september"] = OpensMonth,
        ["sept"] = OpensMonth,
        ["sep"] = OpensMonth,
        ["october"] = OpensMonth,
        ["oct"] = OpensMonth,
        ["november"] = OpensMonth,
        ["nov"] = OpensMonth,
        ["december"] = OpensMonth,
        ["dec"] = OpensMonth,
        ["monday"] = OpensMonth | OpensRelative,
        ["tuesday"] = OpensMonth | OpensRelative,
        ["wednesday"] = OpensMonth | OpensRelative,
        ["thursday"] = OpensMonth | OpensRelative,
        ["friday"] = OpensMonth | OpensRelative,
        ["saturday"] = OpensMonth | OpensRelative,
        ["sunday"] = OpensMonth | OpensRelative,
        ["early"] = OpensMonth | OpensRelative,
        ["mid"] = OpensMonth | OpensRelative,
        ["late"] = OpensMonth | OpensRelative,
        ["today"] = OpensRelative,
        ["tonight"] = OpensRelative,
        ["yesterday"] = OpensRelative,
        ["tomorrow"] = OpensRelative,
        ["this"] = Before("wmyaentfs"),
        ["last"] = Before("wmyftsn"),
        ["next"] = Before("wmyftsn"),
        ["past"] = Before("wmyftsn"),
        ["earlier"] = Before("tlnp"),
        ["later"] = Before("tlnp"),
        ["so"] = Before("f"),
        ["first"] = Before("q"),
        ["second"] = Before("q"),
        ["third"] = Before("q"),
        ["fourth"] = Before("q"),
        ["the"] = Before("lpn"),
        ["noon"] = OpensRelative,
        ["midnight"] = OpensRelative,
        ["one"] = Before("dwmy"),
        ["two"] = Before("dwmy"),
        ["three"] = Before("dwmy"),
        ["four"] = Before("dwmy"),
        ["five"] = Before("dwmy"),
        ["six"] = Before("dwmy"),
        ["seven"] = Before("dwmy"),
        ["eight"] = Before("dwmy"),
        ["nine"] = Before("dwmy"),
        ["ten"] = Before("dwmy"),
        ["eleven"] = Before("dwmy"),
        ["twelve"] = Before("dwmy"),
        ["a"] = Before("dwmyf"),
        ["an"] = Before("dwmy"),
        ["few"] = Before("dwmy"),
        ["several"] = Before("dwmy"),
        ["fy"] = OpensRelative,
    };

    private static readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> OpenerLookup = Openers.GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsBareTime(Match m) => m.Groups["h"].Success && !m.Groups["iy"].Success && !m.Groups["nm"].Success;

    /// <summary>A clock time takes its day from a day right next to it ("11:59 p.m. on June 13, 2024",
    /// "8:30 a.m. (ET) Friday, October 4, 2024"), else from the last day named earlier in the same paragraph
    /// ("Tuesday, September 17, 2024, at 10:30 a.m."), else from the published date.</summary>
    private static void AttachTimesToDays(string text, List<DateMention> mentions, List<(int Index, int Hour, int Minute)> times)
    {
        foreach (var (index, hour, minute) in times)
        {
            var time = mentions[index];
            string? day = null;
            if (index + 1 < mentions.Count && IsDay(mentions[index + 1].Value) && IsGlue(text.AsSpan(time.End, mentions[index + 1].Start - time.End)))
            {
                day = mentions[index + 1].Value;
            }
            else if (index > 0 && IsDay(mentions[index - 1].Value) && time.Start - mentions[index - 1].End <= 160 &&
                text.AsSpan(mentions[index - 1].End, time.Start - mentions[index - 1].End).IndexOf('\n') < 0)
            {
                day = mentions[index - 1].Value;
            }

            if (day is not null)
            {
                mentions[index] = time with { Value = $"{day}T{hour:D2}:{minute:D2}" };
            }
        }
    }

    private static bool IsDay(string? value) => value is { Length: 10 };

    /// <summary>Only spaces, commas, brackets, a zone and "on" between a time and its day.</summary>
    private static bool IsGlue(ReadOnlySpan<char> gap)
    {
        gap = gap.Trim(" ,()\u00A0");
        return gap.IsEmpty || gap.Equals("on", StringComparison.OrdinalIgnoreCase) || gap.Equals("ET", StringComparison.Ordinal);
    }

    private static int Hour(Match m)
    {
        var hour = Int(m, "h");
        if (m.Groups["ap"].Success)
        {
            var pm = m.Groups["ap"].ValueSpan[0] is 'p' or 'P';
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        return hour;
    }

    private static bool AtWordBoundary(string text, int start, int end)
    {
        var leftOk = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
        var rightOk = end >= text.Length || !char.IsLetterOrDigit(text[end]) || !char.IsLetterOrDigit(text[end - 1]);
        return leftOk && rightOk;
    }

    private static string? Resolve(Match m, string text, DateOnly? published)
    {
        if (m.Groups["ago"].Success)
        {
            return published is null ? null : Ago(m.Groups["agoN"].Value, m.Groups["agoUnit"].Value, published.Value);
        }

        if (m.Groups["iy"].Success)
        {
            return IsoDay(Int(m, "iy"), Int(m, "im"), Int(m, "id"), m);
        }

        if (m.Groups["nm"].Success)
        {
            var y = Int(m, "ny");
            y = y < 100 ? 2000 + y : y;
            return IsoDay(y, Int(m, "nm"), Int(m, "nd"), m);
        }

        if (m.Groups["mon"].Success)
        {
            var month = MonthNumber(m.Groups["mon"].ValueSpan);
            if (month == 0)
            {
                return null;
            }

            int? year = m.Groups["y"].Success ? Int(m, "y") : null;
            if (m.Groups["d"].Success)
            {
                var day = Int(m, "d");
                year ??= InferYear(published, month, day);
                return year is null ? null : IsoDay(year.Value, month, day, m);
            }

            year ??= InferYear(published, month, 15);
            return year is null ? null : $"{year:D4}-{month:D2}";
        }

        if (m.Groups["qn"].Success || m.Groups["fy"].Success)
        {
            // Calendar quarters give their year; fiscal years differ by company, so they stay unresolved.
            return m.Groups["fy"].Success || !m.Groups["y"].Success ? null : m.Groups["y"].Value;
        }

        if (m.Groups["h"].Success)
        {
            return published is null ? null : Time(published.Value, m);
        }

        if (m.Groups["rel"].Success)
        {
            return published is null ? null : Relative(m.Groups["rel"].Value, published.Value, text, m.Index);
        }

        if (m.Groups["year"].Success)
        {
            return m.Groups["year"].Value;
        }

        return null;
    }

    /// <summary>"three weeks ago": counted back from publication at the precision of the unit; "a few" and
    /// "several" are too vague to resolve.</summary>
    private static string? Ago(string count, string unit, DateOnly published)
    {
        var n = count.ToLowerInvariant() switch
        {
            "a" or "an" or "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            var digits when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var d) => d,
            _ => 0,
        };
        if (n == 0)
        {
            return null;
        }

        switch (unit.ToLowerInvariant())
        {
            case "day":
                return Day(published.AddDays(-n));
            case "week":
                var d = published.AddDays(-7 * n).ToDateTime(TimeOnly.MinValue);
                return $"{ISOWeek.GetYear(d):D4}-W{ISOWeek.GetWeekOfYear(d):D2}";
            case "month":
                var month = published.AddMonths(-n);
                return $"{month.Year:D4}-{month.Month:D2}";
            default:
                return (published.Year - n).ToString("D4", CultureInfo.InvariantCulture);
        }
    }

    private static string? Relative(string phrase, DateOnly published, string text, int at)
    {
        var p = phrase.ToLowerInvariant();
        if (p.StartsWith("today", StringComparison.Ordinal) || p.StartsWith("tonight", StringComparison.Ordinal) || p.StartsWith("this morning", StringComparison.Ordinal) ||
            p.StartsWith("this afternoon", StringComparison.Ordinal) || p.StartsWith("this evening", StringComparison.Ordinal) || p.StartsWith("this night", StringComparison.Ordinal))
        {
            return Day(published);
        }

        if (p.StartsWith("yesterday", StringComparison.Ordinal))
        {
            return Day(published.AddDays(-1));
        }

        if (p.StartsWith("tomorrow", StringComparison.Ordinal))
        {
            return Day(published.AddDays(1));
        }

        if (p.Contains("few", StringComparison.Ordinal) || p.Contains("several", StringComparison.Ordinal) || p is "midnight" or "noon" ||
            p.Contains(" days", StringComparison.Ordinal) || p.Contains(" weeks", StringComparison.Ordinal) || p.Contains(" months", StringComparison.Ordinal) || p.Contains(" years", StringComparison.Ordinal))
        {
            return null;
        }

        var shift = p.Contains("last", StringComparison.Ordinal) || p.Contains("past", StringComparison.Ordinal) ? -1 : p.Contains("next", StringComparison.Ordinal) ? 1 : 0;
        if (p.EndsWith("weekend", StringComparison.Ordinal))
        {
            return null;
        }

        if (p.EndsWith("week", StringComparison.Ordinal))
        {
            var d = published.AddDays(7 * shift).ToDateTime(TimeOnly.MinValue);
            return $"{ISOWeek.GetYear(d):D4}-W{ISOWeek.GetWeekOfYear(d):D2}";
        }

        if (p.EndsWith("month", StringComparison.Ordinal))
        {
            var d = published.AddMonths(shift);
            return $"{d.Year:D4}-{d.Month:D2}";
        }

        if (p.EndsWith("year", StringComparison.Ordinal))
        {
            return (published.Year + shift).ToString("D4", CultureInfo.InvariantCulture);
        }

        var weekday = WeekdayIn(p);
        if (weekday is null)
        {
            return null;
        }

        var forward = shift > 0 || (shift == 0 && LooksAhead(text, at));
        var back = ((int)published.DayOfWeek - (int)weekday.Value + 7) % 7;
        var ahead = ((int)weekday.Value - (int)published.DayOfWeek + 7) % 7;
        var date = shift < 0 ? published.AddDays(back == 0 ? -7 : -back)
            : shift > 0 ? published.AddDays(ahead == 0 ? 7 : ahead)
            : forward ? published.AddDays(ahead) : published.AddDays(-back);
        return Day(date);
    }

    /// <summary>Future-tense cues within the clause before a bare weekday ("will meet on Thursday").</summary>
    private static bool LooksAhead(string text, int at)
    {
        var from = Math.Max(0, at - 60);
        var before = text.AsSpan(from, at - from);
        var stop = before.LastIndexOfAny('.', '\n');
        if (stop >= 0)
        {
            before = before[(stop + 1)..];
        }

        return before.Contains(" will ", StringComparison.OrdinalIgnoreCase) || before.Contains("scheduled", StringComparison.OrdinalIgnoreCase) ||
            before.Contains("’ll ", StringComparison.OrdinalIgnoreCase) || before.Contains("'ll ", StringComparison.OrdinalIgnoreCase) ||
            before.Contains(" to be ", StringComparison.OrdinalIgnoreCase) || before.Contains("upcoming", StringComparison.OrdinalIgnoreCase);
    }

    private static DayOfWeek? WeekdayIn(string p)
    {
        for (var d = DayOfWeek.Sunday; d <= DayOfWeek.Saturday; d++)
        {
            if (p.Contains(DayNames[(int)d], StringComparison.Ordinal))
            {
                return d;
            }
        }

        return null;
    }

    private static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>A day or month without a year belongs to the published year unless that would put it more than
    /// 60 days after publication (a report looks back more often than ahead), then to the year before.</summary>
    private static int? InferYear(DateOnly? published, int month, int day)
    {
        if (published is null)
        {
            return null;
        }

        var year = published.Value.Year;
        day = Math.Clamp(day, 1, DateTime.DaysInMonth(year, month));
        var candidate = new DateOnly(year, month, day);
        return candidate.DayNumber - published.Value.DayNumber > 60 ? year - 1 : year;
    }

    private static string? IsoDay(int year, int month, int day, Match m)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        var date = new DateOnly(year, month, day);
        return m.Groups["h"].Success ? Time(date, m) : Day(date);
    }

    private static string? Time(DateOnly date, Match m)
    {
        var hour = Hour(m);
        var minute = Int(m, "mi");
        return hour > 23 ? null : $"{Day(date)}T{hour:D2}:{minute:D2}";
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static int MonthNumber(ReadOnlySpan<char> name)
    {
        if (name.Length < 3)
        {
            return 0;
        }

        Span<char> key = stackalloc char[3];
        name[..3].ToLowerInvariant(key);
        return key switch
        {
            "jan" => 1,
            "feb" => 2,
            "mar" => 3,
            "apr" => 4,
            "may" => 5,
            "jun" => 6,
            "jul" => 7,
            "aug" => 8,
            "sep" => 9,
            "oct" => 10,
            "nov" => 11,
            "dec" => 12,
            _ => 0,
        };
    }
}
