using System.Runtime.InteropServices;
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
    private const int And = StoryTerms.And;
    private const int Or = StoryTerms.Or;
    private const int Not = StoryTerms.Not;

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
    // How many watchlist items each query stands for, apart from its QueryInfo: a story adds up the items of the
    // queries it matches, and this array is a tenth of the size.
    private int[] _queryItems = new int[64];
    private readonly List<TriggerPosting?> _triggers = [];
    private readonly List<PairPostings?> _pairTriggers = [];
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
        var terms = StoryTerms.Rent(_termCount, _phraseCount);
        foreach (var word in story.DistinctWords)
        {
            if (_termIds.TryGetValue(word, out var term))
            {
                terms.Add(term, story.PositionsOf(word)!);
            }
        }

        // A pair is filed under its first word in the order (rarity, id), so the join only needs, for each of the
        // story's words, the words after it in that order: it walks whichever side is shorter, the words paired
        // with this one or the story's words after it. Either way it is bounded by the story, not the followers.
        var ranks = _termRank;
        terms.Terms.Sort((x, y) => ranks[x] != ranks[y] ? ranks[x].CompareTo(ranks[y]) : x.CompareTo(y));
        var order = CollectionsMarshal.AsSpan(terms.Terms);
        var triggered = terms.Triggered;
        for (var k = 0; k < order.Length; k++)
        {
            var term = order[k];
            if (_triggers[term] is { } single)
            {
                triggered.Add(single);
            }

            if (_pairTriggers[term] is { Count: > 0 } pairs)
            {
                // Testing a partner against the story's bits costs a nanosecond or two; a binary search a few dozen.
                var partners = pairs.Partners;
                if (partners.Length <= (order.Length - k - 1) * 16)
                {
                    for (var i = 0; i < partners.Length; i++)
                    {
                        if (terms.Has(partners[i]))
                        {
                            triggered.Add(pairs.At(i));
                        }
                    }
                }
                else
                {
                    for (var j = k + 1; j < order.Length; j++)
                    {
                        if (partners.BinarySearch(order[j]) is >= 0 and var at)
                        {
                            triggered.Add(pairs.At(at));
                        }
                    }
                }
            }
        }

        // The postings lie all over the heap (an empty one, whose queries all left, is simply verified as empty). Touching each first, in a loop of independent loads, lets the processor
        // fetch many at once; verifying them one by one would wait for each in turn.
        var touched = 0;
        foreach (var posting in CollectionsMarshal.AsSpan(triggered))
        {
            touched += posting.Touch();
        }

        terms.Touched = touched;
        foreach (var posting in CollectionsMarshal.AsSpan(triggered))
        {
            Verify(found, posting, terms);
        }
    }

    /// <summary>The queries of one trigger the story brings: the sure ones at once, the others by their residual
    /// programs, read in order from the posting. A query with an earlier trigger the story also brings is verified
    /// under that one.</summary>
    private void Verify(StoryMatches found, TriggerPosting posting, StoryTerms terms)
    {
        if (posting.SureCount > 0)
        {
            found.Queries.AddRange(posting.Sure);
            found.ItemCount += posting.SureItems;
            found.QueriesVerified += posting.SureCount;
        }

        var entries = posting.Entries;
        var end = posting.EntriesUsed;
        var phrases = _phrases;
        var items = _queryItems;
        var at = 0;
        while (at < end)
        {
            var id = entries[at];
            var header = entries[at + 1];
            var program = at + 2 + 2 * (header >>> 16);
            var length = header & 0xFFFF;
            var earlier = at + 2;
            at = program + length;
            while (earlier < program && !terms.Has(entries[earlier], entries[earlier + 1]))
            {
                earlier += 2;
            }

            if (earlier < program)
            {
                continue;
            }

            found.QueriesVerified++;
            found.QueriesEvaluated += length > 0 ? 1 : 0;
            if (terms.Satisfies(entries.AsSpan(program, length), phrases))
            {
                found.Queries.Add(id);
                found.ItemCount += items[id];
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
                Grow(ref _queryItems, id);
                var sure = File(id, query.Root, program);
                _queries[id] = new QueryInfo { Start = Append(ref _programs, ref _programsUsed, program), Length = program.Length, Hash = hash, Sure = sure };
                _queryByHash.TryAdd(hash, id);
            }

            ref var info = ref _queries[id];
            info.AddWatcher(KeyRef(slot, WatchlistItemKind.Query, position));
            _queryItems[id] = info.Count;
            if (info.Sure)
            {
                PostingOf(program[1], program[2]).SureItems++;
            }

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

    /// <summary>Files a new query under each of its triggers with what is left to check there; true when it is
    /// sure (one trigger, and every story that brings it satisfies the query), filed by id alone.</summary>
    private bool File(int id, QueryNode root, int[] program)
    {
        var triggers = new (int Word, int Partner)[program[0]];
        for (var t = 0; t < triggers.Length; t++)
        {
            triggers[t] = (program[1 + 2 * t], program[2 + 2 * t]);
        }

        var residual = new List<int>();
        for (var t = 0; t < triggers.Length; t++)
        {
            residual.Clear();
            var constant = Residual(root, triggers[t].Word, triggers[t].Partner, residual);
            var posting = PostingOf(triggers[t].Word, triggers[t].Partner);
            if (constant == true && triggers.Length == 1)
            {
                posting.AddSure(id);
                return true;
            }

            if (constant == false)
            {
                residual.Add(StoryTerms.False);
            }

            posting.AddEntry(id, triggers.AsSpan(0, t), CollectionsMarshal.AsSpan(residual));
        }

        return false;
    }

    /// <summary>The node as a postfix program for stories known to have the words of a trigger (partner -1: one
    /// word): those words are true and folded away with every AND, OR and NOT they decide. Returns the node's value
    /// when that decides it (and emits nothing), else null with the program emitted.</summary>
    private bool? Residual(QueryNode node, int word, int partner, List<int> program)
    {
        switch (node)
        {
            case TermNode term when term.Words.Count == 1:
                var id = _termIds[term.Words[0]];
                if (id == word || id == partner)
                {
                    return true;
                }

                program.Add(id << 1);
                return null;
            case TermNode phrase:
                program.Add(_phraseIds[string.Join(' ', phrase.Words)] << 1 | 1);
                return null;
            case NotNode not:
                if (Residual(not.Part, word, partner, program) is { } value)
                {
                    return !value;
                }

                program.Add(Not);
                return null;
            case AndNode and:
                return ResidualChain(and.Parts, And, false, word, partner, program);
            case OrNode or:
                return ResidualChain(or.Parts, Or, true, word, partner, program);
            default:
                throw new InvalidOperationException($"unknown query node {node.GetType().Name}");
        }
    }

    /// <summary>An AND (OR) is false (true) when one part is; parts that are true (false) drop out.</summary>
    private bool? ResidualChain(IReadOnlyList<QueryNode> parts, int op, bool deciding, int word, int partner, List<int> program)
    {
        var start = program.Count;
        var open = 0;
        foreach (var part in parts)
        {
            var value = Residual(part, word, partner, program);
            if (value == deciding)
            {
                program.RemoveRange(start, program.Count - start);
                return deciding;
            }

            if (value is null && open++ > 0)
            {
                program.Add(op);
            }
        }

        return open == 0 ? !deciding : null;
    }

    private TriggerPosting PostingOf(int word, int partner)
    {
        if (partner < 0)
        {
            return _triggers[word] ??= new TriggerPosting();
        }

        return (_pairTriggers[word] ??= new PairPostings()).GetOrAdd(partner);
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
                var program = _programs.AsSpan(query.Start, query.Length);
                var left = query.RemoveWatcher(KeyRef(slot, kind, i));
                _queryItems[id] = left;
                if (query.Sure)
                {
                    PostingOf(program[1], program[2]).SureItems--;
                }

                if (left > 0)
                {
                    continue;
                }

                for (var t = 0; t < program[0]; t++)
                {
                    var posting = PostingOf(program[1 + 2 * t], program[2 + 2 * t]);
                    if (query.Sure)
                    {
                        posting.RemoveSure(id);
                    }
                    else
                    {
                        posting.RemoveEntry(id);
                    }
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
        // Filed as a sure query of its only trigger (TriggerPosting): its readers count in that posting's SureItems.
        public bool Sure;
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
