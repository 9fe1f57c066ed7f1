using System.Collections.Frozen;
using System.Text;

namespace Wiredesk.Verification;

/// <summary>What a word is to the checks. Function words, negators, modals and hedges are not content: the
/// content check ignores them and the negation check judges them.</summary>
[Flags]
public enum WordKinds
{
    None = 0,
    Function = 1,
    Capitalized = 2,
    Number = 4,
    Negation = 8,
    Modal = 16,
    Hedge = 32,
    Attribution = 64,
}

/// <summary>A word of a text: where it is and the key it is compared by (lower case, light stem, irregular forms
/// and a small paraphrase lexicon folded: "rose" and "increased" share a key).</summary>
public readonly record struct Word(int Start, int End, string Key, WordKinds Kinds)
{
    public bool IsContent => (Kinds & (WordKinds.Function | WordKinds.Negation | WordKinds.Modal | WordKinds.Hedge)) == 0;

    public bool Is(WordKinds kind) => (Kinds & kind) != 0;
}

/// <summary>Splits text into <see cref="Word"/>s. Claim and source go through the same function, so a key
/// only has to be consistent, not linguistically right. Stateless; safe from several threads.</summary>
public static class Words
{
    public static Word[] Split(string text) => Split(text, 0, text.Length);

    /// <summary>The words of a short text the checks split again and again (a name, a date, a speaker): kept, in a
    /// bounded set emptied when full. The array is shared: callers only read it.</summary>
    internal static Word[] SplitShort(string text)
    {
        if (text.Length > MaxShortText)
        {
            return Split(text);
        }

        if (ShortTexts.TryGetValue(text, out var words))
        {
            return words;
        }

        words = Split(text);
        if (Interlocked.Increment(ref _shortTextCount) > MaxShortTexts)
        {
            ShortTexts.Clear();
            Interlocked.Exchange(ref _shortTextCount, 0);
        }

        ShortTexts.TryAdd(text, words);
        return words;
    }

    private const int MaxShortText = 80;
    private const int MaxShortTexts = 50_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Word[]> ShortTexts = new(StringComparer.Ordinal);
    private static int _shortTextCount;

    public static Word[] Split(string text, int from, int to)
    {
        // One buffer per thread: every sentence of every source and claim is split, and the result is copied out
        // once at its exact length. Taken out of the field while in use, so a nested split gets its own.
        var words = _buffer ?? new List<Word>(256);
        _buffer = null;
        words.Clear();
        var i = from;
        while (i < to)
        {
            var c = text[i];
            if (c is '%' or '$' or '€' or '£')
            {
                words.Add(new Word(i, i + 1, c switch { '%' => Percent, '$' => Dollar, '€' => Euro, _ => Pound }, WordKinds.None));
                i++;
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            var end = WordEnd(text, i, to);
            Add(words, text, i, end, IsSentenceInitial(text, from, i));
            i = end;
        }

        var result = words.ToArray();
        if (words.Capacity <= MaxBuffer)
        {
            _buffer = words;
        }

        return result;
    }

    private const int MaxBuffer = 4_096;
    [ThreadStatic] private static List<Word>? _buffer;

    /// <summary>The key a single word gets (tests and the paraphrase lexicon use it).</summary>
    public static string KeyOf(string word)
    {
        var words = Split(word);
        return words.Length == 0 ? "" : words[0].Key;
    }

    private static int WordEnd(string text, int start, int to)
    {
        var digits = char.IsDigit(text[start]);
        var i = start + 1;
        while (i < to)
        {
            var c = text[i];
            var next = i + 1 < to ? text[i + 1] : '\0';
            if (char.IsLetterOrDigit(c))
            {
                i++;
            }
            else if (digits && c is '.' or ',' or '/' && char.IsDigit(next))
            {
                i++;
            }
            else if (!digits && c is '\'' or '’' && char.IsLetter(next))
            {
                i++;
            }
            else if (!digits && c == '.' && char.IsLetter(next) && i - start == 1)
            {
                // Initialisms: "U.S.", "U.K." keep their dots inside one word.
                i += 2;
                if (i < to && text[i] == '.')
                {
                    i++;
                }
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsSentenceInitial(string text, int from, int i)
    {
        for (var j = i - 1; j >= from; j--)
        {
            var c = text[j];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            return c == '.' ? !IsAbbreviation(text, from, j) : c is '“' or '"' or '‘' or '\'' or ':' or '—' or '–' or '(' or '?' or '!' or '\n';
        }

        return true;
    }

    /// <summary>The period at <paramref name="dot"/> ends an initial ("U.S.", "J.") or a title ("Mr.", "Gen."),
    /// not a sentence.</summary>
    private static bool IsAbbreviation(string text, int from, int dot)
    {
        var start = dot;
        while (start > from && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var word = text.AsSpan(start, dot - start);
        return word.Length == 1 && char.IsUpper(word[0]) || Lexicon.Titles.Contains(word.ToString());
    }

    private static void Add(List<Word> words, string text, int start, int end, bool sentenceInitial)
    {
        var raw = text.AsSpan(start, end - start);
        if (char.IsDigit(raw[0]))
        {
            words.Add(new Word(start, end, NumberKey(raw), WordKinds.Number));
            return;
        }

        var capitalized = char.IsUpper(raw[0]);
        var allCaps = capitalized && raw.Length > 1 && !raw.ContainsAnyInRange('a', 'z');
        Span<char> buffer = raw.Length <= 64 ? stackalloc char[raw.Length] : new char[raw.Length];
        // One lookup gives the word's lower-case form (interned) and what the lexicon says of it.
        var info = InfoOf(Lower(raw, buffer));
        var lower = info.Lower;
        if (lower.EndsWith("n't", StringComparison.Ordinal) && lower.Length > 3)
        {
            words.Add(Classify(start, end, InfoOf(NotContracted(lower[..^3])), capitalized, allCaps, sentenceInitial));
            words.Add(new Word(start, end, Not, WordKinds.Negation));
            return;
        }

        if (lower == "cannot")
        {
            words.Add(new Word(start, end, Lexicon.ModalKey("can")!, WordKinds.Modal));
            words.Add(new Word(start, end, Not, WordKinds.Negation));
            return;
        }

        words.Add(Classify(start, end, info, capitalized, allCaps, sentenceInitial));
    }

    private static Word Classify(int start, int end, WordInfo info, bool capitalized, bool allCaps, bool sentenceInitial)
    {
        var lower = info.Lower;
        var kinds = capitalized && !sentenceInitial ? WordKinds.Capitalized : WordKinds.None;
        if (allCaps)
        {
            // "US", "UN", "IT": an initialism is a name, never the function word it spells.
            return new Word(start, end, lower, kinds | WordKinds.Capitalized);
        }

        // "May" is a month when capitalised inside a sentence; lower-case "may" is a modal.
        if (!(capitalized && !sentenceInitial && lower == "may") && info.Class != WordKinds.None)
        {
            return info.Class == WordKinds.Function ? new Word(start, end, lower, kinds | WordKinds.Function) : new Word(start, end, info.ClassKey!, info.Class);
        }

        // By surface form: "stated" attributes, "the state of" does not; "State" in "Department of State" is a name.
        if (info.Attribution && (!capitalized || sentenceInitial))
        {
            kinds |= WordKinds.Attribution;
        }

        return new Word(start, end, info.Key, kinds);
    }

    /// <summary>What the lexicon says of a lower-case word, worked out once per word: the word itself (interned),
    /// its class (negation, modal, hedge, function word, or none), the key that class gives it, its content key,
    /// and whether it attributes.</summary>
    private sealed record WordInfo(string Lower, WordKinds Class, string? ClassKey, string Key, bool Attribution);

    private static WordInfo InfoOf(ReadOnlySpan<char> lowerChars)
    {
        if (InfoLookup.TryGetValue(lowerChars, out var info))
        {
            return info;
        }

        var lower = Lexicon.Intern(lowerChars);
        info = Lexicon.Negators.Contains(lower) ? new WordInfo(lower, WordKinds.Negation, Not, "", false)
            : Lexicon.ModalKey(lower) is { } modal ? new WordInfo(lower, WordKinds.Modal, modal, "", false)
            : Lexicon.Hedges.Contains(lower) ? new WordInfo(lower, WordKinds.Hedge, Lexicon.HedgeKey, "", false)
            : Lexicon.FunctionWords.Contains(lower) ? new WordInfo(lower, WordKinds.Function, lower, "", false)
            : new WordInfo(lower, WordKinds.None, null, "", false);
        // The content key is needed by every class: capitalised "May" inside a sentence is read as a content word.
        info = info with { Key = Lexicon.Canonical(lower), Attribution = Lexicon.AttributionWords.Contains(lower) };
        if (Interlocked.Increment(ref _infoCount) <= MaxInfos)
        {
            Infos.TryAdd(lower, info);
        }

        return info;
    }

    private const int MaxInfos = 200_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, WordInfo> Infos = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, WordInfo>.AlternateLookup<ReadOnlySpan<char>> InfoLookup =
        Infos.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _infoCount;

    private static string NotContracted(string stem) => stem switch
    {
        "wo" => "will",
        "ca" => "can",
        "sha" => "shall",
        _ => stem,
    };

    /// <summary>The word lower-cased into <paramref name="buffer"/> (dots dropped, ’ as ', a possessive 's or s'
    /// cut): the slice written.</summary>
    private static ReadOnlySpan<char> Lower(ReadOnlySpan<char> raw, Span<char> buffer)
    {
        var n = 0;
        foreach (var c in raw)
        {
            if (c == '.')
            {
                continue;
            }

            buffer[n++] = c == '’' ? '\'' : char.ToLowerInvariant(c);
        }

        ReadOnlySpan<char> word = buffer[..n];
        if (word.EndsWith("'s"))
        {
            word = word[..^2];
        }
        else if (word.EndsWith("s'"))
        {
            word = word[..^1];
        }

        return word;
    }

    private static string NumberKey(ReadOnlySpan<char> raw)
    {
        if (!raw.Contains(','))
        {
            return Lexicon.Intern(raw);
        }

        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (c != ',')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public const string Not = "not";
    public const string Percent = "percent";
    private const string Dollar = "dollar";
    private const string Euro = "euro";
    private const string Pound = "pound";
}

/// <summary>The word lists the checks rely on. Small on purpose: every entry is a general English fact
/// (an irregular verb, a function word, a common paraphrase), never a word from one particular text.</summary>
public static class Lexicon
{
    public static readonly FrozenSet<string> FunctionWords = Set(
        "a an the and or but if then than that this these those there here it its they them their theirs we us our ours you your " +
        "he him his she her hers i me my who whom whose which what when where why how as at by for from in into of on onto off out " +
        "over under up down to with within about above across after against along among around before behind below beside between " +
        "beyond during except inside near since through throughout toward towards upon via amid be is am are was were been being " +
        "have has had having do does did done doing so such also too very just only even still yet already all any both each either " +
        "every few more most other some own same s t mr mrs ms dr while whilst although though because whether per approximately " +
        "roughly nearly almost some further furthermore moreover however meanwhile additionally itself themselves himself herself " +
        "ourselves one's etc");

    /// <summary>Abbreviations after whose period a sentence goes on.</summary>
    public static readonly FrozenSet<string> Titles = Set("Mr Mrs Ms Dr St Gen Sen Rep Gov Lt Col Sgt Jr Sr No Inc Corp Co Ltd Adm Capt Maj Prof Rev Hon Amb vs");

    /// <summary>Keys of the words that write a number's value, magnitude or unit ("two", "billion", "percent", "$").</summary>
    public static readonly FrozenSet<string> NumberWords;

    private const string NumberWordList =
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen " +
        "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million " +
        "millions billion billions trillion trillions half quarter third dozen dozens percent per cent percentage point points " +
        "basis bp bps dollar dollars euro euros pound pounds yen yuan won rupee rupees franc francs ruble rubles usd eur gbp";

    public static readonly FrozenSet<string> Negators = Set("not no never neither nor none nobody nothing nowhere without");

    /// <summary>Words that turn a fact into an expectation or a report of one.</summary>
    public static readonly FrozenSet<string> Hedges = Set(
        "expect expects expected expecting expectation likely unlikely possibly probably reportedly allegedly purportedly " +
        "intend intends intended intending potentially");

    public const string HedgeKey = "hedge";

    /// <summary>Modals by meaning: "shall" and "would" (reported speech shifts "will" back) are "will"; "might", "could" and "can" are "may"; "should" is "must".</summary>
    private static readonly FrozenDictionary<string, string> Modals = new Dictionary<string, string>
    {
        ["will"] = "modal:will",
        ["shall"] = "modal:will",
        ["'ll"] = "modal:will",
        ["would"] = "modal:will",
        ["may"] = "modal:may",
        ["might"] = "modal:may",
        ["could"] = "modal:may",
        ["can"] = "modal:may",
        ["should"] = "modal:must",
        ["must"] = "modal:must",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static string? ModalKey(string lower) => Modals.TryGetValue(lower, out var key) ? key : null;

    private static readonly FrozenDictionary<string, string> Irregular = Pairs(
        "said say|says say|told tell|rose rise|risen rise|fell fall|fallen fall|met meet|made make|took take|taken take|gave give|" +
        "given give|held hold|left leave|began begin|begun begin|spoke speak|spoken speak|sought seek|bought buy|brought bring|" +
        "thought think|won win|lost lose|sent send|spent spend|led lead|kept keep|struck strike|saw see|seen see|went go|gone go|" +
        "came come|became become|grew grow|grown grow|knew know|known know|found find|chose choose|chosen choose|wrote write|" +
        "written write|paid pay|sold sell|built build|fought fight|shot shoot|drew draw|drawn draw|ran run|stood stand|meant mean|" +
        "felt feel|heard hear|got get|gotten get|fled flee|bore bear|borne bear|dealt deal|forgave forgive|forgiven forgive|" +
        "froze freeze|frozen freeze|hid hide|hidden hide|laid lay|lent lend|rode ride|sank sink|sunk sink|shook shake|shaken shake|" +
        "slid slide|sped speed|stole steal|stolen steal|swore swear|sworn swear|taught teach|threw throw|thrown throw|" +
        "undertook undertake|undertaken undertake|withdrew withdraw|withdrawn withdraw|woke wake|wore wear|worn wear|" +
        "men man|women woman|children child|people person|data datum|pct percent|usd dollar|eur euro|gbp pound|" +
        "better good|best good|worse bad|worst bad");

    /// <summary>Paraphrases a rewrite may use for each other, by group; the first word names the group.</summary>
    private static readonly string[][] Synonyms =
    [
        ["lower", "cut", "reduce", "decrease", "fall", "decline", "drop", "lessen"],
        ["increase", "raise", "hike", "lift", "rise", "grow", "climb"],
        ["acquire", "buy", "purchase"],
        ["company", "firm"],
        ["begin", "start", "commence"],
        ["end", "conclude", "finish"],
        ["help", "assist", "assistance", "aid"],
        ["condemn", "denounce", "criticize", "criticise"],
        ["large", "big"],
        ["rapid", "quick", "fast"],
        ["strike", "attack"],
        ["fire", "launch"],
        ["report", "post"],
        ["talk", "discuss"],
        ["country", "nation"],
        ["official", "officer"],
        ["percent", "pct"],
        ["statement", "readout", "release"],
        ["happen", "occur"],
        ["total", "overall"],
        ["person", "individual"],
        ["many", "numerous"],
        ["show", "demonstrate"],
        ["give", "provide"],
        ["need", "require"],
        ["get", "obtain"],
        ["enough", "sufficient"],
        ["now", "currently"],
        ["repeat", "reiterate"],
        ["ship", "vessel"],
        ["try", "attempt"],
    ];

    /// <summary>Pairs whose swap reverses a claim ("denied" vs "confirmed").</summary>
    private static readonly string[][] Opposites =
    [
        ["deny", "confirm"], ["reject", "accept"], ["reject", "approve"], ["increase", "lower"], ["win", "lose"],
        ["support", "oppose"], ["allow", "ban"], ["allow", "prohibit"], ["approve", "veto"], ["agree", "refuse"],
        ["agree", "disagree"], ["gain", "loss"], ["profit", "loss"], ["succeed", "fail"], ["open", "close"],
        ["include", "exclude"], ["strengthen", "weaken"], ["expand", "contract"],
        ["resume", "suspend"], ["lift", "impose"], ["positive", "negative"], ["higher", "lower"],
    ];

    /// <summary>Attribution verbs and nouns, as written: a restated attribution ("according to", "said", "the
    /// statement said") adds no claim of its own.</summary>
    public static readonly FrozenSet<string> AttributionWords = Set(
        "say says said saying tell tells told stated reported according added adds noted announced announces explained " +
        "commented stressed reiterated reiterates underscored emphasized emphasised statement readout reporters journalists");

    private static readonly FrozenDictionary<string, string> SynonymKeys;
    private static readonly FrozenSet<(string, string)> OppositeKeys;
    private static readonly FrozenSet<string> OppositeHeads;
    private static readonly ConcurrentInterner Interner = new();

    static Lexicon()
    {
        var synonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in Synonyms)
        {
            var head = Stem(Lemma(group[0]));
            foreach (var word in group)
            {
                synonyms[Stem(Lemma(word))] = head;
            }
        }

        SynonymKeys = synonyms.ToFrozenDictionary(StringComparer.Ordinal);
        NumberWords = NumberWordList.Split(' ').Select(Canonical).ToFrozenSet(StringComparer.Ordinal);
        OppositeKeys = Opposites.SelectMany(p => new[] { (Canonical(p[0]), Canonical(p[1])), (Canonical(p[1]), Canonical(p[0])) })
            .ToFrozenSet();
        OppositeHeads = OppositeKeys.Select(p => p.Item1).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Lemma, light stem, then paraphrase group: the key of a content word.</summary>
    public static string Canonical(string lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        if (CanonicalKeys.TryGetValue(lower, out var known))
        {
            return known;
        }

        var stem = Stem(Lemma(lower));
        var key = SynonymKeys.TryGetValue(stem, out var head) ? head : stem;
        // Every word of every source and claim comes through here: a word's key is worked out once.
        if (Interlocked.Increment(ref _canonicalCount) <= MaxCanonicalKeys)
        {
            CanonicalKeys.TryAdd(lower, key);
        }

        return key;
    }

    private const int MaxCanonicalKeys = 200_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CanonicalKeys = new(StringComparer.Ordinal);
    private static int _canonicalCount;

    public static bool AreOpposite(string a, string b) => OppositeKeys.Contains((a, b));

    /// <summary>True when the key has an opposite at all: most words have none, and this spares testing them
    /// against every word of the evidence.</summary>
    public static bool HasOpposite(string key) => OppositeHeads.Contains(key);

    /// <summary>Keys of the country or region a demonym may stand for ("Korean" → korea, "Japanese" → japan,
    /// "Canadian" → canada, "Russian" → russia): by English suffix rules, so no list of countries is needed.</summary>
    public static IEnumerable<string> DemonymBases(string lower)
    {
        if (lower.EndsWith("ese", StringComparison.Ordinal) && lower.Length > 5)
        {
            yield return Canonical(lower[..^3]);
        }

        if (lower.EndsWith("ian", StringComparison.Ordinal) && lower.Length > 5)
        {
            yield return Canonical(lower[..^1]);
            yield return Canonical(lower[..^3] + "a");
        }
        else if (lower.EndsWith("an", StringComparison.Ordinal) && lower.Length > 4)
        {
            yield return Canonical(lower[..^1]);
            yield return Canonical(lower[..^2] + "o");
        }
    }

    private static string Lemma(string lower) => Irregular.TryGetValue(lower, out var lemma) ? lemma : lower;

    /// <summary>Strips plural and verb endings. Crude but consistent, which is all the alignment needs.</summary>
    private static string Stem(string w)
    {
        if (w.Length <= 3)
        {
            return w;
        }

        var s = w;
        if (s.EndsWith("ies", StringComparison.Ordinal) && s.Length > 4)
        {
            s = s[..^3] + "y";
        }
        else if (s.EndsWith("sses", StringComparison.Ordinal))
        {
            s = s[..^2];
        }
        else if (s[^1] == 's' && s[^2] is not ('s' or 'u' or 'i' or '\''))
        {
            s = s[..^1];
        }

        if (s.EndsWith("ing", StringComparison.Ordinal) && s.Length >= 6)
        {
            s = s[..^3];
        }
        else if (s.EndsWith("ied", StringComparison.Ordinal) && s.Length >= 5)
        {
            s = s[..^3] + "y";
        }
        else if (s.EndsWith("ed", StringComparison.Ordinal) && s.Length >= 5)
        {
            s = s[..^2];
        }

        if (s.Length >= 4 && s[^1] == 'e')
        {
            s = s[..^1];
        }

        if (s.Length >= 3 && s[^1] == s[^2] && s[^1] is not ('a' or 'e' or 'i' or 'o' or 'u'))
        {
            s = s[..^1];
        }

        return s.Length == w.Length ? w : Intern(s);
    }

    internal static string Intern(ReadOnlySpan<char> word) => Interner.Get(word);

    private static FrozenSet<string> Set(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    private static FrozenDictionary<string, string> Pairs(string pairs) =>
        pairs.Split('|').Select(p => p.Split(' ')).ToFrozenDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>Reuses one string per distinct word, so splitting the same sources and claims again allocates
    /// no new key strings. Bounded: past the cap, words are simply not interned.</summary>
    private sealed class ConcurrentInterner
    {
        private const int Cap = 200_000;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        public ConcurrentInterner() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

        public string Get(ReadOnlySpan<char> word)
        {
            if (_lookup.TryGetValue(word, out var found))
            {
                return found;
            }

            // A plain count: a concurrent dictionary's own Count takes every lock, and this runs on every new word.
            var s = word.ToString();
            return Interlocked.Increment(ref _count) <= Cap ? _strings.GetOrAdd(s, s) : s;
        }

        private int _count;
    }
}
