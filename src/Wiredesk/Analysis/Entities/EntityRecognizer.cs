using System.Collections.Frozen;
using Wiredesk.Analysis.KnowledgeBase;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Analysis.Entities;

/// <summary>Finds people, organisations, countries, places and companies with exact spans: knowledge-base
/// names first (longest match wins), then rules for names the knowledge base lacks (titles and roles, "said X",
/// given names, organisation patterns, acronyms defined in parentheses, exchange tickers), then later
/// mentions linked to what came before ("Putin" after "Vladimir Putin", "the ministry", a defined acronym).
/// Stateless after construction; safe to call from several threads.</summary>
public sealed class EntityRecognizer(KnowledgeBaseIndex knowledgeBase)
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
    internal sealed class Pass(KnowledgeBaseIndex kb, string text)
    {
        private readonly List<WordToken> _tokens = WordTokenizer.Tokenize(text);
        private readonly Dictionary<string, Builder> _entities = new(StringComparer.Ordinal);
        private readonly List<Builder> _order = [];
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
            _words = new string[_tokens.Count];
            for (var i = 0; i < _words.Length; i++)
            {
                _words[i] = text[_tokens[i].Start.._tokens[i].End];
            }

            _used = new bool[_tokens.Count];
            _owner = new Builder?[_tokens.Count];
            MatchKnowledgeBase();
            ExtendDatelines();
            AbsorbCountryAbbreviations();
            MatchExchangeTickers();
            MatchRuns();
            ExtendCompanySuffixes();
            LinkAcronymDefinitions();
            LinkSingleWords();
            LinkOrgAnaphors();
            return _order.Select(b => b.Build(text)).Where(e => e.Mentions.Count > 0).OrderBy(e => e.Mentions[0].Start).ToList();
        }

        private string[] _words = [];

        private string Word(int i) => _words[i];

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

        private readonly Dictionary<string, List<Builder>> _byName = new(StringComparer.OrdinalIgnoreCase);
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
            if (e.Type is EntityType.Organization or EntityType.Company && b.Keys.Count == 0)
            {
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

        private void MatchKnowledgeBase()
        {
            for (var i = 0; i < _tokens.Count; i++)
            {
                if (!kb.TryMatch(text, _tokens[i].Start, out var end, out var entry) || entry is not null && (InsideOfName(i) || IsInstrumentName(entry, end)))
                {
                    continue;
                }

                var last = i;
                while (last + 1 < _tokens.Count && _tokens[last + 1].Start < end)
                {
                    last++;
                }

                if (entry is null)
                {
                    // A demonym: not an entity, but its words must not feed the name rules.
                    for (var k = i; k <= last; k++)
                    {
                        _used[k] = true;
                    }
                }
                else
                {
                    var b = EntityFor(entry);
                    b.Mentions.Add((_tokens[i].Start, Math.Min(end, _tokens[last].End)));
                    for (var k = i; k <= last; k++)
                    {
                        _used[k] = true;
                        _owner[k] = b;
                    }
                }

                // "Russia-Ukraine war", "ROK-U.S. alliance": a name joined by a hyphen to the next one.
                var pos = end;
                while (pos + 1 < _tokens[last].End && WordTokenizer.IsHyphen(text[pos]) && kb.TryMatch(text, pos + 1, out var joinedEnd, out var joined) && joinedEnd <= _tokens[last].End)
                {
                    if (joined is not null)
                    {
                        EntityFor(joined).Mentions.Add((pos + 1, joinedEnd));
                    }

                    pos = joinedEnd;
                }

                i = last;
            }
        }

        /// <summary>"Treasury securities", "Treasury yields": an institution's name used for the debt it issues.</summary>
        private bool IsInstrumentName(KnowledgeBaseEntry entry, int end)
        {
            if (entry.Type != EntityType.Organization || end + 1 >= text.Length || text[end] != ' ')
            {
                return false;
            }

            var span = text.AsSpan(end + 1);
            foreach (var noun in InstrumentNouns)
            {
                if (span.StartsWith(noun, StringComparison.Ordinal) && (span.Length == noun.Length || !char.IsLetter(span[noun.Length])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when word i follows "of" or "of the" inside a capitalised name opened by an organisation
        /// or place head: "Bank of Japan", "Department of the Treasury", "Gulf of Aden" are names of their own.</summary>
        private bool InsideOfName(int i)
        {
            var k = i - 1;
            if (k >= 0 && Word(k) == "the" && JoinedBySpace(k))
            {
                k--;
            }

            if (k < 1 || Word(k) != "of" || !JoinedBySpace(k) || !JoinedBySpace(k - 1))
            {
                return false;
            }

            for (var j = k - 1; j >= 0 && k - j < 8; j--)
            {
                var w = Word(j);
                if (NameLexicon.OrgHeadsBeforeOf.Contains(w) || NameLexicon.PlaceHeadsBeforeOf.Contains(w))
                {
                    return true;
                }

                if (j == 0 || !JoinedBySpace(j - 1) || !IsCapitalised(j) && !IsConnector(j))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>"ST. PETERSBURG, Fla.", "Washington, DC", "Washington D.C.": the state belongs to the place's
        /// mention; so does a following "region" ("the Indo-Pacific region").</summary>
        private void ExtendDatelines()
        {
            for (var i = 0; i + 1 < _tokens.Count; i++)
            {
                if (_owner[i] is not { Type: EntityType.Place or EntityType.Country } place || _owner[i + 1] == place)
                {
                    continue;
                }

                var gap = Gap(i);
                var state = NameLexicon.StateAbbreviations.Contains(Word(i + 1)) && (gap is ", " or " ");
                var region = place.Type == EntityType.Place && Word(i + 1) == "region" && gap is " ";
                if (!state && !region)
                {
                    continue;
                }

                var index = place.Mentions.FindIndex(m => m.End == _tokens[i].End);
                if (index < 0)
                {
                    continue;
                }

                _owner[i + 1]?.Mentions.RemoveAll(m => m.Start == _tokens[i + 1].Start);
                place.Mentions[index] = (place.Mentions[index].Start, _tokens[i + 1].End);
                _used[i + 1] = true;
                _owner[i + 1] = place;
            }
        }

        /// <summary>"U.S. Department of the Treasury", "U.S. Virgin Islands": an abbreviated country written
        /// right before a known organisation or place is part of that name.</summary>
        private void AbsorbCountryAbbreviations()
        {
            for (var i = 1; i < _tokens.Count; i++)
            {
                if (_owner[i] is not { Type: EntityType.Organization or EntityType.Company or EntityType.Place } named || _owner[i - 1] is not { Type: EntityType.Country } country
                    || named == country || !JoinedBySpace(i - 1) || !IsAllCaps(i - 1) || _tokens[i - 1].Length > 5)
                {
                    continue;
                }

                var countryIndex = country.Mentions.FindIndex(m => m.Start == _tokens[i - 1].Start && m.End == _tokens[i - 1].End);
                var namedIndex = named.Mentions.FindIndex(m => m.Start == _tokens[i].Start);
                if (countryIndex < 0 || namedIndex < 0)
                {
                    continue;
                }

                country.Mentions.RemoveAt(countryIndex);
                named.Mentions[namedIndex] = (_tokens[i - 1].Start, named.Mentions[namedIndex].End);
                _owner[i - 1] = named;
            }
        }

        /// <summary>"(NYSE: HD)": the exchange is an organisation, the ticker names the company just before.</summary>
        private void MatchExchangeTickers()
        {
            for (var i = 1; i + 1 < _tokens.Count; i++)
            {
                var word = Word(i);
                if (!Exchanges.Contains(word) || !Gap(i - 1).EndsWith("(") || Gap(i).Trim().ToString() != ":" || !IsAllCaps(i + 1) && _tokens[i + 1].Length > 1)
                {
                    continue;
                }

                var exchange = _owner[i] ?? Entity("organization:" + NameText.Slug(word), word, EntityType.Organization);
                if (_owner[i] is null)
                {
                    AddMention(exchange, i, i);
                }

                var ticker = Word(i + 1);
                _used[i + 1] = true;
                _pendingTickers.Add((i - 1, ticker, exchange.Name));
            }
        }

        private readonly List<(int BeforeToken, string Ticker, string Exchange)> _pendingTickers = [];

        private void AttachTickers()
        {
            foreach (var (before, ticker, exchange) in _pendingTickers)
            {
                var company = _owner[before];
                if (company is null || company.Type is not (EntityType.Company or EntityType.Organization))
                {
                    continue;
                }

                company.Type = EntityType.Company;
                company.Ticker ??= ticker;
                company.Exchange ??= exchange;
                company.Keys.Add(ticker);
            }
        }

        private void MatchRuns()
        {
            var i = 0;
            while (i < _tokens.Count)
            {
                if (_used[i] || !IsCapitalised(i))
                {
                    i++;
                    continue;
                }

                var end = i;
                while (end + 1 < _tokens.Count && JoinedBySpace(end) && !_used[end + 1])
                {
                    if (IsCapitalised(end + 1))
                    {
                        end++;
                    }
                    else if (NameLexicon.Connectors.Contains(Word(end + 1)) && end + 2 < _tokens.Count && JoinedBySpace(end + 1) && !_used[end + 2] && (IsCapitalised(end + 2) || NameLexicon.Connectors.Contains(Word(end + 2))))
                    {
                        end++;
                    }
                    else
                    {
                        break;
                    }
                }

                while (end > i && NameLexicon.Connectors.Contains(Word(end)))
                {
                    end--;
                }

                if (end == i && IsAcronymDefinition(i))
                {
                    var owner = _owner[i - 1]!;
                    AddMention(owner, i, i);
                    owner.Keys.Add(Word(i));
                }
                else
                {
                    ProcessRun(i, end);
                }
                i = end + 1;
            }

            AttachTickers();
        }

        private HashSet<string>? _lowerWords;

        private bool IsLowerElsewhere(int i)
        {
            if (_lowerWords is null)
            {
                _lowerWords = new HashSet<string>(StringComparer.Ordinal);
                foreach (var w in _words)
                {
                    if (char.IsLower(w[0]))
                    {
                        _lowerWords.Add(w);
                    }
                }
            }

            var word = Word(i);
            return word.Length > 1 && char.IsUpper(word[0]) && !IsAllCaps(i) && _lowerWords.Contains(string.Concat(char.ToLowerInvariant(word[0]).ToString(), word.AsSpan(1)));
        }

        private bool IsTitle(int i) => NameLexicon.Titles.Contains(Word(i)) && (IsCapitalised(i) || IsAllCaps(i));

        private bool IsPersonTitle(int i) => NameLexicon.PersonTitles.Contains(Word(i)) && (IsCapitalised(i) || IsAllCaps(i));

        private bool IsConnector(int i) => NameLexicon.Connectors.Contains(Word(i));

        private void ProcessRun(int a, int b)
        {
            // A run that opens a sentence may start with a capitalised common word ("Today Treasury ...",
            // "Shares of ..."): a stopword, or a word the same text also writes in lower case.
            while (a <= b && (NameLexicon.Stopwords.Contains(Word(a)) || IsConnector(a) || a < b && StartsSentence(a) && IsLowerElsewhere(a) && !(NameLexicon.OrgHeads.Contains(Word(a + 1)) || NameLexicon.PlaceHeads.Contains(Word(a + 1)))) && !IsTitle(a))
            {
                a++;
            }

            while (b >= a && IsConnector(b))
            {
                b--;
            }

            if (a > b)
            {
                return;
            }

            // A name printed twice in a row (a caption beside its photo) is two mentions.
            var length = b - a + 1;
            if (length >= 2 && length % 2 == 0 && Enumerable.Range(0, length / 2).All(k => Word(a + k) == Word(a + (length / 2) + k)))
            {
                ProcessRun(a, a + (length / 2) - 1);
                ProcessRun(a + (length / 2), b);
                return;
            }

            // Titles of laws and agreements are not entities, nor are the names inside them.
            if (NameLexicon.DocumentHeads.Contains(Word(b)) && a < b)
            {
                return;
            }

            // Headline capitals: "Kim Hong Kyun Before Their Meeting" splits at the common words.
            for (var k = a + 1; k < b; k++)
            {
                if (NameLexicon.Stopwords.Contains(Word(k)) && !IsTitle(k))
                {
                    ProcessRun(a, k - 1);
                    ProcessRun(k + 1, b);
                    return;
                }
            }

            if (a < b && IsOrgName(a, b) || IsFollowedByLegalForm(b) || a == b && IsHeadAfterPlace(a))
            {
                EmitOrg(a, b);
                return;
            }

            if (a < b && IsPlaceName(a, b))
            {
                EmitPlace(a, b);
                return;
            }

            // Two names side by side: "Exposition Authority McCormick Place" ends one name at its head word.
            for (var k = a + 1; k < b; k++)
            {
                if ((IsOrgName(a, k) || IsPlaceName(a, k)) && !IsConnector(k + 1) && !IsTitle(k + 1))
                {
                    ProcessRun(a, k);
                    ProcessRun(k + 1, b);
                    return;
                }
            }

            // Split at titles: "Air Force | Maj. Gen. | Pat Ryder", "Deputy Secretary | of State | Kurt Campbell".
            var segStart = a;
            var afterTitle = a > 0 && IsRoleBefore(a);
            var personTitle = false;
            for (var k = a; k <= b + 1; k++)
            {
                if (k <= b && !IsTitle(k))
                {
                    continue;
                }

                if (k <= b && IsPersonTitle(k))
                {
                    personTitle = true;
                }

                if (k == segStart)
                {
                    segStart = k + 1;
                    afterTitle = personTitle;
                    continue;
                }

                var s = segStart;
                var e = k - 1;
                if (s <= e && IsConnector(s))
                {
                    // "High Commissioner for Human Rights": words after "for"/"of" name the office, not a person.
                    afterTitle = false;
                }

                while (s <= e && IsConnector(s))
                {
                    s++;
                }

                while (e >= s && IsConnector(e))
                {
                    e--;
                }

                if (s <= e)
                {
                    ClassifySegment(s, e, afterTitle);
                }

                personTitle = k <= b && IsPersonTitle(k);
                afterTitle = personTitle;
                segStart = k + 1;
            }
        }

        /// <summary>A lower-case role noun right before the name: "leader Kim Jong Un", "vice foreign minister, Kim Hong-kyun".</summary>
        private bool IsRoleBefore(int a)
        {
            var gap = Gap(a - 1).Trim();
            if (gap.Length > 1 || gap.Length == 1 && gap[0] != ',')
            {
                return false;
            }

            var w = Word(a - 1);
            return NameLexicon.RoleNouns.Contains(w) || IsPersonTitle(a - 1) && !_used[a - 1];
        }

        private bool IsOrgName(int a, int b)
        {
            var last = Word(b);
            if (NameLexicon.OrgHeads.Contains(last) && b > a)
            {
                // "Kurt Campbell Group" is still an organisation; but "Secretary of the Treasury" is not.
                return !HasPersonTitle(a, b) || NameLexicon.OrgHeadsBeforeOf.Contains(Word(a));
            }

            return b > a + 1 && NameLexicon.OrgHeadsBeforeOf.Contains(Word(a)) && Word(a + 1) == "of";
        }

        private bool HasPersonTitle(int a, int b)
        {
            for (var k = a; k <= b; k++)
            {
                if (IsPersonTitle(k))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsPlaceName(int a, int b) =>
            _tokens[a].Length > 1 && NameLexicon.PlaceHeads.Contains(Word(b)) && !HasPersonTitle(a, b)
            || b > a + 1 && NameLexicon.PlaceHeadsBeforeOf.Contains(Word(a)) && Word(a + 1) == "of";

        /// <summary>A country or place written right before an organisation is part of its name ("U.S. Central
        /// Command", "Ukraine Security Assistance Initiative"); an abbreviated country before a place too ("U.S. Virgin Islands").</summary>
        private int AbsorbPlacePrefix(int a, bool countriesOnly)
        {
            if (a == 0 || !JoinedBySpace(a - 1) || _owner[a - 1] is not { Type: EntityType.Country or EntityType.Place } prefix || !MentionEndsAt(prefix, a - 1))
            {
                return a;
            }

            if (countriesOnly && (prefix.Type != EntityType.Country || !IsAllCaps(a - 1)))
            {
                return a;
            }

            prefix.Mentions.RemoveAll(m => m.End == _tokens[a - 1].End);
            var p = a - 1;
            while (p > 0 && _owner[p - 1] == prefix && JoinedBySpace(p - 1))
            {
                p--;
            }

            return p;
        }

        private void EmitPlace(int a, int b)
        {
            a = AbsorbPlacePrefix(a, countriesOnly: true);
            var name = text[_tokens[a].Start.._tokens[b].End];
            var entity = FindByName(name, EntityType.Place, EntityType.Country) ?? Entity("place:" + NameText.Slug(name), name, EntityType.Place);
            AddMention(entity, a, b);
        }

        /// <summary>"Washington University", "Seoul Bank": an organisation head right after a known place.</summary>
        private bool IsHeadAfterPlace(int a) =>
            a > 0 && NameLexicon.OrgHeads.Contains(Word(a)) && !NameLexicon.CompanySuffixes.Contains(Word(a)) && JoinedBySpace(a - 1)
            && _owner[a - 1] is { Type: EntityType.Country or EntityType.Place }
            && (a < 2 || !Gap(a - 2).EndsWith("-", StringComparison.Ordinal)); // not "U.S.-ROK Alliance"

        /// <summary>"Brightline Robotics, Inc.": a legal form after the comma makes the run a company.</summary>
        private bool IsFollowedByLegalForm(int b) =>
            b + 1 < _tokens.Count && !_used[b + 1] && Gap(b) is ", " && NameLexicon.CompanySuffixes.Contains(Word(b + 1)) && !NameLexicon.Stopwords.Contains(Word(b));

        private void EmitOrg(int a, int b)
        {
            var type = NameLexicon.CompanySuffixes.Contains(Word(b)) ? EntityType.Company : EntityType.Organization;

            // "Superior Group of Companies, Inc.", "Kroll Bond Rating Agency, LLC".
            if (b + 1 < _tokens.Count && Gap(b).ToString() == ", " && NameLexicon.CompanySuffixes.Contains(Word(b + 1)) && !_used[b + 1])
            {
                b++;
                type = EntityType.Company;
            }

            a = AbsorbPlacePrefix(a, countriesOnly: false);

            var name = text[_tokens[a].Start.._tokens[b].End];
            var entity = FindByName(name, EntityType.Organization, EntityType.Company) ?? Entity((type == EntityType.Company ? "company:" : "organization:") + NameText.Slug(name), name, type);
            AddMention(entity, a, b);
            if (NameLexicon.OrgHeads.Contains(Word(b)) && !NameLexicon.CompanySuffixes.Contains(Word(b)))
            {
                entity.Keys.Add(Word(b));
            }

            if (entity.Type == EntityType.Company && a < b && (IsAllCaps(a) || !NameLexicon.GivenNames.Contains(Word(a)) && !IsLowerElsewhere(a) && !NameLexicon.Stopwords.Contains(Word(a))))
            {
                // "SRS Distribution Inc." is later "SRS", "Brightline Robotics, Inc." is later "Brightline".
                entity.Keys.Add(Word(a));
            }
        }

        /// <summary>"Kroll Bond Rating Agency, LLC": a legal-form suffix after any organisation's name is part of it.</summary>
        private void ExtendCompanySuffixes()
        {
            for (var i = 0; i + 1 < _tokens.Count; i++)
            {
                // A subsidiary named by its parent, a place and a legal form: "Kroll Bond Rating Agency Europe Limited".
                if (i + 2 < _tokens.Count && _owner[i] is { Type: EntityType.Organization or EntityType.Company } parent && _owner[i + 1] is { Type: EntityType.Country or EntityType.Place } region
                    && parent != region && JoinedBySpace(i) && JoinedBySpace(i + 1) && !_used[i + 2] && NameLexicon.CompanySuffixes.Contains(Word(i + 2)))
                {
                    var at = parent.Mentions.FindIndex(m => m.End == _tokens[i].End);
                    if (at >= 0)
                    {
                        region.Mentions.RemoveAll(m => m.Start == _tokens[i + 1].Start);
                        parent.Mentions[at] = (parent.Mentions[at].Start, _tokens[i + 2].End);
                        _used[i + 2] = true;
                        _owner[i + 1] = parent;
                        _owner[i + 2] = parent;
                        continue;
                    }
                }

                // After a comma any legal form ("Kroll Bond Rating Agency, LLC"); after a space only an
                // abbreviated one ("Sony Group Corp."), since "Sony Group" may itself be the name.
                var gap = Gap(i);
                var suffix = Word(i + 1);
                if (_owner[i] is not { Type: EntityType.Organization or EntityType.Company } org || _used[i + 1] || !NameLexicon.CompanySuffixes.Contains(suffix)
                    || !(gap is ", " || gap is " " && (suffix[^1] == '.' || IsAllCaps(i + 1))))
                {
                    continue;
                }

                var index = org.Mentions.FindIndex(m => m.End == _tokens[i].End);
                if (index >= 0)
                {
                    org.Mentions[index] = (org.Mentions[index].Start, _tokens[i + 1].End);
                    _used[i + 1] = true;
                    _owner[i + 1] = org;
                }
            }
        }

        private bool MentionEndsAt(Builder prefix, int tokenIndex) => prefix.Mentions.Exists(m => m.End == _tokens[tokenIndex].End);

        private Builder? FindByName(string name, params EntityType[] types) =>
            _byName.TryGetValue(NameText.Normalize(name), out var same) ? same.Find(e => types.Contains(e.Type)) : null;

        private void ClassifySegment(int s, int e, bool afterTitle)
        {
            // A name printed twice in a row (a caption beside its photo) is two mentions.
            var length = e - s + 1;
            if (length >= 2 && length % 2 == 0 && Enumerable.Range(0, length / 2).All(k => Word(s + k) == Word(s + (length / 2) + k)))
            {
                ClassifySegment(s, s + (length / 2) - 1, afterTitle);
                ClassifySegment(s + (length / 2), e, afterTitle);
                return;
            }

            if (s < e && IsOrgName(s, e))
            {
                EmitOrg(s, e);
                return;
            }

            if (s < e && IsPlaceName(s, e))
            {
                EmitPlace(s, e);
                return;
            }

            var contextual = afterTitle || SaidNear(s, e) || RoleAfter(e);
            if (contextual && e - s <= 3 && AllNameWords(s, e))
            {
                EmitPerson(s, e);
                return;
            }

            var nameStart = PersonNameStart(s, e);
            if (nameStart >= 0 && (e > nameStart || contextual))
            {
                EmitPerson(nameStart, e);
                return;
            }

            if (contextual && e - s > 3 && AllNameWords(e - 1, e))
            {
                EmitPerson(e - 1, e);
                return;
            }

            if (s == e && !StartsSentence(s) && StandaloneInstitutions.Contains(Word(s)) && !(e + 1 < _tokens.Count && IsTitle(e + 1)))
            {
                AddMention(Entity("organization:" + NameText.Slug(Word(s)), Word(s), EntityType.Organization), s, s);
            }
        }

        /// <summary>Where a person's name begins inside words s..e: at a given name or a family-first surname
        /// from which every following word can be part of a name; -1 when none.</summary>
        private int PersonNameStart(int s, int e)
        {
            for (var k = s; k <= e; k++)
            {
                var w = Word(k);
                var shape = NameLexicon.GivenNames.Contains(w) || NameLexicon.NameOpeners.Contains(w) && k < e
                    || (NameLexicon.FamilyFirstSurnames.Contains(w) || NameLexicon.JapaneseSurnames.Contains(w)) && e - k is >= 1 and <= 2;
                if (shape && e - k <= 5 && AllNameWords(k, e))
                {
                    return k;
                }
            }

            return -1;
        }

        private bool AllNameWords(int s, int e)
        {
            for (var k = s; k <= e; k++)
            {
                var w = Word(k);
                if (NameLexicon.NameParticles.Contains(w) && k > s && k < e)
                {
                    continue;
                }

                if (!IsCapitalised(k) || w.Length <= 4 && w.Length > 1 && w[0] == 'I' && WordTokenizer.IsApostrophe(w[1]) || NameLexicon.OrgHeads.Contains(w) || NameLexicon.Stopwords.Contains(w) || IsTitle(k) || char.IsDigit(w[^1]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>"said Jane Doe" or "Jane Doe said".</summary>
        private bool SaidNear(int s, int e)
        {
            if (s > 0 && JoinedBySpace(s - 1) && Word(s - 1) is "said" or "says" or "added" or "told")
            {
                return true;
            }

            // Bylines and credits: "by Jane Doe", "Photo by Jane Doe/Agency".
            if (e > s && s > 0 && JoinedBySpace(s - 1) && Word(s - 1) is "by" or "By")
            {
                return true;
            }

            return e > s && e + 1 < _tokens.Count && JoinedBySpace(e) && Word(e + 1) is "said" or "says" or "told";
        }

        /// <summary>"Ted Decker, chair, president and CEO", "Andrew Wilson, CEO of EA".</summary>
        private bool RoleAfter(int e)
        {
            if (e + 1 >= _tokens.Count || Gap(e).Trim().ToString() != ",")
            {
                return false;
            }

            var w = Word(e + 1);
            return NameLexicon.Titles.Contains(w) || NameLexicon.RoleNouns.Contains(w) || w is "the" && e + 2 < _tokens.Count && NameLexicon.RoleNouns.Contains(Word(e + 2).ToLowerInvariant());
        }

        private void EmitPerson(int s, int e)
        {
            // Trailing generational suffixes stay; nothing after them.
            var name = text[_tokens[s].Start.._tokens[e].End];
            var first = Word(s);
            var last = Word(e);
            var existing = FindByName(name, EntityType.Person)
                ?? (s == e ? (_personByKey.GetValueOrDefault(last) ?? (IsAllCaps(s) ? _personByCapsKey.GetValueOrDefault(last) : null)) : _personByEnds.GetValueOrDefault((first, last)));
            if (existing is null && s == e && kb.FindPersonBySurname(last) is { } known)
            {
                // "Secretary Blinken", "PRESIDENT BIDEN": a titled surname of a known person.
                existing = EntityFor(known);
            }

            var entity = existing ?? Entity("person:" + NameText.Slug(name), name, EntityType.Person);
            if (existing is null)
            {
                SetPersonEnds(entity, first, NameLexicon.NameSuffixes.Contains(last) && e > s ? Word(e - 1) : last);
                AddPersonKey(entity, entity.LastWord!);
                if (NameLexicon.FamilyFirstSurnames.Contains(first) || NameLexicon.JapaneseSurnames.Contains(first))
                {
                    AddPersonKey(entity, first);
                }
            }

            AddMention(entity, s, e);
        }

        /// <summary>"Office of Foreign Assets Control (OFAC)": the acronym names the same entity, here and later.</summary>
        private void LinkAcronymDefinitions()
        {
            for (var i = 1; i < _tokens.Count; i++)
            {
                if (_owner[i] is null && IsAcronymDefinition(i))
                {
                    var b = _owner[i - 1]!;
                    AddMention(b, i, i);
                    b.Keys.Add(Word(i));
                }
            }
        }

        private bool IsAcronymDefinition(int i) =>
            i > 0 && _owner[i - 1] is { Type: not EntityType.Person } && IsAllCaps(i) && Gap(i - 1).ToString() is " (" or "("
            && (i + 1 < _tokens.Count ? Gap(i).StartsWith(")") : text.AsSpan(_tokens[i].End).StartsWith(")"));

        /// <summary>A lone capitalised word that is the surname, family name, head word, acronym or ticker
        /// of an entity already found links to it ("Putin", "Campbell", "the Committee", "EA").</summary>
        private void LinkSingleWords()
        {
            var byKey = new Dictionary<string, Builder>(StringComparer.OrdinalIgnoreCase);
            foreach (var b in _order)
            {
                foreach (var key in b.Keys)
                {
                    byKey.TryAdd(key, b);
                }

            }

            for (var i = 0; i < _tokens.Count; i++)
            {
                if (_used[i] || !IsCapitalised(i))
                {
                    continue;
                }

                var w = Word(i);
                if (!byKey.TryGetValue(w, out var b))
                {
                    // "the Committee", "the Board": a capitalised head after "the" names an institution even
                    // when its full name is not in the text.
                    if (i > 0 && Word(i - 1) == "the" && JoinedBySpace(i - 1) && HeadsAlone.Contains(w) && (i + 1 >= _tokens.Count || !JoinedBySpace(i) || !IsCapitalised(i + 1)))
                    {
                        var institution = Entity("organization:" + NameText.Slug(w), w, EntityType.Organization);
                        AddMention(institution, i, i);
                        byKey[w] = institution;
                        institution.Keys.Add(w);
                    }

                    continue;
                }

                // Case must agree unless the text is in capitals ("CAMPBELL" in a transcript label).
                var matchesCase = b.Keys.Contains(w) || IsAllCaps(i);
                var isHead = b.Type is EntityType.Organization or EntityType.Company && NameLexicon.OrgHeads.Contains(w);
                if (matchesCase && !(isHead && StartsSentence(i)))
                {
                    AddMention(b, i, i);
                }
            }
        }

        /// <summary>"the ministry said": the lower-case noun refers to the last organisation named before it
        /// whose name contains the noun ("the company", "the firm": the last company).</summary>
        private void LinkOrgAnaphors()
        {
            var orgMentions = _order.Where(b => b.Type is EntityType.Organization or EntityType.Company)
                .SelectMany(b => b.Mentions.Select(m => (m.End, Builder: b))).OrderBy(m => m.End).ToList();
            if (orgMentions.Count == 0)
            {
                return;
            }

            var latest = new Dictionary<string, Builder>(StringComparer.Ordinal);
            var next = 0;
            for (var i = 1; i < _tokens.Count; i++)
            {
                var w = Word(i);
                if (_used[i] || !char.IsLower(w[0]) || Word(i - 1) is not ("the" or "The") || !OrgAnaphors.Contains(w) || !JoinedBySpace(i - 1))
                {
                    continue;
                }

                for (; next < orgMentions.Count && orgMentions[next].End <= _tokens[i].Start; next++)
                {
                    var b = orgMentions[next].Builder;
                    foreach (var noun in OrgAnaphors)
                    {
                        if (b.Name.Contains(noun, StringComparison.OrdinalIgnoreCase) || noun is "company" or "firm" && b.Type == EntityType.Company)
                        {
                            latest[noun] = b;
                        }
                    }
                }

                if (latest.TryGetValue(w, out var target))
                {
                    AddMention(target, i, i);
                }
            }
        }
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
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string NormalizedName { get; } = NameText.Normalize(name);
        public List<(int Start, int End)> Mentions { get; } = [];

        public Entity Build(string text)
        {
            var mentions = Mentions.Distinct().OrderBy(m => m.Start).Select(m => new Mention(text[m.Start..m.End], m.Start, m.End)).ToList();
            return new Entity(Id, Name, Type, Ticker, Exchange, mentions);
        }
    }
}
