using System.Text.RegularExpressions;

namespace Wiredesk.Drafting;

/// <summary>Rewrites one source sentence without adding to it: strips datelines, drops parentheticals and
/// non-restrictive side clauses, moves a leading attribution to the end ("X said Y." → "Y, X said."), and swaps a
/// few words for plain synonyms. Quoted passages are never touched. Each step may fail the verifier, so the writer
/// asks for <see cref="Candidates"/>: boldest rewrite first, the plain sentence last.</summary>
public static partial class SentenceRewriter
{
    // Trim's params overloads make and fill a new array on every call: these run for every candidate sentence.
    private static readonly char[] Bullets = ['•', '*', '-', '–', '—', '·', ' '];
    private static readonly char[] DashOrSpace = ['-', ' '];
    private static readonly char[] PeriodOrSpace = ['.', ' '];
    private static readonly char[] CommaOrSpace = [',', ' '];
    private static readonly char[] ClauseEnd = [',', ';', ':', ' '];

    private static readonly (string Literal, Regex Pattern, string Replacement)[] Synonyms =
    [
        ("companies", WordRegex("companies"), "firms"), ("company", WordRegex("company"), "firm"),
        ("purchase", WordRegex("purchase"), "buy"), ("acquire", WordRegex("acquire"), "buy"),
        ("commenced", WordRegex("commenced"), "started"), ("began", WordRegex("began"), "started"),
        ("assist", WordRegex("assist"), "help"), ("assisting", WordRegex("assisting"), "helping"),
        ("condemned", WordRegex("condemned"), "denounced"), ("condemns", WordRegex("condemns"), "denounces"),
        ("attacks", WordRegex("attacks"), "strikes"),
        ("nations", WordRegex("nations"), "countries"), ("nation", WordRegex("nation"), "country"),
        ("in order to", WordRegex("in order to"), "to"), ("approximately", WordRegex("approximately"), "about"),
("utilize", WordRegex("utilize"), "use"), ("utilized", WordRegex("utilized"), "used"),
        ("commence", WordRegex("commence"), "start"), ("conclude", WordRegex("conclude"), "end"), ("concluded", WordRegex("concluded"), "ended"),
        ("occurred", WordRegex("occurred"), "happened"), ("large", WordRegex("large"), "big"),
        ("reduced", WordRegex("reduced"), "cut"), ("reduce", WordRegex("reduce"), "cut"), ("discussed", WordRegex("discussed"), "talked about"), ("discuss", WordRegex("discuss"), "talk about"),
        ("purchased", WordRegex("purchased"), "bought"), ("criticized", WordRegex("criticized"), "denounced"), ("criticised", WordRegex("criticised"), "denounced"),
        ("additional", WordRegex("additional"), "more"), ("Additional", WordRegex("Additional"), "More"),
        ("following ", new Regex(@"\bfollowing (?=the |a |an |his |her |its |their |this |these )", RegexOptions.CultureInvariant), "after "),
        ("prior to", WordRegex("prior to"), "before"), ("as well as", WordRegex("as well as"), "and"), ("due to", WordRegex("due to"), "because of"),
        ("individuals", WordRegex("individuals"), "people"), ("numerous", WordRegex("numerous"), "many"),
        ("demonstrates", WordRegex("demonstrates"), "shows"), ("demonstrated", WordRegex("demonstrated"), "showed"), ("demonstrate", WordRegex("demonstrate"), "show"),
        ("provides", WordRegex("provides"), "gives"), ("provided", WordRegex("provided"), "gave"), ("provide", WordRegex("provide"), "give"),
        ("requires", WordRegex("requires"), "needs"), ("required", WordRegex("required"), "needed"), ("require", WordRegex("require"), "need"),
        ("obtained", WordRegex("obtained"), "got"), ("obtain", WordRegex("obtain"), "get"),
        ("sufficient", WordRegex("sufficient"), "enough"), ("currently", WordRegex("currently"), "now"),
        ("reiterated", WordRegex("reiterated"), "repeated"), ("reiterates", WordRegex("reiterates"), "repeats"),
        ("stated that", WordRegex("stated that"), "said that"), ("announced that", WordRegex("announced that"), "said that"),
        ("assistance", WordRegex("assistance"), "aid"), ("vessels", WordRegex("vessels"), "ships"), ("vessel", WordRegex("vessel"), "ship"),
        ("attempted", WordRegex("attempted"), "tried"), ("attempts", WordRegex("attempts"), "tries"), ("attempt", WordRegex("attempt"), "try"),
        ("regarding", WordRegex("regarding"), "on"), ("located in", WordRegex("located in"), "in"),
        (" percent", PercentRegex(), "$1%"),
        // House (AP) style: a month with a day is abbreviated, except the short ones ("Jan. 22", "June 3").
        ("January", MonthWithDay("January"), "Jan."), ("February", MonthWithDay("February"), "Feb."), ("August", MonthWithDay("August"), "Aug."),
        ("September", MonthWithDay("September"), "Sept."), ("October", MonthWithDay("October"), "Oct."), ("November", MonthWithDay("November"), "Nov."),
        ("December", MonthWithDay("December"), "Dec."),
    ];

    /// <summary>Words that only mark sequence; dropping them changes no fact. Degree words ("firmly", "further",
    /// "very") stay: they carry meaning.</summary>
    private static readonly Regex Fillers = new(@"\b(?:also|furthermore|additionally|moreover) ", RegexOptions.CultureInvariant);

    /// <summary>Versions of the sentence from most to least rewritten, without repeats. The last is the sentence
    /// with only its dateline stripped.</summary>
    public static IReadOnlyList<string> Candidates(string sentence, bool restateAttribution = true)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var plain = Tidy(StripDateline(sentence));
        var compressed = Compress(plain);
        var list = new List<string>();
        if (restateAttribution && RestateAttribution(compressed) is { } restated)
        {
            list.Add(WithSynonyms(restated));
            list.Add(restated);
        }

        list.Add(WithSynonyms(compressed));
        list.Add(compressed);
        list.Add(plain);
        return [.. list.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The main clause alone: a fronted phrase ("In light of the attacks, ...") and a list between subject
    /// and verb (", with support from A, B and C,") dropped. Null when neither is there.</summary>
    public static string? Core(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (HasQuote(sentence))
        {
            return null;
        }

        var core = DropAccompaniment(DropFrontedPhrase(sentence));
        return core == sentence ? null : Tidy(char.ToUpperInvariant(core[0]) + core[1..]);
    }

    /// <summary>"In light of the illegal, dangerous attacks, the allies struck" → "the allies struck": a fronted
    /// phrase ends at the first comma that starts a clause rather than continuing a list.</summary>
    public static string DropFrontedPhrase(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!FrontedStart().IsMatch(s))
        {
            return s;
        }

        for (var at = s.IndexOf(", ", StringComparison.Ordinal); at > 0; at = s.IndexOf(", ", at + 2, StringComparison.Ordinal))
        {
            var rest = s[(at + 2)..];
            if (!ListContinuation().IsMatch(rest) && WordCount(rest) >= 5)
            {
                return rest;
            }
        }

        return s;
    }

    /// <summary>", with support from A, B and C, conducted" → " conducted".</summary>
    public static string DropAccompaniment(string s) => Accompaniment().Replace(s ?? "", " ");

    /// <summary>Drops a dateline ("SEOUL — ", "WASHINGTON, May 3 (Wire) -").</summary>
    public static string StripDateline(string sentence) =>
        LeadingDate().Replace(CityDateline().Replace(Dateline().Replace(sentence.Trim().Trim(Bullets), "", 1), "", 1), "", 1).TrimStart(DashOrSpace);

    /// <summary>The sentence cut before a phrase boundary (", and", " to ", " across ", " including "...) so that at
    /// most <paramref name="maxWords"/> words remain and at least eight: what is left is a true part of what the
    /// source says. Longest cut first; empty when no boundary fits.</summary>
    public static IEnumerable<string> CutsAtPhrase(string sentence, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (HasQuote(sentence))
        {
            yield break;
        }

        var body = sentence.TrimEnd(PeriodOrSpace);
        var cuts = PhraseBoundary().Matches(body).Select(m => m.Index).Where(i => i > 0).OrderByDescending(i => i);
        // Every match of the finite-verb pattern is one whole word, so the part kept has one exactly when the
        // sentence's first one ends inside it (the kept part ends before a comma or a space): one scan for all cuts.
        var verbEnd = FiniteVerb().Match(body) is { Success: true } verb ? verb.Index + verb.Length : int.MaxValue;
        foreach (var at in cuts)
        {
            var kept = body[..at].TrimEnd(CommaOrSpace);
            var words = WordCount(kept);
            // The verb-before-"to" pattern ends in " to ": only a cut at " to " can meet it.
            if (words <= maxWords && words >= 8 && verbEnd <= kept.Length
                && !(body.AsSpan(at).StartsWith(" to ", StringComparison.Ordinal) && EndsWithVerbBeforeTo(kept))
                && !InsideList(body[at..].TrimStart(CommaOrSpace)))
            {
                yield return kept + ".";
            }
        }
    }

    /// <summary>Whether "<paramref name="kept"/> to " ends in a verb that takes the infinitive. The pattern is
    /// anchored at the end and has nothing at its start (no anchor, no word boundary), so it matches the whole text
    /// exactly when it matches the text's last characters: at most the longest word it names plus " to " (for
    /// <c>\w+ed</c>, a single character before "ed" is enough). Scanning the whole cut from the left cost every
    /// long candidate a pass per cut.</summary>
    private static bool EndsWithVerbBeforeTo(string kept)
    {
        const int Tail = 12;
        var tail = kept.Length > Tail ? kept[^Tail..] : kept;
        return VerbBeforeTo().IsMatch(tail + " to ");
    }

    /// <summary>Parentheticals and non-restrictive relative clauses, outside quotation marks.</summary>
    public static string Compress(string sentence)
    {
        if (HasQuote(sentence))
        {
            return sentence;
        }

        var s = Parenthetical().Replace(sentence, "");
        s = Fillers.Replace(s, "");
        s = FrontedPhrase().Replace(s, m => $"{char.ToUpperInvariant(m.Groups["rest"].Value[0])}{m.Groups["rest"].Value[1..]} {char.ToLowerInvariant(m.Groups["phrase"].Value[0])}{m.Groups["phrase"].Value[1..]}.");
        s = InnerRelativeClause().Replace(s, "");
        s = FinalRelativeClause().Replace(s, "");
        return Tidy(s);
    }

    /// <summary>"South Korea's military said North Korea fired two missiles." → "North Korea fired two missiles,
    /// South Korea's military said." Null when the sentence does not open with an attribution.</summary>
    public static string? RestateAttribution(string sentence)
    {
        if (HasQuote(sentence))
        {
            return null;
        }

        var m = LeadingAttribution().Match(sentence);
        if (!m.Success || WordCount(m.Groups["rest"].Value) < 4 || !char.IsUpper(sentence[0]))
        {
            return null;
        }

        var subject = m.Groups["subject"].Value;
        if (NotASubject().IsMatch(subject))
        {
            return null;
        }

        if (subject.StartsWith("The ", StringComparison.Ordinal) || subject.StartsWith("A ", StringComparison.Ordinal))
        {
            subject = char.ToLowerInvariant(subject[0]) + subject[1..];
        }

        var rest = m.Groups["rest"].Value.TrimEnd(PeriodOrSpace);
        return $"{char.ToUpperInvariant(rest[0])}{rest[1..]}, {subject} {m.Groups["verb"].Value}.";
    }

    /// <summary>The sentence cut after its last comma-separated tail (", the third launch this month"), when what
    /// remains is still a sentence (a finite verb) of at least <paramref name="minWords"/> words. Null when there is
    /// nothing to cut.</summary>
    public static string? DropTail(string sentence, int minWords = 8)
    {
        if (HasQuote(sentence))
        {
            return null;
        }

        var body = sentence.TrimEnd(PeriodOrSpace);
        var comma = body.LastIndexOf(", ", StringComparison.Ordinal);
        if (comma <= 0 || WordCount(body[..comma]) < minWords || !FiniteVerb().IsMatch(body[..comma]) || InsideList(body[(comma + 2)..]))
        {
            return null;
        }

        return body[..comma].TrimEnd() + ".";
    }

    public static string WithSynonyms(string sentence)
    {
        if (HasQuote(sentence))
        {
            return sentence;
        }

        var s = sentence;
        // Each pattern needs its literal word: the ordinal search rules most of them out without running them.
        foreach (var (literal, pattern, replacement) in Synonyms)
        {
            if (s.Contains(literal, StringComparison.Ordinal))
            {
                s = pattern.Replace(s, replacement);
            }
        }

        return s;
    }

    public static bool HasQuote(string text) => text.AsSpan().IndexOfAny("\"“”") >= 0;

    /// <summary>Runs of characters between white space (as <c>Split(null)</c> would count them, without the array).</summary>
    public static int WordCount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            count += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return count;
    }

    /// <summary>Spaces collapsed, no space before punctuation, a final period.</summary>
    public static string Tidy(string sentence)
    {
        var s = Spaces().Replace(sentence.Trim(), " ");
        s = SpaceBeforePunctuation().Replace(s, "$1");
        s = s.Replace(",,", ",", StringComparison.Ordinal);
        if (s.Length > 0 && !".?!\"”’".Contains(s[^1], StringComparison.Ordinal))
        {
            s = s.TrimEnd(ClauseEnd) + ".";
        }

        return s;
    }

    // Case-sensitive on purpose: a capitalised word may be part of a name ("United Nations" stays as it is).
    private static Regex WordRegex(string word) => new($@"\b{Regex.Escape(word)}\b", RegexOptions.CultureInvariant);

    private static Regex MonthWithDay(string month) => new($@"\b{month}(?= \d{{1,2}}\b)", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"^(?:[A-Z][A-Z.'’ -]{2,40}(?:,[^—–,]{1,40})?\s*(?:[—–]|-{2,})\s*(?:\([^)]{1,40}\)\s*(?:[—–]|-+)\s*)?|[A-Z][a-z]+, [A-Z][\w. ]{2,30} [—–]\s+|[A-Z][A-Z.'’ ]{2,40}(?:\([^)]{1,30}\))?\s+-\s+)")]
    private static partial Regex Dateline();

    [GeneratedRegex(@"(\d) percent\b")]
    private static partial Regex PercentRegex();

    /// <summary>"On Thursday, X did Y." → "X did Y on Thursday.": a fronted time or place phrase moves to the end.</summary>
    // Only a short phrase naming a day, date, month or place ("On Monday", "In May", "On 9 January"), and only
    // before a simple clause: a longer phrase ("In light of the attacks") or a compound clause would change meaning.
    [GeneratedRegex(@"^(?<phrase>(?:On|In|At|During|Earlier|Last|Later) (?:the )?(?:[A-Z][\w.]*|\d[\w]*)(?: [A-Z\d][\w.]*){0,2}), (?<rest>(?![^“”""]*(?:, and |; ))[a-z][^“”""]+?)\.$")]
    private static partial Regex FrontedPhrase();

    [GeneratedRegex(@"\s*\((?![^)]*[“”""])[^()]{1,160}\)")]
    private static partial Regex Parenthetical();

    // Only when a verb follows: in "eight locations, which included A, B and C" the comma ends a list item, not the clause.
    [GeneratedRegex(@",\s+(?:who|which|whose)\s+[^,;:“”""()]{3,160}?,(?=\s*(?:[a-z]+ed|[a-z]+s|is|are|was|were|has|have|had|will|would|can|could|said|made|met|held|took|sent)\b)")]
    private static partial Regex InnerRelativeClause();

    [GeneratedRegex(@",\s+(?:who|which|whose)\s+[^,;:“”""()]{3,160}(?=\.$)")]
    private static partial Regex FinalRelativeClause();

    // "X announced results" has an object, not a clause: verbs other than say/state/note move only before "that".
    [GeneratedRegex(@"^(?<subject>[A-Z][^,;:“”""]{2,90}?)\s+(?:(?<verb>said|says|stated|noted)\s+(?:that\s+|on\s+\w+\s+that\s+)?|(?<verb>announced|reported|confirmed|warned)\s+(?:on\s+\w+\s+)?that\s+)(?<rest>[^“”""]+)$")]
    private static partial Regex LeadingAttribution();

    [GeneratedRegex(@"^[A-Z][\w.]*(?: [A-Z][\w.]*){0,3},? (?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}(?:, \d{4})?\s*(?:[—–]|-{1,4})\s*")]
    private static partial Regex CityDateline();

    [GeneratedRegex(@"^(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\s+(?=[A-Z])")]
    private static partial Regex LeadingDate();

    [GeneratedRegex(@",? (?:and|to|across|including|which|while|after|as|amid|following|for|with|in|on|at|from|by|over|under|because) ")]
    private static partial Regex PhraseBoundary();

    /// <summary>", and necessary strikes": the last item of a list, whose head the cut would leave dangling. A
    /// coordinated clause starts with a determiner, a pronoun or a name instead ("and the won weakened").</summary>
    private static bool InsideList(string after) => ListTail().IsMatch(after);

    [GeneratedRegex(@"^(?:and|or) (?!(?:the|a|an|its|their|his|her|they|it|we|he|she|this|that|these|those|on|in|at)\b)[a-z]")]
    private static partial Regex ListTail();

    /// <summary>A cut must leave a clause, not a noun phrase: a finite verb ("is", "said", "conducted") must remain.
    /// "Iranian-backed" is an adjective, hence the hyphen guard.</summary>
    [GeneratedRegex(@"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|said|says|met|held|made|took|sent|cut|hit|struck|began|rose|fell|left|led|won|lost|spoke|gave|told|kept|set|put)\b|(?<![-\w])[a-z]{3,}ed\b")]
    private static partial Regex FiniteVerb();

    /// <summary>"agreed to", "refused to", "plans to": the infinitive is the verb's meaning and cannot be cut away.</summary>
    [GeneratedRegex(@"(?:\w+ed|agree|refuse|want|plan|plans|expect|continue|continues|seek|seeks|aim|aims|is|are|was|were|has|have|had|not|able|likely|due|set) to $")]
    private static partial Regex VerbBeforeTo();

    /// <summary>"The minister welcomed the decision and" is a clause, not the subject of "said".</summary>
    [GeneratedRegex(@"\b(?:and|but|then|also|after|before|when|while|who|which|that)$|\b(?!(?:United|Allied|Limited|Red)\b)[A-Za-z]{3,}ed\b")]
    private static partial Regex NotASubject();

    [GeneratedRegex(@"^(?:On|In|At|From|As|When|While|Since|After|Before|Following|During|Under|Pursuant to|Earlier|Today|Yesterday|Later|Last \w+|This \w+|With|Amid|Despite)\b")]
    private static partial Regex FrontedStart();

    /// <summary>What follows a comma inside a list ("illegal, dangerous, and destabilizing"), not a new clause.</summary>
    [GeneratedRegex(@"^(?:and|or|[a-z]+,)[ ,]")]
    private static partial Regex ListContinuation();

    [GeneratedRegex(@", (?:with support from|with|including|along with|joined by|backed by|alongside|together with|supported by|at the direction of|on behalf of|in coordination with|in cooperation with) [^.;:]*?, (?=(?:[a-z]+ed|struck|held|made|said|met|took|cut|began|hit|left|sent|led|is|are|was|were|has|have|will)\b)")]
    private static partial Regex Accompaniment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();
}
