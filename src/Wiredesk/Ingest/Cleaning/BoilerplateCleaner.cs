using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Wiredesk.Ingest.Cleaning;

/// <summary>Removes page furniture (credits, banners, promos, navigation, share and comment widgets, copyright
/// lines) line by line and normalises whitespace inside paragraphs. Every rule is a generic pattern over one line;
/// a line that carries a quotation is never removed by the looser rules (short lines, promos, bullets), so quoted
/// speech survives. The rules are listed in docs/ingest.md.</summary>
public static partial class BoilerplateCleaner
{
    // Cues: for a pattern that scans the whole line, words that every match of it contains (case-blind). One
    // vectorised search for them rules out most story paragraphs before the pattern runs, and since each cue is
    // necessary for a match, no line is judged differently. No cue holds a "k": a case-blind pattern also takes
    // the Kelvin sign for it, a case-blind string search does not.
    private static readonly SearchValues<string> CopyrightCues = Cues("©", "(c)", "copyright", "all rights reserved");

    private static readonly SearchValues<string> DisclaimerCues = Cues("advice", "purposes only", "recommendation to");

    private static readonly SearchValues<string> GovernmentBannerCues = Cues(
        "official website of the", "how you", ".gov", "websites use", "a loc", "safely connected to the", "share sensitive information only on");

    private static readonly SearchValues<string> CommentsPromptCues = Cues("comment", "join the ", "start a discussion");

    private static readonly SearchValues<string> PromoTermCues = Cues(
        "alert", "newsletter", "subscri", "inbox", "free", "premium", "real", "ing news", "insights", "notification", "app",
        "podcast", "twitter", "faceboo", "edin", "instagram", "youtube", "telegram", "whatsapp", "mail");

    private static SearchValues<string> Cues(params string[] cues) => SearchValues.Create(cues, StringComparison.OrdinalIgnoreCase);

    private static bool HasCue(string line, SearchValues<string> cues) => line.AsSpan().ContainsAny(cues);

    /// <summary>The rules in order. MaxLength is checked first so that long story paragraphs skip the patterns
    /// that can only match short lines: ingest speed depends on it.</summary>
    private static readonly (string Name, int MaxLength, Func<string, bool> Matches)[] Rules =
    [
        ("image credit", 800, IsImageCredit),
        ("generated-by note", 300, line => GeneratedNote().IsMatch(line)),
        ("copyright", 300, line => HasCue(line, CopyrightCues) && Copyright().IsMatch(line)),
        ("disclaimer", 400, line => HasCue(line, DisclaimerCues) && Disclaimer().IsMatch(line)),
        ("government banner", 300, line => HasCue(line, GovernmentBannerCues) && GovernmentBanner().IsMatch(line)),
        ("comments widget", 200, line => CommentsLabel().IsMatch(line) || (HasCue(line, CommentsPromptCues) && CommentsPrompt().IsMatch(line))),
        ("share buttons", 200, line => ShareButtons().IsMatch(line) || (line.Contains("share", StringComparison.OrdinalIgnoreCase) && SharePrompt().IsMatch(line))),
        ("promo", 250, IsPromo),
        ("legal links", 200, line => WordCountAtMost(line, 12) && LegalLinks().IsMatch(line)),
        ("glued navigation", 200, IsGluedNavigation),
        ("form label", 40, line => FormLabel().IsMatch(line)),
        ("release line", 60, line => ReleaseLine().IsMatch(line)),
        ("citation", 500, IsCitationOrLinkLine),
        ("date line", 100, IsDateLine),
        ("byline", 120, line => WordCountAtMost(line, 8) && Byline().IsMatch(line)),
        ("code or ticker line", 60, line => TickerLine().IsMatch(line) || IdentifierLine().IsMatch(line)),
        ("markup residue", 500, line => line.AsSpan().IndexOfAny('<', '=') >= 0 && MarkupResidue().IsMatch(line)),
        ("bulleted navigation", 80, IsBulletedNavigation),
        ("short title-case line", 150, IsShortTitleCaseLine),
    ];

    private static readonly HashSet<string> LowercaseInTitles = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "by", "de", "for", "from", "in", "of", "on", "or", "the", "to", "with", "von", "van",
    };

    /// <summary>Returns the text with furniture lines removed (paragraphs separated by one blank line) and the
    /// removed lines in order.</summary>
    public static (string Text, IReadOnlyList<string> Removed) Clean(string text)
    {
        var (kept, removed) = CleanParagraphs(text, 0);
        return (string.Join("\n\n", kept), removed);
    }

    /// <summary>As <see cref="Clean"/> for the text from <paramref name="start"/> on, with the kept paragraphs still
    /// apart: a reader that drops more of them (headline repeats) then joins the text once, and no copy of the body is
    /// made before cleaning.</summary>
    internal static (List<string> Kept, List<string> Removed) CleanParagraphs(string text, int start)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new List<string>();
        var removed = new List<string>();
        foreach (var line in Paragraphs(text, start))
        {
            (RuleFor(line) is null ? kept : removed).Add(line);
        }

        return (kept, removed);
    }

    /// <summary>The name of the first rule that marks the line as furniture, or null when it is story text.</summary>
    public static string? RuleFor(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        foreach (var (name, maxLength, matches) in Rules)
        {
            if (line.Length <= maxLength && matches(line))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>"Image via Shutterstock", "(Photo by X/Getty Images)", "Credit: X", and captions ending in such a credit.</summary>
    public static bool IsImageCredit(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return (line.Length <= 150 && (CreditLine().IsMatch(line) || (PhotoOf().IsMatch(line) && WordCountAtMost(line, 25))))
            || (line.Length <= 800 && line.EndsWith(')') && !HasQuotation(line) && CaptionEndingInCredit().IsMatch(line));
    }

    /// <summary>Splits text into paragraphs: blank lines separate paragraphs; inside a block, each line is its own
    /// paragraph unless it is visibly soft-wrapped (it runs on into a lowercase line, or every line but the last is
    /// long and unpunctuated at its end). Whitespace runs inside a paragraph become one space.</summary>
    internal static List<string> Paragraphs(string text) => Paragraphs(text, 0);

    /// <summary>The paragraphs of the text from <paramref name="start"/> on. Blocks and lines are read as ranges of
    /// the text: the only strings made are the lines themselves, and a paragraph of one line (most) is that line.</summary>
    private static List<string> Paragraphs(string text, int start)
    {
        if (text.AsSpan(start).Contains("\r\n", StringComparison.Ordinal))
        {
            text = text[start..].Replace("\r\n", "\n", StringComparison.Ordinal);
            start = 0;
        }

        var paragraphs = new List<string>();
        var lines = new List<string>();
        var body = text.AsSpan(start);
        var blockStart = 0;
        foreach (var blank in BlankLines().EnumerateMatches(body))
        {
            AddBlock(body[blockStart..blank.Index], lines, paragraphs);
            blockStart = blank.Index + blank.Length;
        }

        AddBlock(body[blockStart..], lines, paragraphs);
        return paragraphs;
    }

    private static void AddBlock(ReadOnlySpan<char> block, List<string> lines, List<string> paragraphs)
    {
        lines.Clear();
        foreach (var range in block.Split('\n'))
        {
            var line = NormaliseWhitespace(block[range]);
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        var wrapped = lines.Count > 1;
        for (var i = 0; wrapped && i < lines.Count - 1; i++)
        {
            wrapped = lines[i].Length >= 55;
        }

        var first = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var joinNext = i + 1 < lines.Count && !EndsSentence(lines[i])
                && (char.IsLower(lines[i + 1][0]) || wrapped);
            if (!joinNext)
            {
                paragraphs.Add(i == first ? lines[i] : string.Join(' ', CollectionsMarshal.AsSpan(lines).Slice(first, i - first + 1)));
                first = i + 1;
            }
        }
    }

    /// <summary>The line with whitespace runs made one space and no whitespace at either end; one string, the result.</summary>
    private static string NormaliseWhitespace(ReadOnlySpan<char> line)
    {
        if (IsNormalised(line))
        {
            return line.ToString();
        }

        var builder = new StringBuilder(line.Length);
        AppendNormalised(line, builder);
        return builder.ToString().Trim();
    }

    internal static string NormaliseWhitespace(string line)
    {
        if (IsNormalised(line))
        {
            return line;
        }

        var builder = new StringBuilder(line.Length);
        AppendNormalised(line, builder);
        return builder.ToString().Trim();
    }

    private static void AppendNormalised(ReadOnlySpan<char> line, StringBuilder builder)
    {
        var i = 0;
        while (i < line.Length)
        {
            if (!char.IsWhiteSpace(line[i]))
            {
                builder.Append(line[i++]);
                continue;
            }

            var start = i;
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            // A single no-break or thin space is the writer's choice and stays; runs and tabs become one space.
            builder.Append(i - start == 1 && !char.IsControl(line[start]) ? line[start] : ' ');
        }
    }

    /// <summary>True when the line has no leading or trailing whitespace, no whitespace runs and no control
    /// whitespace: most lines, which then need no copy.</summary>
    private static bool IsNormalised(ReadOnlySpan<char> line)
    {
        if (line.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(line[0]) || char.IsWhiteSpace(line[^1]))
        {
            return false;
        }

        var previousWasSpace = false;
        foreach (var c in line)
        {
            var space = char.IsWhiteSpace(c);
            if (space && (previousWasSpace || char.IsControl(c)))
            {
                return false;
            }

            previousWasSpace = space;
        }

        return true;
    }

    private static bool EndsSentence(string line) => line.Length > 0 && ".!?:;\"”’)]".Contains(line[^1], StringComparison.Ordinal);

    /// <summary>Counts space-separated words without allocating, stopping once past the limit.</summary>
    private static bool WordCountAtMost(ReadOnlySpan<char> line, int limit)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                if (++words > limit)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>A line that quotes someone: curly quotes, or a pair of straight double quotes around words.</summary>
    private static bool HasQuotation(string line) => line.Contains('“', StringComparison.Ordinal) || line.Contains('”', StringComparison.Ordinal) || StraightQuotation().IsMatch(line);

    private static bool IsPromo(string line)
    {
        if (line.Length > 250 || HasQuotation(line))
        {
            return false;
        }

        if (SelfPromoImperative().IsMatch(line))
        {
            return true;
        }

        if (PromoImperative().IsMatch(line))
        {
            return PromoTerm().IsMatch(line);
        }

        return HasCue(line, PromoTermCues) && PromoTerm().Count(line) >= 3
            && PromoTerm().Matches(line).Select(m => m.Value.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Count() >= 3;
    }

    private static bool IsGluedNavigation(string line) =>
        WordCountAtMost(line, 10) && !EndsSentence(line) && GluedWords().Count(line) >= 2;

    private static bool IsCitationOrLinkLine(string line)
    {
        if (CiteThis().IsMatch(line))
        {
            return true;
        }

        if (!line.Contains("://", StringComparison.Ordinal) || !Url().IsMatch(line) || HasQuotation(line))
        {
            return false;
        }

        return WordCountAtMost(Url().Replace(line, " "), 15);
    }

    /// <summary>A line holding nothing but a date, a time, or both ("May 31, 2024 | 3:45 pm ET"), optionally after
    /// "Published"/"Updated".</summary>
    private static bool IsDateLine(string line)
    {
        var rest = DateLinePrefix().Replace(line, "");
        return rest.Length > 0 && rest.Length <= 60 && rest.Any(char.IsDigit) && DateTokens().IsMatch(rest);
    }

    private static bool IsBulletedNavigation(string line)
    {
        if (!BulletMarker().IsMatch(line) || HasQuotation(line))
        {
            return false;
        }

        var item = BulletMarker().Replace(line, "");
        return WordCountAtMost(item, 4) && !EndsSentence(item);
    }

    /// <summary>Navigation entries, section labels, site names and logos: up to eight words, every word capitalised
    /// (or a number, symbol or short joining word), nothing that ends a sentence.</summary>
    private static bool IsShortTitleCaseLine(string line)
    {
        var item = BulletMarker().Replace(line, "");
        if (item.Length == 0 || EndsSentence(item) || item.EndsWith(',') || HasQuotation(item))
        {
            return false;
        }

        var words = item.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 8)
        {
            return false;
        }

        var capitalised = 0;
        foreach (var word in words)
        {
            var firstLetter = word.FirstOrDefault(char.IsLetter);
            if (firstLetter == default || LowercaseInTitles.Contains(word))
            {
                continue;
            }

            if (!char.IsUpper(firstLetter))
            {
                return false;
            }

            capitalised++;
        }

        return capitalised > 0;
    }

    [GeneratedRegex(@"\n[ \t\u00A0]*\n\s*")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^\(?\s*(?:(?:image|photo|picture|illustration|graphic|photograph|video|lead image)s?\s*(?:credit)?\s*(?::|via\b|by\b|courtesy\b|from\b|source\b)|(?:photo|image)?\s*credits?\s*:|courtesy of\b|source:\s*(?:getty|shutterstock|reuters|ap\b|afp))", RegexOptions.IgnoreCase)]
    private static partial Regex CreditLine();

    [GeneratedRegex(@"^(?:photo|image|picture|portrait)\s+of\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhotoOf();

    [GeneratedRegex(@"\((?:(?:photo|image|picture)s?\s*(?:by|via|courtesy of|credit)?\s*:?|AP Photo/|Reuters/)[^()]*\)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionEndingInCredit();

    [GeneratedRegex(@"^this (?:story|article|content|report|post|summary) (?:was|has been|is) (?:generated|written|produced|created|compiled)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GeneratedNote();

    [GeneratedRegex(@"^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b", RegexOptions.IgnoreCase)]
    private static partial Regex Copyright();

    [GeneratedRegex(@"\b(?:does not|doesn't|do not|does not intend to) (?:provide|constitute|offer|give) (?:\w+ )?(?:investment|financial|legal|tax) advice|\bnot (?:intended as |to be construed as )?(?:investment|financial) advice\b|\bfor (?:informational|information|educational) purposes only\b|\bnot a recommendation to (?:buy|sell)", RegexOptions.IgnoreCase)]
    private static partial Regex Disclaimer();

    [GeneratedRegex(@"\bofficial website of the\b|\bhere['’]s how you know\b|\.gov website|\bwebsites use (?:\.gov|https)\b|^a lock \(|\bsafely connected to the\b|\bshare sensitive information only on\b", RegexOptions.IgnoreCase)]
    private static partial Regex GovernmentBanner();

    [GeneratedRegex(@"^\d*\.?\s*(?:\d+\s+)?(?:comments?|recent comments|latest comments|write a comment|post (?:my |a |your )?comment|leave a (?:comment|reply)|add (?:a )?comment|show comments|view comments|reply)\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex CommentsLabel();

    [GeneratedRegex(@"\b(?:no|any) comments\b.*\b(?:yet|first)\b|\bbe the first to comment\b|\bjoin the (?:discussion|conversation)\b|\bstart a discussion\b", RegexOptions.IgnoreCase)]
    private static partial Regex CommentsPrompt();

    [GeneratedRegex(@"^(?:share(?: this(?: article| story| page| post)?| on \w+)?|tweet|email|print|copy link|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest)(?:\s*[|/•·,]?\s*(?:share|tweet|email|print|copy link|facebook|twitter|x|linkedin|whatsapp|reddit|telegram|pinterest))*\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex ShareButtons();

    [GeneratedRegex(@"\bwhy not share\b|\bshare (?:it|this) with (?:others|your friends|friends)\b|\bshare this (?:article|story)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SharePrompt();

    [GeneratedRegex(@"^(?:alert me|notify me|email me|sign me up|keep me (?:posted|updated))\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelfPromoImperative();

    [GeneratedRegex(@"^(?:subscribe|sign up|sign in|log in|register|join|follow|download|get|trade|click|tap|try|unlock|upgrade|discover|learn more|read more|see more|don['’]t miss|never miss|enjoyed|like this|support us|want)\b(?!-)", RegexOptions.IgnoreCase)]
    private static partial Regex PromoImperative();

    [GeneratedRegex(@"\b(?:alerts?|newsletters?|subscri\w+|inbox|free (?:trial|reports?|newsletter|account)|premium|real[- ]time|breaking news|insights|notifications?|app|podcast|twitter|facebook|linkedin|instagram|youtube|telegram|whatsapp|e-?mail)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PromoTerm();

    [GeneratedRegex(@"\b(?:terms of (?:use|service)|privacy (?:policy|notice)|cookie (?:policy|settings|preferences)|accessibility statement)", RegexOptions.IgnoreCase)]
    private static partial Regex LegalLinks();

    [GeneratedRegex(@"\p{Ll}\p{Lu}")]
    private static partial Regex GluedWords();

    [GeneratedRegex(@"^(?:your )?(?:full )?(?:name|e-?mail(?: address)?|website|comment|message|phone)\s*\*?\s*:$|^(?:post|submit|send)(?: my| your| a)? (?:comment|reply|message)$", RegexOptions.IgnoreCase)]
    private static partial Regex FormLabel();

    [GeneratedRegex(@"^(?:for )?(?:immediate )?release\b|^embargoed\b|^for immediate release\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseLine();

    [GeneratedRegex(@"^cite this\b", RegexOptions.IgnoreCase)]
    private static partial Regex CiteThis();

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^(?:published|updated|posted|last (?:updated|modified)|first published|delivered on|date)\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex DateLinePrefix();

    [GeneratedRegex(@"^(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|\d{1,4}(?:st|nd|rd|th)?|\d{1,2}:\d{2}(?::\d{2})?|[ap]\.?m\.?|et|est|edt|ct|cst|cdt|pt|pst|pdt|gmt|utc|bst|cet|cest|kst|jst)\.?[\s,|/\-–—.:]*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex DateTokens();

    [GeneratedRegex(@"^By\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})*$")]
    private static partial Regex Byline();

    [GeneratedRegex(@"^\$[A-Z]{1,6}(?:\s+\$[A-Z]{1,6})*$")]
    private static partial Regex TickerLine();

    [GeneratedRegex(@"^[A-Z]{2,10}:\s*[A-Z0-9][A-Z0-9-]{5,}$")]
    private static partial Regex IdentifierLine();

    [GeneratedRegex(@"^</?[a-zA-Z][^>]*>?$|\bclass\s*=\s*""|=""[^""]*"">\s*$")]
    private static partial Regex MarkupResidue();

    [GeneratedRegex(@"^[•·▪►»*]\s*")]
    private static partial Regex BulletMarker();

    [GeneratedRegex(@"""\S[^""]*\s[^""]*\S""")]
    private static partial Regex StraightQuotation();
}
