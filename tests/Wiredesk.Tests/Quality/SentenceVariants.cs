using System.Text.RegularExpressions;
using Wiredesk.Analysis;
using Wiredesk.Verification;

namespace Wiredesk.Tests.Quality;

/// <summary>Rewrites of one source sentence for the verifier benchmark, made by general rules (never per document).
/// Faithful rewrites say nothing the sentence does not; corrupted ones change exactly one fact. Each generator
/// returns null where its rule does not apply, so that no variant is forced into a sentence it would not fit.</summary>
internal sealed partial class SentenceVariants(string body, ReportAnalysis analysis, Sentence sentence, string publisher, int seed)
{
    public static readonly string[] FaithfulKinds = ["verbatim", "compressed", "attribution restated", "clauses reordered"];
    public static readonly string[] CorruptedKinds = ["name swapped", "number changed", "date shifted", "negation flipped", "quote word changed", "quote speaker changed", "clause appended"];

    private static readonly string[] SideClauseOpeners = ["In", "After", "While", "Although", "As", "Since", "Following", "Despite", "With", "During", "On", "At", "Under", "Given", "Before", "Because", "When", "If", "Through", "Amid"];

    /// <summary>Clauses no corpus document should support; each is used only where at least two of its content
    /// words are absent from the whole document.</summary>
    private static readonly string[] UnsupportedClauses =
    [
        "a decision that prompted street protests in several provinces",
        "sending regional bank shares sharply lower in afternoon trading",
        "after months of secret negotiations with foreign creditors",
        "which analysts described as the biggest policy reversal in a decade",
        "though the plan was immediately vetoed by opposition lawmakers",
        "despite strong objections from environmental campaigners",
        "marking the first such move since the pandemic",
        "prompting emergency talks among insurers",
        "while oil prices surged to a record high",
        "a step that surprised most economists",
    ];

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = "two",
        ["two"] = "three",
        ["three"] = "four",
        ["four"] = "five",
        ["five"] = "six",
        ["six"] = "seven",
        ["seven"] = "eight",
        ["eight"] = "nine",
        ["nine"] = "ten",
        ["ten"] = "eleven",
        ["eleven"] = "twelve",
        ["twelve"] = "ten",
        ["dozen"] = "score",
        ["hundred"] = "thousand",
        ["thousand"] = "hundred",
    };

    private string Text => sentence.Text;

    public string? Make(string kind) => kind switch
    {
        "verbatim" => Text,
        "compressed" => Compressed(),
        "attribution restated" => AttributionRestated(),
        "clauses reordered" => Reordered(),
        "name swapped" => NameSwapped(),
        "number changed" => NumberChanged(),
        "date shifted" => DateShifted(),
        "negation flipped" => NegationFlipped(),
        "quote word changed" => QuoteWordChanged(),
        "quote speaker changed" => QuoteSpeakerChanged(),
        "clause appended" => ClauseAppended(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    // ---- faithful -------------------------------------------------------------------------------------------

    /// <summary>Drops a parenthetical, an aside between commas, or a leading adverbial clause.</summary>
    private string? Compressed()
    {
        var paren = Regex.Match(Text, @"\s?\([^()]{3,120}\)");
        if (paren.Success && IsOutsideQuotes(paren.Index, paren.Index + paren.Length) && Regex.IsMatch(paren.Value, "[A-Za-z]{2}"))
        {
            return Squeeze(Text.Remove(paren.Index, paren.Length));
        }

        foreach (Match aside in AsidePattern().Matches(Text))
        {
            var words = aside.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words is >= 2 and <= 12 && aside.Index > 0 && IsOutsideQuotes(aside.Index, aside.Index + aside.Length)
                && !HasQuoteMark(aside.Value) && !aside.Groups[1].Value.StartsWith("and ", StringComparison.Ordinal)
                && !Regex.IsMatch(aside.Groups[1].Value, @"\b(and|or)\b|\d") && !OverlapsDate(aside.Index, aside.Index + aside.Length)
                && !(char.IsUpper(aside.Groups[1].Value[0]) && char.IsUpper(Text[aside.Index + aside.Length])))
            {
                return Squeeze(Text[..aside.Index] + " " + Text[(aside.Index + aside.Length)..]);
            }
        }

        return LeadingClause() is { } lead ? Capitalize(Text[lead.Length..].TrimStart(' ', ',')) : null;
    }

    private string? AttributionRestated()
    {
        var said = Regex.Match(Text, @"\bsaid\b");
        if (said.Success && IsOutsideQuotes(said.Index, said.Index + said.Length))
        {
            return Text.Remove(said.Index, said.Length).Insert(said.Index, "stated");
        }

        return Text.EndsWith('.') && !HasQuoteMark(Text) ? $"{Text[..^1]}, according to {publisher}." : null;
    }

    /// <summary>Moves a leading adverbial clause to the end, or swaps two clauses joined by ", and".</summary>
    private string? Reordered()
    {
        if (!Text.EndsWith('.') || HasQuoteMark(Text))
        {
            return null;
        }

        if (LeadingClause() is { } lead)
        {
            var rest = Text[lead.Length..].TrimStart(' ', ',')[..^1];
            return $"{Capitalize(rest)} {LowerFirst(lead.TrimEnd(',', ' '), 0)}.";
        }

        var leadingSaid = LeadingAttribution().Match(Text);
        if (leadingSaid.Success && leadingSaid.Groups[2].Value.Split(' ').Length >= 5)
        {
            var claim = leadingSaid.Groups[2].Value.TrimEnd('.');
            return $"{Capitalize(claim)}, {leadingSaid.Groups[1].Value} said.";
        }

        var trailingSaid = TrailingAttribution().Match(Text);
        if (trailingSaid.Success && trailingSaid.Groups[1].Value.Split(' ').Length >= 5)
        {
            return $"{Capitalize(trailingSaid.Groups[2].Value)} said {LowerFirst(trailingSaid.Groups[1].Value, sentence.Start)}.";
        }

        var trailingClause = TrailingClause().Match(Text);
        if (trailingClause.Success && trailingClause.Groups[1].Value.Split(' ').Length >= 4 && trailingClause.Groups[3].Value.Split(' ').Length >= 3)
        {
            return $"{Capitalize(trailingClause.Groups[2].Value)} {trailingClause.Groups[3].Value}, {LowerFirst(trailingClause.Groups[1].Value, sentence.Start)}.";
        }

        var and = Text.IndexOf(", and ", StringComparison.Ordinal);
        if (and > 0 && Text.IndexOf(", and ", and + 1, StringComparison.Ordinal) < 0 && Text.IndexOf(',', 0, and) < 0)
        {
            var first = Text[..and];
            var second = Text[(and + 6)..^1];
            if (second.Split(' ').Length >= 4 && first.Split(' ').Length >= 4)
            {
                return $"{Capitalize(second)}, and {LowerFirst(first, sentence.Start)}.";
            }
        }

        return null;
    }

    // ---- corrupted ------------------------------------------------------------------------------------------

    private string? NameSwapped()
    {
        var sentenceKeys = ContentKeys(Text);
        foreach (var entity in analysis.Entities)
        {
            foreach (var mention in entity.Mentions.Where(InSentence))
            {
                var mentionKeys = ContentKeys(mention.Text);
                var other = analysis.Entities
                    .Where(o => o.Id != entity.Id && SameKind(o.Type, entity.Type) && !o.Mentions.Any(InSentence))
                    .Select(o => o.Mentions.Select(m => m.Text).Where(t => char.IsUpper(t[0])).OrderByDescending(t => t.Length).FirstOrDefault())
                    .FirstOrDefault(t => t is not null && !ContentKeys(t).Overlaps(mentionKeys) && !ContentKeys(t).Overlaps(sentenceKeys));
                if (other is not null)
                {
                    return Replace(mention.Start, mention.End, other);
                }
            }
        }

        return null;
    }

    private string? NumberChanged()
    {
        foreach (var number in analysis.Numbers.Where(n => InSentence(n.Start, n.End)))
        {
            var text = number.Text;
            string? changed = null;
            var magnitude = Regex.Match(text, @"\b(million|billion|percentage points?|percent|basis points?)\b");
            if (magnitude.Success && seed % 2 == 0)
            {
                var swap = magnitude.Value switch
                {
                    "million" => "billion",
                    "billion" => "million",
                    "percent" => "percentage points",
                    _ => "percent",
                };
                changed = text.Remove(magnitude.Index, magnitude.Length).Insert(magnitude.Index, swap);
            }
            else if (text.AsSpan().IndexOfAnyInRange('0', '9') is var d and >= 0)
            {
                var digit = text[d] == '9' ? '8' : (char)(text[d] + 1);
                changed = text.Remove(d, 1).Insert(d, digit.ToString());
            }
            else if (NumberWords.TryGetValue(text.ToLowerInvariant(), out var word))
            {
                changed = char.IsUpper(text[0]) ? Capitalize(word) : word;
            }

            if (changed is not null && changed != text && !Text.Contains(changed, StringComparison.Ordinal))
            {
                return Replace(number.Start, number.End, changed);
            }
        }

        return null;
    }

    private string? DateShifted()
    {
        foreach (var date in analysis.Dates.Where(d => InSentence(d.Start, d.End)))
        {
            foreach (var changed in DateShifts(date.Text))
            {
                if (changed != date.Text && !Text.Contains(changed, StringComparison.Ordinal))
                {
                    return Replace(date.Start, date.End, changed);
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> DateShifts(string text)
    {
        var year = Regex.Match(text, @"\b(19|20)\d\d\b");
        if (year.Success)
        {
            var y = int.Parse(year.Value, System.Globalization.CultureInfo.InvariantCulture);
            yield return text.Remove(year.Index, 4).Insert(year.Index, (y - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield return text.Remove(year.Index, 4).Insert(year.Index, (y + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield break;
        }

        var day = Regex.Match(text, @"\b([1-9]|[12]\d|3[01])\b");
        if (day.Success && Months.Any(m => text.Contains(m, StringComparison.Ordinal)))
        {
            var d = int.Parse(day.Value, System.Globalization.CultureInfo.InvariantCulture);
            yield return text.Remove(day.Index, day.Length).Insert(day.Index, (d >= 28 ? d - 1 : d + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            yield break;
        }

        for (var i = 0; i < Months.Length; i++)
        {
            if (text.Contains(Months[i], StringComparison.Ordinal))
            {
                yield return text.Replace(Months[i], Months[(i + 1) % 12], StringComparison.Ordinal);
                yield break;
            }
        }

        for (var i = 0; i < Weekdays.Length; i++)
        {
            if (text.Contains(Weekdays[i], StringComparison.Ordinal))
            {
                yield return text.Replace(Weekdays[i], Weekdays[(i + 1) % 7], StringComparison.Ordinal);
                yield break;
            }
        }
    }

    /// <summary>Removes a negation where there is one ("did not launch" → "did launch"), else adds one after the
    /// first auxiliary ("will meet" → "will not meet"). Never inside a quote, never "not only" or "whether or not".</summary>
    private string? NegationFlipped()
    {
        foreach (Match m in NegationPattern().Matches(Text))
        {
            if (!IsOutsideQuotes(m.Index, m.Index + m.Length) || Text.AsSpan(m.Index).StartsWith("not only", StringComparison.OrdinalIgnoreCase)
                || Text.AsSpan(0, m.Index).TrimEnd().EndsWith("or", StringComparison.Ordinal))
            {
                continue;
            }

            if (m.Value == "cannot")
            {
                return Text.Remove(m.Index, m.Length).Insert(m.Index, "can");
            }

            if (m.Value.StartsWith('n'))
            {
                // "won't" and "can't" do not leave a word behind when the "n't" goes.
                return m.Index >= 2 && Text.Substring(m.Index - 2, 2) is "wo" or "ca" ? null : Text.Remove(m.Index, m.Length);
            }

            return Squeeze(Text.Remove(m.Index, m.Length));
        }

        if (Regex.IsMatch(Text, @"\b(not|never|no|n't|cannot|neither|nor|without)\b", RegexOptions.IgnoreCase))
        {
            return null;
        }

        foreach (Match aux in AuxiliaryPattern().Matches(Text))
        {
            if (IsOutsideQuotes(aux.Index, aux.Index + aux.Length) && !Text.AsSpan(aux.Index + aux.Length).TrimStart().StartsWith("only", StringComparison.Ordinal))
            {
                return Text.Insert(aux.Index + aux.Length, " not");
            }
        }

        return null;
    }

    private string? QuoteWordChanged()
    {
        var docWords = DocumentWords();
        var quoted = analysis.Quotes.Where(q => q.Start > 0 && IsQuoteMark(body[q.Start - 1]))
            .Select(q => (Start: Math.Max(q.Start, sentence.Start), End: Math.Min(q.End, sentence.End)))
            .Where(q => q.Start < q.End)
            .Concat(QuoteText.FindQuoted(Text).Select(q => (Start: q.Start + sentence.Start, End: q.End + sentence.Start)))
            .Where(q => body[q.Start..q.End].Split(' ').Length >= 3)
            .Distinct();
        foreach (var quote in quoted.Select(q => (q.Start, Text: body[q.Start..q.End])))
        {
            foreach (Match word in Regex.Matches(quote.Text, @"\b[a-z]{4,}\b"))
            {
                if (Lexicon.FunctionWords.Contains(word.Value))
                {
                    continue;
                }

                var key = Words.KeyOf(word.Value);
                var replacement = docWords.FirstOrDefault(w => Words.KeyOf(w) != key && !quote.Text.Contains(w, StringComparison.Ordinal) && !Text.Contains(w, StringComparison.Ordinal));
                if (replacement is not null)
                {
                    return Replace(quote.Start + word.Index, quote.Start + word.Index + word.Length, replacement);
                }
            }
        }

        return null;
    }

    private string? QuoteSpeakerChanged()
    {
        var sentenceKeys = ContentKeys(Text);
        foreach (var quote in analysis.Quotes.Where(q => InSentence(q.Start, q.End) && q.Speaker is { EntityId: not null } s && InSentence(s.Start, s.End)))
        {
            var speaker = quote.Speaker!;
            var speakerEntity = analysis.Entities.FirstOrDefault(e => e.Id == speaker.EntityId);
            var speakerKeys = ContentKeys(speaker.Name);
            var other = analysis.Entities
                .Where(e => e.Id != speaker.EntityId && (speakerEntity is null || SameKind(e.Type, speakerEntity.Type)) && !e.Mentions.Any(InSentence))
                .OrderBy(e => e.Type == EntityType.Person ? 0 : 1)
                .Select(e => e.Mentions.Select(m => m.Text).Where(t => char.IsUpper(t[0])).OrderByDescending(t => t.Length).FirstOrDefault())
                .FirstOrDefault(t => t is not null && !ContentKeys(t).Overlaps(speakerKeys) && !ContentKeys(t).Overlaps(sentenceKeys));
            if (other is not null)
            {
                return Replace(speaker.Start, speaker.End, other);
            }
        }

        // A quote that ends the sentence, its speaker named in another sentence: attribute it to someone else.
        if (Text.EndsWith(".”", StringComparison.Ordinal) || Text.EndsWith(".\"", StringComparison.Ordinal))
        {
            var quote = analysis.Quotes.FirstOrDefault(q => q.End >= sentence.End - 2 && q.Start >= sentence.Start && q.Speaker is { EntityId: not null } s && !InSentence(s.Start, s.End));
            var other = quote is null ? null : analysis.Entities
                .Where(e => e.Type == EntityType.Person && e.Id != quote.Speaker!.EntityId && !e.Mentions.Any(InSentence))
                .Select(e => e.Mentions.Select(m => m.Text).Where(t => char.IsUpper(t[0])).OrderByDescending(t => t.Length).FirstOrDefault())
                .FirstOrDefault(t => t is not null && !ContentKeys(t).Overlaps(sentenceKeys) && !ContentKeys(t).Overlaps(ContentKeys(quote!.Speaker!.Name)));
            if (other is not null)
            {
                return $"{Text[..^2]},{Text[^1]} {other} said.";
            }
        }

        return null;
    }

    private string? ClauseAppended()
    {
        if (!Text.EndsWith('.'))
        {
            return null;
        }

        var bodyKeys = ContentKeys(body);
        for (var i = 0; i < UnsupportedClauses.Length; i++)
        {
            var clause = UnsupportedClauses[(seed + i) % UnsupportedClauses.Length];
            if (ContentKeys(clause).Count(k => !bodyKeys.Contains(k)) >= 2)
            {
                return $"{Text[..^1]}, {clause}.";
            }
        }

        return null;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private bool OverlapsDate(int start, int end) =>
        analysis.Dates.Any(d => d.Start < sentence.Start + end && d.End > sentence.Start + start);

    private bool InSentence(Mention m) => InSentence(m.Start, m.End);

    private bool InSentence(int start, int end) => start >= sentence.Start && end <= sentence.End;

    /// <summary>The sentence with body characters [start, end) replaced.</summary>
    private string Replace(int start, int end, string with) =>
        Text[..(start - sentence.Start)] + with + Text[(end - sentence.Start)..];

    private string? LeadingClause()
    {
        var comma = Text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !SideClauseOpeners.Contains(Text.Split(' ')[0]) || HasQuoteMark(Text[..comma]))
        {
            return null;
        }

        var lead = Text[..(comma + 1)];
        var words = lead.Split(' ').Length;
        return words is >= 2 and <= 15 && Text[(comma + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 5 ? lead : null;
    }

    private bool IsOutsideQuotes(int start, int end)
    {
        foreach (var (qs, qe) in QuoteText.FindQuoted(Text))
        {
            if (start < qe && end > qs)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Lower-cases the first letter unless the first word is part of a name.</summary>
    private string LowerFirst(string text, int bodyOffset)
    {
        var isName = analysis.Entities.Any(e => e.Mentions.Any(m => m.Start == bodyOffset));
        return isName || text.Length == 0 || (text.Length > 1 && char.IsUpper(text[1])) ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }

    private List<string> DocumentWords() =>
        [.. Regex.Matches(body, @"\b[a-z]{5,}\b").Select(m => m.Value).Where(w => !Lexicon.FunctionWords.Contains(w)).Distinct().Skip(seed % 7)];

    private static HashSet<string> ContentKeys(string text) =>
        [.. Words.Split(text).Where(w => w.IsContent).Select(w => w.Key)];

    private static bool SameKind(EntityType a, EntityType b) =>
        a == b || a is EntityType.Organization or EntityType.Company && b is EntityType.Organization or EntityType.Company
               || a is EntityType.Country or EntityType.Place && b is EntityType.Country or EntityType.Place;

    private static bool IsQuoteMark(char c) => c is '“' or '"' or '‘' or '«' or '„';

    private static bool HasQuoteMark(string text) => text.IndexOfAny(['“', '”', '"', '‘', '«', '»']) >= 0;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Squeeze(string text) => MultipleSpaces().Replace(text, " ").Replace(" ,", ",", StringComparison.Ordinal).Replace(" .", ".", StringComparison.Ordinal);

    [GeneratedRegex(@",\s([^,;:]+?),\s")]
    private static partial Regex AsidePattern();

    [GeneratedRegex(@"\b(not|never|cannot)\b|n['’]t\b")]
    private static partial Regex NegationPattern();

    [GeneratedRegex(@"\b(is|are|was|were|will|would|can|could|should|has|have|had|may|might|must|does|do|did)\b")]
    private static partial Regex AuxiliaryPattern();

    /// <summary>"Kishida said (that) the missiles fell short." with a short subject.</summary>
    [GeneratedRegex(@"^((?:[A-Z][\w.’'-]*\s){1,4}|(?:The|A|An)\s(?:[\w.’'-]+\s){1,3})said\s(?:that\s)?([^,;:]+\.)$")]
    private static partial Regex LeadingAttribution();

    /// <summary>"The missiles fell short, Kishida said."</summary>
    [GeneratedRegex(@"^([^;:]+),\s((?:[A-Z][\w.’'-]*\s){1,4}|(?:the|a|an)\s(?:[\w.’'-]+\s){1,3})said\.$")]
    private static partial Regex TrailingAttribution();

    /// <summary>"Shares rose, while bonds fell." — a main clause and a trailing subordinate clause.</summary>
    [GeneratedRegex(@"^([^,;:]+),\s(while|as|after|before|because|although|since|when|though|following|despite|amid|until|unless)\s([^,;:]+)\.$")]
    private static partial Regex TrailingClause();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultipleSpaces();
}
