using System.Buffers;
using System.Collections.Frozen;
using Wiredesk.Analysis.KnowledgeBase;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Analysis.Entities;

/// <summary>Finds people, organisations, countries, places and companies with exact spans: knowledge-base
/// names first (longest match wins), then rules for names the knowledge base lacks (titles and roles, "said X",
/// given names, organisation patterns, acronyms defined in parentheses, exchange tickers), then later
/// mentions linked to what came before ("Putin" after "Vladimir Putin", "the ministry", a defined acronym).
/// Stateless after construction; safe to call from several threads.</summary>
public sealed partial class EntityRecognizer(KnowledgeBaseIndex knowledgeBase)
{
    private static readonly FrozenSet<string> Exchanges = new[] { "NYSE", "NASDAQ", "Nasdaq", "LSE", "TSX", "ASX", "HKEX", "SGX", "KRX", "TSE", "NSE", "BSE", "AMEX", "Euronext", "XETRA", "OTC", "OTCQX" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Single capitalised words that name an institution on their own.</summary>
    private static readonly FrozenSet<string> StandaloneInstitutions = new[] { "Congress", "Parliament", "Senate", "Pentagon", "Kremlin", "Government", "Cabinet" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lower-case nouns that, after "the", refer back to the organisation named before.</summary>
    private static readonly FrozenSet<string> OrgAnaphors = new[] { "ministry", "department", "agency", "committee", "commission", "company", "board", "bank", "council", "office", "bureau", "authority", "administration", "group", "firm", "government" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Heads that name an institution alone after "the" ("the Committee decided").</summary>
    private static readonly FrozenSet<string> HeadsAlone = new[] { "Committee", "Board", "Commission", "Council", "Ministry", "Department", "Agency", "Bureau", "Government", "Parliament", "Congress", "Senate", "Court", "Fed" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] InstrumentNouns = ["securities", "yields", "yield", "bonds", "bond", "bills", "notes", "futures", "market", "markets", "rates"];

    private readonly KnowledgeBaseIndex _kb = knowledgeBase;

    /// <summary>The entities of <paramref name="text"/>, spans into it. People named in full in the
    /// <paramref name="title"/> lend their full name to later bare-surname mentions in the text ("CAMPBELL").</summary>
    public IReadOnlyList<Entity> Recognize(string text, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pass = new Pass(_kb, text);
        if (!string.IsNullOrWhiteSpace(title))
        {
            pass.Seed(new Pass(_kb, title).PeopleNamedInFull());
        }

        return pass.Run();
    }

    /// <summary>One call's working state: the text, its words, and the entities found so far.</summary>
    internal sealed partial class Pass(KnowledgeBaseIndex kb, string text)
    {
        private readonly WordTokens _tokens = WordTokenizer.Tokenize(text);
        // Sized for a typical report's entities, so the tables are not rebuilt as they fill.
        private readonly Dictionary<string, Builder> _entities = new(16, StringComparer.Ordinal);
        private readonly List<Builder> _order = new(16);
        private bool[] _used = [];
        private Builder?[] _owner = [];

        public void Seed(IEnumerable<Builder> people)
        {
            foreach (var p in people)
            {
                var b = Entity(p.Id, p.Name, p.Type);
                if (p.FirstWord is not null && p.LastWord is not null)
                {
                    SetPersonEnds(b, p.FirstWord, p.LastWord);
                }

                foreach (var key in p.Keys)
                {
                    AddPersonKey(b, key);
                }
            }
        }

        public List<Builder> PeopleNamedInFull()
        {
            Run();
            return _order.Where(b => b.Type == EntityType.Person && b.Name.Contains(' ', StringComparison.Ordinal) && b.Mentions.Count > 0).ToList();
        }

        public List<Entity> Run()
        {
            // Per-word state in pooled arrays, cleared here (a pooled array holds whatever its last user left) and
            // given back below: nothing outlives the pass but the entities.
            var n = _tokens.Count;
            _words = ArrayPool<string?>.Shared.Rent(n);
            _used = ArrayPool<bool>.Shared.Rent(n);
            _owner = ArrayPool<Builder?>.Shared.Rent(n);
            Array.Clear(_words, 0, n);
            Array.Clear(_used, 0, n);
            Array.Clear(_owner, 0, n);
            MatchKnowledgeBase();
            ExtendDatelines();
            AbsorbCountryAbbreviations();
            MatchExchangeTickers();
            MatchRuns();
            ExtendCompanySuffixes();
            LinkAcronymDefinitions();
            LinkSingleWords();
            LinkOrgAnaphors();
            var built = new List<Entity>(_order.Count);
            foreach (var b in _order)
            {
                if (b.Mentions.Count > 0)
                {
                    built.Add(b.Build(text));
                }
            }

            ArrayPool<string?>.Shared.Return(_words, clearArray: true);
            ArrayPool<bool>.Shared.Return(_used);
            ArrayPool<Builder?>.Shared.Return(_owner, clearArray: true);
            _words = [];
            _used = [];
            _owner = [];
            _tokens.Return();

            return StableSortByStart(built, e => e.Mentions[0].Start);
        }

        // A word becomes a string only when a rule reads it: most lower-case words are never looked at.
        private string?[] _words = [];

        private string Word(int i) => _words[i] ??= text.Substring(_tokens[i].Start, _tokens[i].Length);

        /// <summary>Word i in place, for a comparison that needs no string.</summary>
        private ReadOnlySpan<char> WordSpan(int i) => text.AsSpan(_tokens[i].Start, _tokens[i].Length);

        private bool IsCapitalised(int i) => char.IsUpper(text[_tokens[i].Start]);

        private bool IsAllCaps(int i)
        {
            var t = _tokens[i];
            var letters = 0;
            for (var k = t.Start; k < t.End; k++)
            {
                if (char.IsLower(text[k]))
                {
                    return false;
                }

                if (char.IsLetter(text[k]))
                {
                    letters++;
                }
            }

            return letters >= 2;
        }

        /// <summary>The characters between word i and word i+1.</summary>
        private ReadOnlySpan<char> Gap(int i) => text.AsSpan(_tokens[i].End, _tokens[i + 1].Start - _tokens[i].End);

        private bool JoinedBySpace(int i)
        {
            var gap = Gap(i);
            if (gap.Length == 0)
            {
                return false;
            }

            foreach (var c in gap)
            {
                if (c is not (' ' or '\u00A0' or '\t'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when word i begins a sentence, paragraph or the text (where any word is capitalised).</summary>
        private bool StartsSentence(int i)
        {
            if (i == 0)
            {
                return true;
            }

            foreach (var c in Gap(i - 1))
            {
                if (c is '.' or '!' or '?' or '\n' or ':' or '“' or '"' or '—' or '–' or '(' or '[')
                {
                    return true;
                }
            }

            var prev = _tokens[i - 1];
            return text[prev.End - 1] == '.' && !WordTokenizer.IsApostrophe(text[prev.End - 1]) && prev.Length > 3;
        }

        private void AddMention(Builder b, int from, int to)
        {
            b.Mentions.Add((_tokens[from].Start, _tokens[to].End));
            for (var k = from; k <= to; k++)
            {
                _used[k] = true;
                _owner[k] = b;
            }
        }

        private readonly Dictionary<string, List<Builder>> _byName = new(16, StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Builder> _personByKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Builder> _personByCapsKey = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<(string First, string Last), Builder> _personByEnds = [];

        private Builder Entity(string id, string name, EntityType type)
        {
            if (!_entities.TryGetValue(id, out var b))
            {
                b = new Builder(id, name, type);
                _entities.Add(id, b);
                _order.Add(b);
                if (!_byName.TryGetValue(b.NormalizedName, out var same))
                {
                    same = [];
                    _byName.Add(b.NormalizedName, same);
                }

                same.Add(b);
            }

            return b;
        }

        /// <summary>Records a word that later names this person alone (surname, family name).</summary>
        private void AddPersonKey(Builder person, string key)
        {
            person.Keys.Add(key);
            _personByKey.TryAdd(key, person);
            _personByCapsKey.TryAdd(key, person);
        }

        private void SetPersonEnds(Builder person, string first, string last)
        {
            person.FirstWord = first;
            person.LastWord = last;
            _personByEnds.TryAdd((first, last), person);
        }

        private Builder EntityFor(KnowledgeBaseEntry e)
        {
            var b = Entity(e.Id, e.Name, e.Type);
            b.Ticker ??= e.Ticker;
            b.Exchange ??= e.Exchange;
            // The head-word key depends on the entry alone: once worked out for an entry, a further mention adds nothing.
            if (e.Type is EntityType.Organization or EntityType.Company && b.Keys.Count == 0 && !ReferenceEquals(b.KeyedEntry, e))
            {
                b.KeyedEntry = e;
                var words = e.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length > 1 && NameLexicon.OrgHeads.Contains(words[^1]) && !NameLexicon.CompanySuffixes.Contains(words[^1]))
                {
                    b.Keys.Add(words[^1]);
                }
            }

            if (e.Type == EntityType.Person && b.LastWord is null)
            {
                // Later mentions by surname ("Putin"), or by family name where it comes first ("Kim").
                var words = e.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                SetPersonEnds(b, words[0], words.Length > 1 && NameLexicon.NameSuffixes.Contains(words[^1]) ? words[^2] : words[^1]);
                if (words.Length > 1)
                {
                    AddPersonKey(b, b.LastWord!);
                    if (NameLexicon.FamilyFirstSurnames.Contains(words[0]) || NameLexicon.JapaneseSurnames.Contains(words[0]))
                    {
                        AddPersonKey(b, words[0]);
                    }
                }
            }

            return b;
        }

    }

    /// <summary>Sorts by start, keeping the given order among equal starts (as LINQ's OrderBy does) without its
    /// buffers: lists here are short and mostly sorted already, where an insertion sort is the cheapest. Long lists
    /// go to OrderBy, so a text naming one entity thousands of times is never quadratic.</summary>
    private static List<T> StableSortByStart<T>(List<T> items, Func<T, int> start)
    {
        if (items.Count > 64)
        {
            return [.. items.OrderBy(start)];
        }

        for (var i = 1; i < items.Count; i++)
        {
            var item = items[i];
            var key = start(item);
            var j = i - 1;
            for (; j >= 0 && start(items[j]) > key; j--)
            {
                items[j + 1] = items[j];
            }

            items[j + 1] = item;
        }

        return items;
    }

    internal sealed class Builder(string id, string name, EntityType type)
    {
        public string Id { get; } = id;
        public string Name { get; } = name;
        public EntityType Type { get; set; } = type;
        public string? Ticker { get; set; }
        public string? Exchange { get; set; }
        public string? FirstWord { get; set; }
        public string? LastWord { get; set; }
        /// <summary>The last knowledge-base entry whose head word was tried as a key.</summary>
        public KnowledgeBaseEntry? KeyedEntry { get; set; }
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string NormalizedName { get; } = NameText.Normalize(name);
        public List<(int Start, int End)> Mentions { get; } = [];

        public Entity Build(string text)
        {
            // Distinct keeps the first of equal spans; the sort is stable, so spans sharing a start keep that order.
            var spans = StableSortByStart([.. Mentions.Distinct()], m => m.Start);
            var mentions = new List<Mention>(spans.Count);
            foreach (var (start, end) in spans)
            {
                mentions.Add(new Mention(text[start..end], start, end));
            }

            return new Entity(Id, Name, Type, Ticker, Exchange, mentions);
        }
    }
}
