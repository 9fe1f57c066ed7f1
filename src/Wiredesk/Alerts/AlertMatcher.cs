using Wiredesk.Drafting;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Alerts;

/// <summary>A watchlist item the matcher could not take, by its position, with the reason.</summary>
public sealed record WatchlistItemError(int ItemIndex, string Message);

/// <summary>Matches each story against every watchlist through an index of the watchlists (search turned
/// around: stored queries, incoming documents), never by scanning them (docs/alerts.md, "Index").
/// Entity, ticker, country and topic items are filed under their key; a keyword query is filed under a few
/// trigger words of which every matching story contains one, and verified when a story brings one of them.
/// Exposure matches follow the story's exposure facts to the instruments they name. Watchlists can be added,
/// replaced and removed at any time; a change applies from the next story. Thread-safe: one writer and any number
/// of concurrent matchers.</summary>
public sealed class AlertMatcher : IDisposable
{
    private const int And = -1;
    private const int Or = -2;
    private const int Not = -3;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly WatchlistItemResolver _resolver;
    private readonly ExposureRouter _exposures;
    private readonly Func<string, int> _documentFrequency;

    // The index is a handful of large arrays of structs and numbers rather than millions of small objects: the
    // garbage collector has little to trace, and a match touches one cache line per watchlist. A watchlist lives
    // in a slot; its item codes sit in one shared array (a key item: keyId << 3 | kind; a query: queryId << 3 |
    // kind; -1 for an item that did not resolve).
    private Slot[] _slots = new Slot[64];
    private int _slotCount;
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<long, int> _slotOf = [];
    private int[] _codes = new int[1024];
    private int _codesUsed;
    private int _codesFreed;

    // Key postings hold (slot << 11 | kind << 8 | position), so emitting a match reads only the slot.
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly List<Posting> _keyPostings = [];

    // A query's program is [trigger count, trigger term ids..., postfix program...] in one shared array. In the
    // program a value v >= 0 is a word (termId << 1) or a phrase (phraseId << 1 | 1); And, Or, Not are operators.
    // Trigger postings hold query ids.
    private QueryInfo[] _queries = new QueryInfo[64];
    private int _queryCount;
    private readonly Stack<int> _freeQueries = new();
    // Readers who write the same query share one compiled query (verified once a story) with a posting of their
    // items, as readers who follow one key share its posting. Keyed by a hash of the program; a program whose hash
    // is taken by another program (a collision) is simply not shared.
    private readonly Dictionary<ulong, int> _queryByHash = [];
    private int[] _programs = new int[1024];
    private int _programsUsed;
    private int _programsFreed;
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<Posting?> _triggers = [];
    private readonly List<Dictionary<int, Posting>?> _pairTriggers = [];
    // A filter over the pairs ever filed (one bit per hashed pair, 2 MB, never cleared: a removed pair costs only a
    // false positive): most pairs of a story's words are nobody's trigger, and a bit is cheaper to test than a
    // dictionary.
    private const int PairBitsLog2 = 24;
    private readonly ulong[] _pairBits = new ulong[1 << (PairBitsLog2 - 6)];
    // A term's rarity, fixed when it is interned: a pair is filed under its first word in the order (rarity, id).
    private double[] _termRank = new double[64];
    private readonly int _sampleSize;
    private long _version;
    private readonly Dictionary<string, int> _phraseIds = new(StringComparer.Ordinal);

    // Terms and phrases only grow, in arrays replaced whole on growth, so a query's reason can be spelt out after
    // the read lock is gone: any array a reader sees holds every id a published program uses.
    private string[] _terms = new string[64];
    private int _termCount;
    private int[][] _phrases = new int[64][];
    private int _phraseCount;

    /// <param name="documentFrequency">How common a word is (in how many stories of a sample it occurs): the
    /// rarest word of an AND is its trigger. Null treats all words alike (the longer word is then chosen).</param>
    public AlertMatcher(KnowledgeBaseIndex knowledgeBase, ExposureMap exposures, Func<string, int>? documentFrequency = null)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(exposures);
        _resolver = new WatchlistItemResolver(knowledgeBase);
        _exposures = new ExposureRouter(exposures, knowledgeBase);
        _documentFrequency = documentFrequency ?? (_ => 0);
    }

    /// <param name="frequencies">Document frequencies of words over a sample of stories: an AND's or a phrase's
    /// trigger is the pair of words, or the single word, that the fewest sample stories are expected to bring.</param>
    public AlertMatcher(KnowledgeBaseIndex knowledgeBase, ExposureMap exposures, WordFrequencies frequencies)
        : this(knowledgeBase, exposures, (frequencies ?? throw new ArgumentNullException(nameof(frequencies))).DocumentFrequency)
    {
        _sampleSize = frequencies.TextCount;
    }

    public WatchlistItemResolver Resolver => _resolver;

    /// <summary>The number of watchlists in the index.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _slotOf.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Adds the watchlist, or replaces the one with its id. Items that do not resolve (an unknown company,
    /// an invalid query) are left out and returned; the rest are indexed.</summary>
    public IReadOnlyList<WatchlistItemError> AddOrReplace(Watchlist watchlist)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        if (watchlist.Items.Count > Watchlist.MaxItems)
        {
            throw new ArgumentException($"a watchlist holds at most {Watchlist.MaxItems} items", nameof(watchlist));
        }

        var resolved = new ResolvedItem?[watchlist.Items.Count];
        var errors = new List<WatchlistItemError>();
        for (var i = 0; i < resolved.Length; i++)
        {
            if (!_resolver.TryResolve(watchlist.Items[i], out resolved[i], out var error))
            {
                errors.Add(new WatchlistItemError(i, error!));
            }
        }

        _lock.EnterWriteLock();
        try
        {
            _version++;
            if (_slotOf.TryGetValue(watchlist.Id, out var old))
            {
                RemoveSlot(old);
            }

            var slot = NewSlot();
            _slotOf[watchlist.Id] = slot;
            Span<int> codes = stackalloc int[resolved.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                codes[i] = resolved[i] is { } item ? Index(item, slot, i) : -1;
            }

            _slots[slot] = new Slot(watchlist.Id, watchlist.OwnerId, Append(ref _codes, ref _codesUsed, codes), codes.Length);
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return errors;
    }

    /// <summary>Removes the watchlist; false when the index does not hold it.</summary>
    public bool Remove(long watchlistId)
    {
        _lock.EnterWriteLock();
        try
        {
            _version++;
            if (!_slotOf.Remove(watchlistId, out var slot))
            {
                return false;
            }

            RemoveSlot(slot);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Every watchlist item the story matches, direct matches first (entities in the story's order of
    /// prominence, then topics, then queries), then exposure matches in the exposure map's order.</summary>
    public IReadOnlyList<AlertMatch> Match(StoryDocument story)
    {
        var matches = new List<AlertMatch>();
        Match(story, matches);
        return matches;
    }

    /// <summary>As <see cref="Match(StoryDocument)"/>, adding to a list the caller may reuse from story to story
    /// (a popular story matches many thousands of items: reusing the list spares the large-object heap).</summary>
    public void Match(StoryDocument story, List<AlertMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(matches);
        var found = new StoryMatches(this, story, StoryRoutes.Of(story, _resolver, _exposures));
        _lock.EnterReadLock();
        try
        {
            FindUnderLock(found);
            EmitUnderLock(found, matches);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The index work alone: the keys the story reaches that someone follows (each standing for its
    /// posting of watchlist items) and the keyword queries it satisfies, in time that grows with the story, not
    /// with the number of followers. The per-item <see cref="AlertMatch"/>es are made only when asked
    /// (<see cref="StoryMatches.CopyTo"/>), so delivery can fan out by key.</summary>
    public StoryMatches Find(StoryDocument story)
    {
        ArgumentNullException.ThrowIfNull(story);
        var found = new StoryMatches(this, story, StoryRoutes.Of(story, _resolver, _exposures));
        _lock.EnterReadLock();
        try
        {
            FindUnderLock(found);
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return found;
    }

    /// <summary>The fan-out of a <see cref="Find"/> result. Should the index have changed since, the keys and
    /// queries are found again first, so the matches are always those of one state of the index.</summary>
    internal void CopyTo(StoryMatches found, List<AlertMatch> matches)
    {
        _lock.EnterReadLock();
        try
        {
            if (found.Version != _version)
            {
                FindUnderLock(found);
            }

            EmitUnderLock(found, matches);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private void FindUnderLock(StoryMatches found)
    {
        found.Reset(_version);
        foreach (var (key, reason) in found.Routes.Direct)
        {
            FindKey(found, found.DirectKeys, key, reason);
        }

        FindQueries(found);
        foreach (var (key, reason) in found.Routes.Exposure)
        {
            FindKey(found, found.ExposureKeys, key, reason);
        }
    }

    private void FindKey(StoryMatches found, List<(int KeyId, MatchReason Reason)> keys, string key, MatchReason reason)
    {
        if (_keyIds.TryGetValue(key, out var keyId) && _keyPostings[keyId].Count is > 0 and var count)
        {
            keys.Add((keyId, reason));
            found.ItemCount += count;
        }
    }

    private void FindQueries(StoryMatches found)
    {
        var story = found.Story;
        var present = new Dictionary<int, int[]>();
        foreach (var word in story.DistinctWords)
        {
            if (_termIds.TryGetValue(word, out var term))
            {
                present[term] = story.PositionsOf(word)!;
            }
        }

        // Which query words the story has, as bits: the pair join below asks this many times.
        var has = new ulong[(_termCount + 63) >> 6];
        foreach (var term in present.Keys)
        {
            has[term >> 6] |= 1UL << term;
        }

        // A pair is filed under its first word in the order (rarity, id), so the join only needs, for each of the
        // story's words, the words after it in that order: it walks whichever side is shorter, the words paired
        // with this one or the story's words after it. Either way it is bounded by the story, not the followers.
        var terms = new int[present.Count];
        present.Keys.CopyTo(terms, 0);
        var ranks = _termRank;
        Array.Sort(terms, (x, y) => ranks[x] != ranks[y] ? ranks[x].CompareTo(ranks[y]) : x.CompareTo(y));
        var triggered = new List<Posting>();
        for (var k = 0; k < terms.Length; k++)
        {
            var term = terms[k];
            if (_triggers[term] is { Count: > 0 } single)
            {
                triggered.Add(single);
            }

            if (_pairTriggers[term] is { Count: > 0 } partners)
            {
                if (partners.Count <= terms.Length - k - 1)
                {
                    foreach (var (other, posting) in partners)
                    {
                        if (posting.Count > 0 && (has[other >> 6] & 1UL << other) != 0)
                        {
                            triggered.Add(posting);
                        }
                    }
                }
                else
                {
                    for (var j = k + 1; j < terms.Length; j++)
                    {
                        var bit = PairBit(term, terms[j]);
                        if ((_pairBits[bit >> 6] & 1UL << bit) != 0 && partners.TryGetValue(terms[j], out var posting) && posting.Count > 0)
                        {
                            triggered.Add(posting);
                        }
                    }
                }
            }
        }

        // A query filed under several triggers the story has must be verified (and reported) once; most queries
        // have one trigger and skip the check.
        HashSet<int>? seen = null;
        foreach (var posting in triggered)
        {
            for (var i = 0; i < posting.Count; i++)
            {
                var id = (int)posting.Refs[i];
                ref readonly var query = ref _queries[id];
                var program = _programs.AsSpan(query.Start, query.Length);
                if (program[0] > 1 && !(seen ??= []).Add(id))
                {
                    continue;
                }

                found.QueriesVerified++;
                if (Evaluate(program, present, has))
                {
                    found.Queries.Add(id);
                    found.ItemCount += query.Count;
                }
            }
        }
    }

    private void EmitUnderLock(StoryMatches found, List<AlertMatch> matches)
    {
        matches.EnsureCapacity(matches.Count + found.ItemCount);
        foreach (var (keyId, reason) in found.DirectKeys)
        {
            EmitKey(keyId, MatchKind.Direct, reason, matches);
        }

        foreach (var id in found.Queries)
        {
            ref readonly var query = ref _queries[id];
            // The program is copied: the shared array may be compacted once the read lock is released.
            var copy = _programs.AsSpan(query.Start, query.Length).ToArray();
            var reason = new MatchReason(() => StoryRoutes.QueryPath(Decompile(copy)));
            if (query.Watchers is { } watchers)
            {
                EmitPosting(watchers, MatchKind.Direct, reason, matches);
            }
            else
            {
                Emit(query.Solo, MatchKind.Direct, reason, matches);
            }
        }

        foreach (var (keyId, reason) in found.ExposureKeys)
        {
            EmitKey(keyId, MatchKind.Exposure, reason, matches);
        }
    }

    private void EmitKey(int keyId, MatchKind kind, MatchReason reason, List<AlertMatch> matches) =>
        EmitPosting(_keyPostings[keyId], kind, reason, matches);

    private void EmitPosting(Posting posting, MatchKind kind, MatchReason reason, List<AlertMatch> matches)
    {
        var refs = posting.Refs;
        for (var i = 0; i < posting.Count; i++)
        {
            Emit(refs[i], kind, reason, matches);
        }
    }

    private void Emit(long reference, MatchKind kind, MatchReason reason, List<AlertMatch> matches)
    {
        ref readonly var slot = ref _slots[(int)(reference >> 11)];
        matches.Add(new AlertMatch(slot.Id, slot.Owner, (int)(reference & 0xFF), (WatchlistItemKind)((reference >> 8) & 7), kind, reason));
    }

    private bool Evaluate(ReadOnlySpan<int> program, Dictionary<int, int[]> present, ulong[] has)
    {
        Span<bool> stack = stackalloc bool[program.Length];
        var top = 0;
        for (var i = 1 + 2 * program[0]; i < program.Length; i++)
        {
            var op = program[i];
            switch (op)
            {
                case And:
                    top--;
                    stack[top - 1] &= stack[top];
                    break;
                case Or:
                    top--;
                    stack[top - 1] |= stack[top];
                    break;
                case Not:
                    stack[top - 1] = !stack[top - 1];
                    break;
                default:
                    stack[top++] = (op & 1) == 0 ? (has[op >> 7] & 1UL << (op >> 1)) != 0 : ContainsPhrase(_phrases[op >> 1], present);
                    break;
            }
        }

        return stack[0];
    }

    private static bool ContainsPhrase(int[] words, Dictionary<int, int[]> present)
    {
        if (!present.TryGetValue(words[0], out var first))
        {
            return false;
        }

        foreach (var p in first)
        {
            var k = 1;
            while (k < words.Length && present.TryGetValue(words[k], out var positions) && Array.BinarySearch(positions, p + k) >= 0)
            {
                k++;
            }

            if (k == words.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The canonical text of a stored query, the same as <see cref="KeywordQuery.ToString"/>.</summary>
    private string Decompile(int[] program)
    {
        var terms = _terms;
        var phrases = _phrases;
        var stack = new Stack<(string Text, int Op)>();
        for (var i = 1 + 2 * program[0]; i < program.Length; i++)
        {
            var op = program[i];
            if (op == Not)
            {
                var part = stack.Pop();
                stack.Push(("NOT " + (part.Op == 0 ? part.Text : "(" + part.Text + ")"), 0));
            }
            else if (op is And or Or)
            {
                var right = stack.Pop();
                var left = stack.Pop();
                string Wrap((string Text, int Op) x, bool sameChain) => x.Op == 0 || sameChain && x.Op == op ? x.Text : "(" + x.Text + ")";
                stack.Push((Wrap(left, true) + (op == And ? " AND " : " OR ") + Wrap(right, false), op));
            }
            else
            {
                stack.Push(((op & 1) == 0 ? terms[op >> 1] : "\"" + string.Join(' ', phrases[op >> 1].Select(t => terms[t])) + "\"", 0));
            }
        }

        return stack.Pop().Text;
    }

    private int Index(ResolvedItem item, int slot, int position)
    {
        if (item.Query is { } query)
        {
            var program = Compile(query);
            var hash = Hash(program);
            if (!_queryByHash.TryGetValue(hash, out var id) || !_programs.AsSpan(_queries[id].Start, _queries[id].Length).SequenceEqual(program))
            {
                id = _freeQueries.Count > 0 ? _freeQueries.Pop() : _queryCount++;
                Grow(ref _queries, id);
                _queries[id] = new QueryInfo { Start = Append(ref _programs, ref _programsUsed, program), Length = program.Length, Hash = hash };
                _queryByHash.TryAdd(hash, id);
                for (var t = 0; t < program[0]; t++)
                {
                    TriggerPosting(program[1 + 2 * t], program[2 + 2 * t]).Add(id);
                }
            }

            _queries[id].AddWatcher(KeyRef(slot, WatchlistItemKind.Query, position));
            return id << 3 | (int)WatchlistItemKind.Query;
        }

        if (!_keyIds.TryGetValue(item.Key!, out var keyId))
        {
            keyId = _keyPostings.Count;
            _keyIds[item.Key!] = keyId;
            _keyPostings.Add(new Posting());
        }

        _keyPostings[keyId].Add(KeyRef(slot, item.Kind, position));
        return keyId << 3 | (int)item.Kind;
    }

    private Posting TriggerPosting(int word, int partner)
    {
        if (partner < 0)
        {
            return _triggers[word] ??= new Posting();
        }

        var partners = _pairTriggers[word] ??= [];
        if (!partners.TryGetValue(partner, out var posting))
        {
            partners[partner] = posting = new Posting();
            var bit = PairBit(word, partner);
            _pairBits[bit >> 6] |= 1UL << bit;
        }

        return posting;
    }

    private int[] Compile(KeywordQuery query)
    {
        var triggers = Triggers(query.Root) ?? throw new InvalidOperationException("a parsed query always has a trigger");
        var program = new List<int>(8) { triggers.Count };
        foreach (var (word, partner) in triggers)
        {
            program.Add(word);
            program.Add(partner);
        }

        Emit(query.Root, program);
        return [.. program];
    }

    /// <summary>Triggers: word pairs (partner -1 for a single word) such that every story the node matches has
    /// both words of at least one; null when the node can match by absence alone. An AND of two findable words,
    /// or a phrase, is filed under a pair, so it is verified only when a story has both words: a reader's
    /// "rate cut" is not checked against every story that says "rate". Cheapest by estimated document frequency.</summary>
    private List<(int Word, int Partner)>? Triggers(QueryNode node)
    {
        switch (node)
        {
            case TermNode term:
                var words = term.Words.Select(Term).Distinct().OrderBy(t => _termRank[t]).ThenBy(t => t).Take(2).ToList();
                return [words.Count == 1 ? (words[0], -1) : (words[0], words[1])];
            case AndNode and:
                var parts = and.Parts.Select(Triggers).OfType<List<(int Word, int Partner)>>().ToList();
                // A part with one trigger requires all of its words (one word, or a pair): any two words required
                // by the parts together make a pair trigger of the AND ("joe biden" inflation → biden + inflation).
                var required = parts.Where(p => p.Count == 1).SelectMany(p => p[0].Partner < 0 ? [p[0].Word] : new[] { p[0].Word, p[0].Partner })
                    .Distinct().OrderBy(t => _termRank[t]).ThenBy(t => t).Take(2).ToList();
                if (required.Count == 2)
                {
                    parts.Add([(required[0], required[1])]);
                }

                return parts.OrderBy(p => p.Sum(Cost)).ThenBy(p => p.Count).FirstOrDefault();
            case OrNode or:
                var all = new List<(int Word, int Partner)>();
                foreach (var part in or.Parts)
                {
                    if (Triggers(part) is not { } triggers)
                    {
                        return null;
                    }

                    all.AddRange(triggers.Where(t => !all.Contains(t)));
                }

                return all;
            default:
                return null;
        }
    }

    /// <summary>In how many sample stories a word occurs, plus one (a word the sample never used is rarest).</summary>
    private double Rarity(int term) => _documentFrequency(_terms[term]) + 1.0;

    /// <summary>The expected number of sample stories that bring the trigger: for a pair, as if its words occurred
    /// independently; without a sample size, half the rarer word's.</summary>
    private double Cost((int Word, int Partner) trigger) =>
        trigger.Partner < 0 ? _termRank[trigger.Word]
        : _sampleSize > 0 ? _termRank[trigger.Word] * _termRank[trigger.Partner] / (_sampleSize + 1.0)
        : Math.Min(_termRank[trigger.Word], _termRank[trigger.Partner]) / 2;

    private void Emit(QueryNode node, List<int> program)
    {
        switch (node)
        {
            case TermNode term when term.Words.Count == 1:
                program.Add(Term(term.Words[0]) << 1);
                break;
            case TermNode phrase:
                var text = string.Join(' ', phrase.Words);
                if (!_phraseIds.TryGetValue(text, out var phraseId))
                {
                    int[] words = [.. phrase.Words.Select(Term)];
                    phraseId = _phraseCount++;
                    Grow(ref _phrases, phraseId);
                    _phrases[phraseId] = words;
                    _phraseIds[text] = phraseId;
                }

                program.Add(phraseId << 1 | 1);
                break;
            case AndNode and:
                EmitChain(and.Parts, And, program);
                break;
            case OrNode or:
                EmitChain(or.Parts, Or, program);
                break;
            case NotNode not:
                Emit(not.Part, program);
                program.Add(Not);
                break;
            default:
                throw new InvalidOperationException($"unknown query node {node.GetType().Name}");
        }
    }

    private void EmitChain(IReadOnlyList<QueryNode> parts, int op, List<int> program)
    {
        Emit(parts[0], program);
        for (var i = 1; i < parts.Count; i++)
        {
            Emit(parts[i], program);
            program.Add(op);
        }
    }

    /// <summary>Words are interned for good: the vocabulary of queries is bounded, and readers may hold term ids.</summary>
    private int Term(string word)
    {
        if (!_termIds.TryGetValue(word, out var id))
        {
            id = _termCount++;
            Grow(ref _terms, id);
            _terms[id] = word;
            _termIds[word] = id;
            _triggers.Add(null);
            _pairTriggers.Add(null);
            Grow(ref _termRank, id);
            _termRank[id] = Rarity(id);
        }

        return id;
    }

    private void RemoveSlot(int slot)
    {
        var info = _slots[slot];
        var codes = _codes.AsSpan(info.ItemStart, info.ItemCount);
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            if (code < 0)
            {
                continue;
            }

            var kind = (WatchlistItemKind)(code & 7);
            if (kind == WatchlistItemKind.Query)
            {
                var id = code >> 3;
                ref var query = ref _queries[id];
                if (query.RemoveWatcher(KeyRef(slot, kind, i)) > 0)
                {
                    continue;
                }

                var program = _programs.AsSpan(query.Start, query.Length);
                for (var t = 0; t < program[0]; t++)
                {
                    TriggerPosting(program[1 + 2 * t], program[2 + 2 * t]).Remove(id);
                }

                if (_queryByHash.TryGetValue(query.Hash, out var owner) && owner == id)
                {
                    _queryByHash.Remove(query.Hash);
                }

                _programsFreed += query.Length;
                query = default;
                _freeQueries.Push(id);
            }
            else
            {
                _keyPostings[code >> 3].Remove(KeyRef(slot, kind, i));
            }
        }

        _codesFreed += info.ItemCount;
        _slots[slot] = default;
        _freeSlots.Push(slot);
        CompactIfSparse();
    }

    /// <summary>Removed watchlists leave holes in the shared arrays; once holes are half of an array it is rewritten
    /// without them (under the write lock, so no reader sees it move).</summary>
    private void CompactIfSparse()
    {
        if (_codesFreed > 4096 && _codesFreed * 2 > _codesUsed)
        {
            var codes = new int[Math.Max(1024, (_codesUsed - _codesFreed) * 2)];
            var used = 0;
            for (var slot = 0; slot < _slotCount; slot++)
            {
                ref var s = ref _slots[slot];
                if (s.ItemCount > 0)
                {
                    Array.Copy(_codes, s.ItemStart, codes, used, s.ItemCount);
                    s = s with { ItemStart = used };
                    used += s.ItemCount;
                }
            }

            (_codes, _codesUsed, _codesFreed) = (codes, used, 0);
        }

        if (_programsFreed > 4096 && _programsFreed * 2 > _programsUsed)
        {
            var programs = new int[Math.Max(1024, (_programsUsed - _programsFreed) * 2)];
            var used = 0;
            for (var id = 0; id < _queryCount; id++)
            {
                ref var q = ref _queries[id];
                if (q.Length > 0)
                {
                    Array.Copy(_programs, q.Start, programs, used, q.Length);
                    q.Start = used;
                    used += q.Length;
                }
            }

            (_programs, _programsUsed, _programsFreed) = (programs, used, 0);
        }
    }

    private static int Append(ref int[] pool, ref int used, ReadOnlySpan<int> values)
    {
        if (used + values.Length > pool.Length)
        {
            Array.Resize(ref pool, Math.Max(pool.Length * 2, used + values.Length));
        }

        values.CopyTo(pool.AsSpan(used));
        var start = used;
        used += values.Length;
        return start;
    }

    private int NewSlot()
    {
        if (_freeSlots.Count > 0)
        {
            return _freeSlots.Pop();
        }

        var slot = _slotCount++;
        Grow(ref _slots, slot);
        return slot;
    }

    private static void Grow<T>(ref T[] array, int index)
    {
        if (index >= array.Length)
        {
            Array.Resize(ref array, Math.Max(array.Length * 2, index + 1));
        }
    }

    private static long KeyRef(int slot, WatchlistItemKind kind, int position) => (long)slot << 11 | (long)kind << 8 | (uint)position;

    private readonly record struct Slot(long Id, long Owner, int ItemStart, int ItemCount);

    /// <summary>Where a pair's bit is in <see cref="_pairBits"/>.</summary>
    private static int PairBit(int word, int partner) => (int)((((ulong)(uint)word << 32 | (uint)partner) * 0x9E3779B97F4A7C15UL) >> (64 - PairBitsLog2));

    private static ulong Hash(ReadOnlySpan<int> program)
    {
        var hash = 14695981039346656037UL;
        foreach (var value in program)
        {
            hash = (hash ^ (uint)value) * 1099511628211UL;
            hash ^= hash >> 29;
        }

        return hash;
    }

    /// <summary>Where a query's program is, and the watchlist items that hold it: most queries have one reader, kept
    /// inline (Solo) without a posting. Length 0 marks a free id.</summary>
    private struct QueryInfo
    {
        public int Start;
        public int Length;
        public ulong Hash;
        public long Solo;
        public Posting? Watchers;
        public int Count;

        public void AddWatcher(long reference)
        {
            if (Count == 0 && Watchers is null)
            {
                Solo = reference;
            }
            else
            {
                if (Watchers is null)
                {
                    Watchers = new Posting();
                    Watchers.Add(Solo);
                }

                Watchers.Add(reference);
            }

            Count++;
        }

        /// <summary>The readers left.</summary>
        public int RemoveWatcher(long reference)
        {
            if (Watchers is null)
            {
                Count = Solo == reference ? 0 : Count;
            }
            else
            {
                Watchers.Remove(reference);
                Count = Watchers.Count;
            }

            return Count;
        }
    }

    /// <summary>A growable list of references; removal swaps the last one in (order within a key is not kept).</summary>
    private sealed class Posting
    {
        public long[] Refs { get; private set; } = new long[2];
        public int Count { get; private set; }

        public void Add(long reference)
        {
            if (Count == Refs.Length)
            {
                var bigger = new long[Count * 2];
                Array.Copy(Refs, bigger, Count);
                Refs = bigger;
            }

            Refs[Count++] = reference;
        }

        public void Remove(long reference)
        {
            var at = Array.IndexOf(Refs, reference, 0, Count);
            if (at >= 0)
            {
                Refs[at] = Refs[--Count];
            }
        }
    }
}
