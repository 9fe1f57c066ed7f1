using System.Globalization;
using System.Text.RegularExpressions;
using Wiredesk.Analysis;
using Wiredesk.Verification;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Drafting;

/// <summary>The state of one draft while it is written: which source sentences are used, which people have been
/// introduced (full name and role first, surname after), which earlier reports are cited. Every sentence it returns
/// was supported by the verifier when chosen. One instance per draft; not thread-safe.</summary>
internal sealed partial class DraftComposer
{
    // Trim's params overloads make and fill a new array on every call: these run for every candidate sentence.
    private static readonly char[] QuoteEnd = ['.', ',', ';', ':', ' '];

    private const int MinWords = 6;
    private const int MaxWords = 80;
    private const int HeadlineFallbacks = 6;

    private static readonly HashSet<string> EastAsianSurnames = new(StringComparer.Ordinal)
    {
        "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Shin", "Seo", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong",
        "Xi", "Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Hu", "Mao", "Deng",
    };

    private static readonly HashSet<string> NameSuffixes = new(StringComparer.Ordinal) { "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV" };

    private readonly Verifier _verifier;
    private readonly KnowledgeBaseIndex _knowledgeBase;
    private readonly List<VerificationSource> _sources;
    private readonly HashSet<(string Report, int Start)> _used = [];
    private readonly HashSet<string> _introduced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _draftWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Sentence[]> _usable = new(StringComparer.Ordinal);
    private string? _headlineClause;
    private string? _mainSpeaker;

    public DraftComposer(List<PreparedReport> reports, Verifier verifier, KnowledgeBaseIndex knowledgeBase)
    {
        _knowledgeBase = knowledgeBase;
        Reports = reports;
        _verifier = verifier;
        _sources = [.. reports.Select(r => r.Verification)];
        var counts = new Dictionary<string, (Entity Entity, int Count)>(StringComparer.Ordinal);
        foreach (var e in reports.SelectMany(r => r.Analysis.Entities))
        {
            counts[e.Id] = counts.TryGetValue(e.Id, out var c) ? (c.Entity, c.Count + e.Mentions.Count) : (e, e.Mentions.Count);
        }

        var lead = reports[0].Analysis.Sentences.FirstOrDefault(s => IsUsable(s.Text));
        MainEntities = [.. counts.Values
            .Where(x => x.Count >= 2 || lead is not null && x.Entity.Mentions.Any(m => m.Start < lead.End))
            .OrderByDescending(x => x.Count).Select(x => x.Entity)];
        MainEntityIds = MainEntities.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        MainCountryIds = MainEntities.Where(e => e.Type == EntityType.Country)
            .OrderByDescending(e => lead is not null && e.Mentions.Any(m => m.Start >= lead.Start && m.End <= lead.End))
            .Take(3).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
    }

    public List<PreparedReport> Reports { get; }
    public IReadOnlyList<Entity> MainEntities { get; }
    public HashSet<string> MainEntityIds { get; }
    public HashSet<string> MainCountryIds { get; }
    public HashSet<string> Cited { get; } = new(StringComparer.Ordinal);

    /// <summary>Earlier reports the draft may cite: every sentence is verified against them too.</summary>
    public void Consult(IEnumerable<PreparedReport> earlier) => _sources.AddRange(earlier.Select(r => r.Verification));

    /// <summary>The main event in one sentence of at most 40 words, attributed to the report that carried it.</summary>
    public DraftSentence? Lede()
    {
        var primary = Reports[0];
        var usable = Usable(primary).ToList();
        var main = MainSentence(primary, usable);
        if (main is null)
        {
            return null;
        }

        var phrase = Attribution.Phrase(primary.Report.Source);
        var room = DraftWriter.MaxLedeWords - (phrase is null ? 0 : SentenceRewriter.WordCount(phrase));
        var candidates = SentenceRewriter.Candidates(main.Text);
        foreach (var candidate in candidates.Concat(candidates.Select(SentenceRewriter.Core).OfType<string>()))
        {
            foreach (var cut in Tails(candidate).Concat(SentenceRewriter.CutsAtPhrase(candidate, room)))
            {
                foreach (var (named, facts) in People(cut, primary, main).SelectMany(p => ShortNames(p, primary, main)))
                {
                    var text = Attribute(named, phrase);
                    if (SentenceRewriter.WordCount(text) <= DraftWriter.MaxLedeWords && Take(text, primary, main, facts) is { } sentence)
                    {
                        _headlineClause = named;
                        return sentence;
                    }
                }
            }
        }

        _headlineClause = SentenceRewriter.StripDateline(main.Text);
        return null;
    }

    /// <summary>The sentence that carries the main event: among the report's first sentences, the earliest one with a
    /// decision or action verb and a number or a name scores best (a statement often opens with context and states
    /// its decision later).</summary>
    private static Sentence? MainSentence(PreparedReport report, List<Sentence> usable)
    {
        var candidates = usable.Where(s => !SentenceRewriter.HasQuote(s.Text) && SentenceRewriter.WordCount(s.Text) >= 8).Take(8).ToList();
        if (candidates.Count == 0)
        {
            return usable.FirstOrDefault();
        }

        return candidates
            .Select((s, i) => (Sentence: s, Score: 3 - (0.4 * i)
                + (DecisionVerb().IsMatch(s.Text) ? 3 : EventVerb().IsMatch(s.Text) ? 1.5 : 0)
                + (report.Analysis.Numbers.Any(n => n.Start >= s.Start && n.End <= s.End) ? 1 : 0)
                - (Prospective().IsMatch(s.Text) ? 1.5 : 0)
                + (report.Analysis.Entities.Any(e => e.Mentions.Any(m => m.Start >= s.Start && m.End <= s.End)) ? 1 : 0)))
            .OrderByDescending(x => x.Score).First().Sentence;
    }

    /// <summary>Subject first, present tense, title case: the first headline candidate the verifier supports.</summary>
    public string Headline()
    {
        var clause = _headlineClause ?? Reports[0].Report.Title;
        var candidates = Drafting.Headline.Candidates(clause);
        // The lede's clause first; failing that, the main report's first statements in turn: the headline is
        // verified like any sentence, so it must come from a clause the verifier supports.
        var fallbacks = Usable(Reports[0]).Where(s => !SentenceRewriter.HasQuote(s.Text) && SentenceRewriter.WordCount(s.Text) >= 8).Take(HeadlineFallbacks)
            .SelectMany(s => Drafting.Headline.Candidates(SentenceRewriter.StripDateline(s.Text)));
        foreach (var candidate in candidates.Concat(fallbacks))
        {
            if (_verifier.Supports(candidate, _sources))
            {
                return candidate;
            }
        }

        return candidates.Count > 0 ? candidates[^1] : Drafting.Headline.Fit(Reports[0].Report.Title);
    }

    /// <summary>Key facts in source order, the strongest quote with its speaker, what the other reports add (each
    /// attributed the first time), and a reaction from another party: two to five sentences.</summary>
    public List<DraftSentence> WhatHappened()
    {
        var primary = Reports[0];
        var facts = new List<DraftSentence>();
        foreach (var s in Usable(primary).Where(s => !SentenceRewriter.HasQuote(s.Text) && !IsUsed(primary, s)))
        {
            if (facts.Count == 2)
            {
                break;
            }

            if (Novelty(s.Text) >= 0.4 && Rewrite(primary, s, null) is { } fact)
            {
                facts.Add(fact);
            }
        }

        var quote = BestQuote(null) is { } q ? QuoteSentence(q.Report, q.Quote) : null;
        var others = new List<DraftSentence>();
        foreach (var report in Reports.Skip(1).Take(2))
        {
            var phrase = Attribution.Phrase(report.Report.Source);
            foreach (var s in Usable(report).Where(s => !SentenceRewriter.HasQuote(s.Text) && !IsUsed(report, s)))
            {
                if (Novelty(s.Text) >= 0.5 && Rewrite(report, s, phrase) is { } added)
                {
                    others.Add(added);
                    break;
                }
            }
        }

        var reaction = Reaction();
        var all = new List<DraftSentence>(facts);
        all.AddRange(new[] { quote }.OfType<DraftSentence>());
        all.AddRange(others);
        all.AddRange(new[] { reaction }.OfType<DraftSentence>());
        while (all.Count > DraftWriter.MaxWhatHappened && facts.Count > 1)
        {
            all.Remove(facts[^1]);
            facts.RemoveAt(facts.Count - 1);
        }

        if (all.Count < 2)
        {
            all.AddRange(MoreFacts(2 - all.Count));
        }

        if (all.Count < 2)
        {
            all.AddRange(FirstPersonQuoted(2 - all.Count));
        }

        return [.. all.Take(DraftWriter.MaxWhatHappened)];
    }

    /// <summary>Background the sources themselves give: sentences with a marker of context ("since", "the first",
    /// "last year", a year), at most two, in source order; else the last unused sentence of the main report.</summary>
    public List<DraftSentence> Context()
    {
        var chosen = new List<DraftSentence>();
        foreach (var report in Reports)
        {
            foreach (var s in Usable(report).Where(s => !IsUsed(report, s) && BackgroundMarker().IsMatch(s.Text)))
            {
                if (chosen.Count == 2)
                {
                    return chosen;
                }

                if (Novelty(s.Text) >= 0.4 && (SentenceRewriter.HasQuote(s.Text) ? Whole(report, s) : Rewrite(report, s, null)) is { } sentence)
                {
                    chosen.Add(sentence);
                }
            }
        }

        if (chosen.Count == 0)
        {
            var primary = Reports[0];
            foreach (var s in Usable(primary).Where(s => !IsUsed(primary, s) && !SentenceRewriter.HasQuote(s.Text)).Reverse())
            {
                if (Novelty(s.Text) >= 0.4 && Rewrite(primary, s, null) is { } sentence)
                {
                    chosen.Add(sentence);
                    break;
                }
            }
        }

        return chosen;
    }

    /// <summary>An earlier report on the same entities: its main fact, attributed, then when it was published.</summary>
    public IEnumerable<DraftSentence> Earlier(PreparedReport report)
    {
        var main = Usable(report).FirstOrDefault(s => !SentenceRewriter.HasQuote(s.Text) && SentenceRewriter.WordCount(s.Text) >= 8);
        if (main is null || report.Report.Published is not { } published)
        {
            yield break;
        }

        var phrase = Attribution.Phrase(report.Report.Source);
        if (Rewrite(report, main, phrase, maxWords: 45) is not { } content)
        {
            yield break;
        }

        Cited.Add(report.Report.Id);
        yield return content;
        var who = Attribution.Name(report.Report.Source) ?? "The source";
        var date = published.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var fact = new DraftFact($"report:{report.Report.Id}:published", $"Report {report.Report.Id} was published by {who} on {date}.");
        var text = $"{char.ToUpperInvariant(who[0])}{who[1..]} published that report on {date}.";
        if (Supported(text, [], [fact]))
        {
            yield return new DraftSentence { Text = text, Facts = [fact] };
        }
    }

    /// <summary>Knowledge-base facts printed as they stand: each sentence is its fact's explanation.</summary>
    public IEnumerable<DraftSentence> Facts(IEnumerable<DraftFact> facts)
    {
        foreach (var fact in facts)
        {
            if (Supported(fact.Text, [], [fact]))
            {
                yield return new DraftSentence { Text = fact.Text, Facts = [fact] };
            }
        }
    }

    /// <summary>Whatever unused source sentences remain, for a section that would otherwise be empty.</summary>
    public List<DraftSentence> Remaining(int count) => [.. MoreFacts(count)];

    private IEnumerable<DraftSentence> MoreFacts(int count)
    {
        foreach (var report in Reports)
        {
            foreach (var s in Usable(report).Where(s => !IsUsed(report, s)))
            {
                if (count == 0)
                {
                    yield break;
                }

                if ((SentenceRewriter.HasQuote(s.Text) ? Whole(report, s) : Rewrite(report, s, report == Reports[0] ? null : Attribution.Phrase(report.Report.Source))) is { } sentence)
                {
                    count--;
                    yield return sentence;
                }
            }
        }
    }

    /// <summary>A statement in the first person ("I am authorizing...") cannot be restated without changing who
    /// speaks; it is quoted verbatim instead, credited to the publisher.</summary>
    private IEnumerable<DraftSentence> FirstPersonQuoted(int count)
    {
        foreach (var report in Reports)
        {
            var who = Attribution.Name(report.Report.Source);
            foreach (var s in report.Analysis.Sentences.Where(s => !IsUsed(report, s) && !SentenceRewriter.HasQuote(s.Text) && FirstPerson().IsMatch(s.Text)
                && SentenceRewriter.WordCount(s.Text) is >= MinWords and <= 45 && !TranscriptTurn().IsMatch(s.Text)))
            {
                if (count == 0)
                {
                    yield break;
                }

                var quoted = SentenceRewriter.Tidy(s.Text).TrimEnd('.');
                var document = DocumentKind().Match(report.Report.Source ?? "") is { Success: true } kind ? kind.Value.ToLowerInvariant() : "statement";
                string[] candidates = who is null
                    ? [$"\u201c{quoted},\u201d the {document} said."]
                    : [$"\u201c{quoted},\u201d {who} said.", $"\u201c{quoted},\u201d according to {who}.", $"\u201c{quoted},\u201d the {document} said."];
                foreach (var text in candidates)
                {
                    if (Take(text, report, s, []) is { } sentence)
                    {
                        count--;
                        yield return sentence;
                        break;
                    }
                }
            }
        }
    }

    /// <summary>A reaction from another party: a quote from a different speaker, else a sentence with a verb of
    /// response ("criticized", "denied", "called") whose subject is not the main report's.</summary>
    private DraftSentence? Reaction()
    {
        if (BestQuote(_mainSpeaker) is { } other && QuoteSentence(other.Report, other.Quote) is { } quoted)
        {
            return quoted;
        }

        foreach (var report in Reports)
        {
            foreach (var s in Usable(report).Where(s => !IsUsed(report, s) && ReactionVerb().IsMatch(s.Text)))
            {
                if (Novelty(s.Text) >= 0.4 && (SentenceRewriter.HasQuote(s.Text) ? Whole(report, s) : Rewrite(report, s, null)) is { } sentence)
                {
                    return sentence;
                }
            }
        }

        return null;
    }

    /// <summary>The strongest well-formed quote with a named speaker (a person over an organisation over a
    /// descriptor; the main report first), skipping the speaker already quoted.</summary>
    private (PreparedReport Report, Quote Quote)? BestQuote(string? notSpeaker)
    {
        (PreparedReport Report, Quote Quote)? best = null;
        var bestScore = 0;
        foreach (var report in Reports)
        {
            foreach (var q in report.Analysis.Quotes)
            {
                var words = SentenceRewriter.WordCount(q.Text);
                if (q.Speaker is not { } speaker || words < 6 || words > 45 || !char.IsUpper(q.Text.TrimStart()[0])
                    || (speaker.EntityId ?? speaker.Name) == notSpeaker || SentenceOf(report, q.Start) is not { } s || IsUsed(report, s))
                {
                    continue;
                }

                var type = report.Analysis.Entities.FirstOrDefault(e => e.Id == speaker.EntityId)?.Type;
                var score = (type == EntityType.Person ? 6 : speaker.EntityId is not null ? 4 : 2) + (report == Reports[0] ? 1 : 0);
                if (score > bestScore)
                {
                    (best, bestScore) = ((report, q), score);
                }
            }
        }

        return best;
    }

    /// <summary>“Quote,” Speaker said. The quote verbatim; the speaker named as the house style names people.
    /// Falls back to the source sentence that carries the quote.</summary>
    private DraftSentence? QuoteSentence(PreparedReport report, Quote quote)
    {
        var s = SentenceOf(report, quote.Start)!;
        var speaker = quote.Speaker!;
        var entity = report.Analysis.Entities.FirstOrDefault(e => e.Id == speaker.EntityId);
        var who = entity?.Type == EntityType.Person
            && SourceName(report, entity) is { } spelled
            ? _introduced.Contains(entity.Id) ? Surname(spelled) : WithRole(report, entity)
            : SpeakerPhrase(report.Report.Text, speaker);
        var text = quote.Text.Trim();
        var mark = text[^1] is '?' or '!';
        var body = mark ? text : text.TrimEnd(QuoteEnd);
        var constructed = $"\u201c{body}{(mark ? "" : ",")}\u201d {who} said.";
        _mainSpeaker ??= speaker.EntityId ?? speaker.Name;
        var spans = new[] { Span(report, s) };
        foreach (var candidate in new[] { constructed, SentenceRewriter.Tidy(SentenceRewriter.StripDateline(s.Text)) }.Distinct(StringComparer.Ordinal))
        {
            if (Take(candidate, report, s, []) is { } taken)
            {
                if (entity?.Type == EntityType.Person)
                {
                    _introduced.Add(entity.Id);
                }

                return taken;
            }
        }

        return null;
    }

    /// <summary>A source sentence rewritten (compressed, attribution restated, people named per house style),
    /// optionally credited to its report; the first candidate the verifier supports.</summary>
    private DraftSentence? Rewrite(PreparedReport report, Sentence s, string? phrase, int maxWords = 45)
    {
        var room = maxWords - (phrase is null ? 0 : SentenceRewriter.WordCount(phrase));
        foreach (var candidate in SentenceRewriter.Candidates(s.Text))
        {
            var versions = SentenceRewriter.WordCount(candidate) <= room ? [candidate] : SentenceRewriter.CutsAtPhrase(candidate, room).Prepend(candidate);
            foreach (var (named, facts) in versions.SelectMany(v => People(v, report, s)).SelectMany(p => ShortNames(p, report, s)))
            {
                var text = phrase is null || AttributedAlready().IsMatch(named) ? named : Attribute(named, phrase);
                if (SentenceRewriter.WordCount(text) <= maxWords && Take(text, report, s, facts) is { } sentence)
                {
                    return sentence;
                }
            }
        }

        return null;
    }

    /// <summary>A sentence with quotes taken whole (only its dateline stripped): quotes are never rewritten.</summary>
    private DraftSentence? Whole(PreparedReport report, Sentence s) =>
        Take(SentenceRewriter.Tidy(SentenceRewriter.StripDateline(s.Text)), report, s, []);

    private DraftSentence? Take(string text, PreparedReport report, Sentence s, IReadOnlyList<DraftFact> facts)
    {
        var spans = new[] { Span(report, s) };
        if (!Supported(text, spans, facts))
        {
            return null;
        }

        _used.Add((report.Report.Id, s.Start));
        foreach (var e in report.Analysis.Entities.Where(e => e.Type == EntityType.Person && e.Mentions.Any(m => m.Start >= s.Start && m.End <= s.End)))
        {
            _introduced.Add(e.Id);
        }

        foreach (var w in CopyMetrics.Tokens(text))
        {
            _draftWords.Add(w);
        }

        return new DraftSentence { Text = text, Sources = spans, Facts = facts };
    }

    private bool Supported(string text, IReadOnlyList<SourceSpan> spans, IReadOnlyList<DraftFact> facts)
    {
        var sources = facts.Count == 0 ? _sources : [.. _sources, .. facts.Select(f => _verifier.PrepareFact(f.Id, f.Text))];
        return _verifier.Supports(text, sources, spans);
    }

    /// <summary>The candidate with people named as the house style wants (a first mention gets the full name, a
    /// later one the surname), then the candidate as it stands.</summary>
    private IEnumerable<string> People(string text, PreparedReport report, Sentence s)
    {
        var named = text;
        foreach (var e in report.Analysis.Entities.Where(e => e.Type == EntityType.Person))
        {
            var mention = e.Mentions.FirstOrDefault(m => m.Start >= s.Start && m.End <= s.End);
            if (mention is null || !named.Contains(mention.Text, StringComparison.Ordinal))
            {
                continue;
            }

            var words = mention.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // The full name only in the report's own spelling: a draft names people as its sources do.
            if (!_introduced.Contains(e.Id) && words.Length == 1 && e.Name.Contains(' ', StringComparison.Ordinal) && report.Report.Text.Contains(e.Name, StringComparison.Ordinal))
            {
                named = ReplaceWord(named, mention.Text, e.Name);
            }
            else if (_introduced.Contains(e.Id) && words.Length > 1)
            {
                named = TitleRun().Replace(ReplaceWord(named, mention.Text, "\u0001" + Surname(e.Name)), m => TitleWord().IsMatch(m.Value) ? "" : m.Value)
                    .Replace("\u0001", "", StringComparison.Ordinal);
            }
        }

        if (named != text)
        {
            yield return SentenceRewriter.Tidy(Capitalize(named));
        }

        yield return text;
    }

    /// <summary>The candidate with a country's long official name replaced by its short knowledge-base name ("the
    /// Democratic People's Republic of Korea" → "North Korea"), citing the knowledge-base fact that the two name the
    /// same country; then the candidate as it stands.</summary>
    private IEnumerable<(string Text, IReadOnlyList<DraftFact> Facts)> ShortNames(string text, PreparedReport report, Sentence s)
    {
        var shortened = text;
        var facts = new List<DraftFact>();
        foreach (var e in report.Analysis.Entities.Where(e => e.Type == EntityType.Country))
        {
            if (_knowledgeBase.Find(e.Id) is not { } entry)
            {
                continue;
            }

            // The house's short form: the knowledge base's name for a long official one, and its dotted initials
            // ("U.S.", "U.K.") for the name itself, as wire copy writes them.
            var initials = entry.Aliases.FirstOrDefault(a => DottedInitials().IsMatch(a));
            foreach (var m in e.Mentions.Where(m => m.Start >= s.Start && m.End <= s.End).DistinctBy(m => m.Text))
            {
                var official = m.Text.Length > entry.Name.Length + 4 && entry.Aliases.Any(a => SameName(a, m.Text));
                var target = initials is not null && (official || m.Text == entry.Name) ? initials : official ? entry.Name : null;
                if (target is null || !shortened.Contains(m.Text, StringComparison.Ordinal))
                {
                    continue;
                }

                var keepsArticle = entry.Name.StartsWith("United ", StringComparison.Ordinal) || entry.Name.EndsWith('s');
                var replaced = Pattern($@"(?:\b[Tt]he )?(?<![\w-]){Regex.Escape(m.Text)}(?![\w-])(?!['’]| of\b)").Replace(shortened, match =>
                    keepsArticle && match.Value.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? match.Value[..4] + target : target);
                if (replaced != shortened)
                {
                    shortened = replaced;
                    facts.Add(new DraftFact("kb:" + entry.Id, $"{m.Text} is another name for {target}."));
                }
            }
        }

        if (facts.Count > 0)
        {
            yield return (Capitalize(shortened), facts);
        }

        yield return (text, []);
    }

    private static bool SameName(string a, string b) => a.Replace('’', '\'').Equals(b.Replace('’', '\''), StringComparison.Ordinal);

    /// <summary>"Federal Reserve Chair Jerome Powell": the title words the report puts before the person's first
    /// mention, else the name alone.</summary>
    private static string WithRole(PreparedReport report, Entity person)
    {
        foreach (var m in person.Mentions)
        {
            var before = report.Report.Text[Math.Max(0, m.Start - 80)..m.Start];
            var run = RoleBefore().Match(before);
            if (run.Success && TitleWord().IsMatch(run.Value))
            {
                return run.Value.Trim() + " " + (m.Text.Contains(' ', StringComparison.Ordinal) ? m.Text : SourceName(report, person) ?? m.Text);
            }
        }

        foreach (var m in person.Mentions)
        {
            var after = report.Report.Text[m.End..Math.Min(report.Report.Text.Length, m.End + 80)];
            var role = RoleAfter().Match(after);
            if (role.Success && TitleWord().IsMatch(role.Groups[1].Value) && m.Text.Contains(' ', StringComparison.Ordinal))
            {
                return $"{m.Text}, {role.Groups[1].Value},";
            }
        }

        return SourceName(report, person) ?? person.Name;
    }

    /// <summary>The person's fullest name as this report spells it (never an all-capitals transcript label).</summary>
    private static string? SourceName(PreparedReport report, Entity person) =>
        person.Mentions.Select(m => m.Text).Where(t => t.Any(char.IsLower) && report.Report.Text.Contains(t, StringComparison.Ordinal)).OrderByDescending(t => t.Length).FirstOrDefault()
        ?? (report.Report.Text.Contains(person.Name, StringComparison.Ordinal) ? person.Name : null);

    private static string Surname(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !NameSuffixes.Contains(w)).ToArray();
        return words.Length > 1 && EastAsianSurnames.Contains(words[0]) ? words[0] : words[^1];
    }

    private static string Attribute(string sentence, string? phrase)
    {
        if (phrase is null)
        {
            return sentence;
        }

        var body = sentence.TrimEnd().TrimEnd('.');
        return $"{body}, {phrase}.";
    }

    private static IEnumerable<string> Tails(string sentence)
    {
        yield return sentence;
        var s = sentence;
        while (SentenceRewriter.DropTail(s) is { } shorter)
        {
            yield return shorter;
            s = shorter;
        }
    }

    private double Novelty(string text)
    {
        var words = CopyMetrics.Tokens(text).Where(w => w.Length > 3).Distinct(StringComparer.Ordinal).ToList();
        return words.Count == 0 ? 0 : words.Count(w => !_draftWords.Contains(w)) / (double)words.Count;
    }

    private bool IsUsed(PreparedReport report, Sentence s) => _used.Contains((report.Report.Id, s.Start));

    /// <summary>The report's sentences a draft may use, judged once per report: every slot walks them again.</summary>
    private Sentence[] Usable(PreparedReport report)
    {
        if (!_usable.TryGetValue(report.Report.Id, out var usable))
        {
            _usable[report.Report.Id] = usable = UsableSentences.GetValue(report.Analysis, a => [.. a.Sentences.Where(s => IsUsable(s.Text))]);
        }

        return usable;
    }

    /// <summary>Usable sentences by analysis: whether a sentence is usable depends on its text alone, and the same
    /// reports come back draft after draft (a story redrafted as it grows, an earlier report cited by several
    /// stories). Kept while the analysis lives.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ReportAnalysis, Sentence[]> UsableSentences = [];

    /// <summary>Every sentence of every report goes through this once per draft, so the cheap tests come first and
    /// the patterns run only on what passed them.</summary>
    private static bool IsUsable(string text)
    {
        if (text.AsSpan().IndexOfAny('\n', '|', '©') >= 0 || text.Contains("http", StringComparison.OrdinalIgnoreCase)
            || SentenceRewriter.WordCount(text) is < MinWords or > MaxWords || text.AsSpan().TrimEnd().EndsWith(":", StringComparison.Ordinal))
        {
            return false;
        }

        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            letters += char.IsLetter(c) ? 1 : 0;
            upper += char.IsUpper(c) ? 1 : 0;
        }

        return upper < letters / 2 && !(text.Contains(':', StringComparison.Ordinal) && TranscriptTurn().IsMatch(text)) && !EndsCutShort(text)
            && !(FirstPerson().IsMatch(text) && FirstPerson().IsMatch(WithoutQuotes(text))) && !IsTitleLike(text);
    }

    private static readonly HashSet<string> CutShortWords = new(StringComparer.Ordinal) { "at", "the", "of", "to", "and", "a", "an", "in", "on", "for", "with", "from", "by", "or" };

    /// <summary>A sentence the page cut off ("...seeing one another at."): it ends on a word that cannot end one
    /// (optionally a period, then white space).</summary>
    private static bool EndsCutShort(string text)
    {
        var end = text.Length;
        while (end > 0 && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > 0 && text[end - 1] == '.')
        {
            end--;
        }

        var start = end;
        while (start > 0 && IsWordChar(text[start - 1]))
        {
            start--;
        }

        return end - start is >= 1 and <= 4 && CutShortWords.Contains(text[start..end]);
    }

    /// <summary>A regular-expression word character (\w).</summary>
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.ConnectorPunctuation;

    private static Sentence? SentenceOf(PreparedReport report, int position) =>
        report.Analysis.Sentences.FirstOrDefault(s => s.Start <= position && position < s.End);

    private static SourceSpan Span(PreparedReport report, Sentence s) => new(report.Report.Id, s.Start, s.End);

    private static string ReplaceWord(string text, string word, string with) =>
        Pattern($@"(?<![\w-]){Regex.Escape(word)}(?![\w-])").Replace(text, with.Replace("$", "$$", StringComparison.Ordinal));

    /// <summary>Patterns made from a name, kept: the same names come back draft after draft, and the shared regex
    /// cache (a handful of entries) would parse them again each time. Bounded: emptied when full.</summary>
    private static Regex Pattern(string pattern)
    {
        if (Patterns.TryGetValue(pattern, out var regex))
        {
            return regex;
        }

        if (Patterns.Count >= MaxPatterns)
        {
            Patterns.Clear();
        }

        return Patterns.GetOrAdd(pattern, p => new Regex(p, RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    private const int MaxPatterns = 2_048;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>An unnamed or institutional speaker as the report names it, with its article ("the ministry").</summary>
    private static string SpeakerPhrase(string text, Speaker speaker)
    {
        var surface = text[speaker.Start..speaker.End];
        var before = text[Math.Max(0, speaker.Start - 4)..speaker.Start];
        return before.Equals("the ", StringComparison.OrdinalIgnoreCase) ? "the " + surface : LowerArticle(surface);
    }

    private static string LowerArticle(string s) => s.StartsWith("The ", StringComparison.Ordinal) ? "the " + s[4..] : s;

    /// <summary>A heading or dateline line: most of its words capitalised (words: runs between white space that
    /// start with a letter).</summary>
    private static bool IsTitleLike(string text)
    {
        var words = 0;
        var capitalised = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]) && (i == 0 || char.IsWhiteSpace(text[i - 1])) && char.IsLetter(text[i]))
            {
                words++;
                capitalised += char.IsUpper(text[i]) ? 1 : 0;
            }
        }

        return words > 0 && capitalised >= words * 0.8;
    }

    private static string WithoutQuotes(string text) => string.Concat(CopyMetrics.OutsideQuotes(text));

    /// <summary>"DEPUTY SECRETARY CAMPBELL: Good afternoon": a turn of a transcript, not a reported fact.</summary>
    [GeneratedRegex(@"^[^:]{0,60}\b[A-Z]{2,}\b[^:]{0,60}:")]
    private static partial Regex TranscriptTurn();

    /// <summary>First-person statements outside quotation marks belong to a speaker, not to the story's voice.</summary>
    [GeneratedRegex(@"\b(?:I|I’m|I'm|we|We|our|Our|my|My|me|us)\b")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(?:since|first|previous(?:ly)?|earlier|last (?:year|month|week)|ago|history|has been|have been|had been|follow(?:s|ed|ing)|amid|(?:19|20)\d\d|record|background|continue[sd]?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BackgroundMarker();

    [GeneratedRegex(@"\b(?:transcript|statement|readout|release|remarks|briefing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentKind();

    /// <summary>What may or will happen is rarely the news itself.</summary>
    [GeneratedRegex(@"\b(?:may|can|will|would|should|could|might)\b")]
    private static partial Regex Prospective();

    [GeneratedRegex(@"\b(?:decided|announced|agreed|approved|signed|launched|fired|imposed|sanctioned|designated|conducted|authorized|authorizing|awarded|acquired|voted|struck|assigned|elected|appointed)\b")]
    private static partial Regex DecisionVerb();

    [GeneratedRegex(@"\b(?:cut|raised|lowered|held|left|attacked|reported|released|rejected|killed|seized|met|spoke|called|pledged|unveiled|completed|expired|denounced|condemned)\b")]
    private static partial Regex EventVerb();

    [GeneratedRegex(@"\b(?:criticized|criticised|condemned|accused|denied|rejected|denounced|responded|warned|called on|urged|welcomed|praised)\b")]
    private static partial Regex ReactionVerb();

    [GeneratedRegex(@", (?:[\w.'’ -]+ )?(?:said|says|reported|announced|stated|noted|confirmed)\.$|according to [^,]+\.$")]
    private static partial Regex AttributedAlready();

    /// <summary>Capitalised title words directly before a surname marker (\u0001): removed on later mentions.</summary>
    [GeneratedRegex(@"(?:\b(?:[A-Z][\w.'’-]*|of|the|for)\s+)+(?=\u0001)")]
    private static partial Regex TitleRun();

    [GeneratedRegex(@"^, ((?:[A-Z][\w.'’&-]*)(?: (?:[A-Z][\w.'’&-]*|of|the|and|for))*)[,.]")]
    private static partial Regex RoleAfter();

    [GeneratedRegex(@"(?:(?:[A-Z][\w.'’-]*|of|the|for|and)\s+)+$")]
    private static partial Regex RoleBefore();

    /// <summary>"U.S.", "U.K.", "U.A.E.": a country's initials with their dots.</summary>
    [GeneratedRegex(@"^(?:[A-Z]\.){2,3}$")]
    private static partial Regex DottedInitials();

    [GeneratedRegex(@"\b(?:President|Secretary|Minister|Chair|Chairman|Chairwoman|Governor|Director|Deputy|Vice|Prime|Chancellor|Ambassador|Spokesperson|Spokesman|Spokeswoman|Leader|King|Amir|Emir|Sheikh|General|Admiral|Senator|Representative|Chief|Commissioner|Mayor|Premier|CEO|Officer)\b")]
    private static partial Regex TitleWord();
}
