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
    private const int KindBits = 3;
    private const int PositionBits = 8;
    private const int And = -1;
    private const int Or = -2;
    private const int Not = -3;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly WatchlistItemResolver _resolver;
    private readonly ExposureRouter _exposures;
    private readonly Func<string, int> _documentFrequency;

    // Watchlists live in slots (parallel arrays, compact for a million lists); an item is (slot << 8 | position).
    private long[] _ids = new long[64];
    private long[] _owners = new long[64];
    private int[]?[] _items = new int[64][];
    private int _slotCount;
    private readonly Stack<int> _freeSlots = new();
    private readonly Dictionary<long, int> _slotOf = [];

    // Item code: key items (keyId << 3 | kind); queries (queryId << 3 | kind); -1 for an item that did not resolve.
    private readonly Dictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly List<Posting> _keyPostings = [];

    // A query is stored as [trigger count, trigger term ids..., postfix program...]. In the program a value v >= 0 is
    // a word (v = termId << 1) or a phrase (v = phraseId << 1 | 1); And, Or, Not are operators.
    private int[]?[] _queries = new int[64][];
    private int _queryCount;
    private readonly Stack<int> _freeQueries = new();
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<string> _terms = [];
    private readonly List<Posting?> _triggers = [];
    private readonly Dictionary<string, int> _phraseIds = new(StringComparer.Ordinal);
    private readonly List<int[]> _phrases = [];

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
            if (_slotOf.TryGetValue(watchlist.Id, out var old))
            {
                RemoveSlot(old);
            }

            var slot = NewSlot();
            _slotOf[watchlist.Id] = slot;
            _ids[slot] = watchlist.Id;
            _owners[slot] = watchlist.OwnerId;
            var codes = new int[resolved.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                codes[i] = resolved[i] is { } item ? Index(item, Ref(slot, i)) : -1;
            }

            _items[slot] = codes;
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
        ArgumentNullException.ThrowIfNull(story);
        var routes = StoryRoutes.Of(story, _resolver, _exposures);
        var matches = new List<AlertMatch>();
        _lock.EnterReadLock();
        try
        {
            foreach (var (key, reason) in routes.Direct)
            {
                EmitKey(key, MatchKind.Direct, reason, matches);
            }

            MatchQueries(story, matches);
            foreach (var (key, reason) in routes.Exposure)
            {
                EmitKey(key, MatchKind.Exposure, reason, matches);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        return matches;
    }

    public void Dispose() => _lock.Dispose();

    private void EmitKey(string key, MatchKind kind, MatchReason reason, List<AlertMatch> matches)
    {
        if (!_keyIds.TryGetValue(key, out var keyId))
        {
            return;
        }

        var posting = _keyPostings[keyId];
        var refs = posting.Refs;
        for (var i = 0; i < posting.Count; i++)
        {
            var slot = (int)(refs[i] >> PositionBits);
            var position = (int)(refs[i] & 0xFF);
            var code = _items[slot]![position];
            matches.Add(new AlertMatch(_ids[slot], _owners[slot], position, (WatchlistItemKind)(code & 7), kind, reason));
        }
    }

    private void MatchQueries(StoryDocument story, List<AlertMatch> matches)
    {
        var present = new Dictionary<int, int[]>();
        var triggered = new List<Posting>();
        foreach (var word in story.DistinctWords)
        {
            if (_termIds.TryGetValue(word, out var term))
            {
                present[term] = story.PositionsOf(word)!;
                if (_triggers[term] is { Count: > 0 } posting)
                {
                    triggered.Add(posting);
                }
            }
        }

        // A query filed under two words the story has must be verified (and reported) once.
        var seen = triggered.Count > 1 ? new HashSet<long>() : null;
        foreach (var posting in triggered)
        {
            for (var i = 0; i < posting.Count; i++)
            {
                var reference = posting.Refs[i];
                if (seen is not null && !seen.Add(reference))
                {
                    continue;
                }

                var slot = (int)(reference >> PositionBits);
                var position = (int)(reference & 0xFF);
                var program = _queries[_items[slot]![position] >> KindBits]!;
                if (Evaluate(program, present))
                {
                    matches.Add(new AlertMatch(_ids[slot], _owners[slot], position, WatchlistItemKind.Query, MatchKind.Direct, StoryRoutes.QueryReason(Decompile(program))));
                }
            }
        }
    }

    private bool Evaluate(int[] program, Dictionary<int, int[]> present)
    {
        Span<bool> stack = stackalloc bool[program.Length];
        var top = 0;
        for (var i = program[0] + 1; i < program.Length; i++)
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
                    stack[top++] = (op & 1) == 0 ? present.ContainsKey(op >> 1) : ContainsPhrase(_phrases[op >> 1], present);
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
        var stack = new Stack<(string Text, int Op)>();
        for (var i = program[0] + 1; i < program.Length; i++)
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
                stack.Push(((op & 1) == 0 ? _terms[op >> 1] : "\"" + string.Join(' ', _phrases[op >> 1].Select(t => _terms[t])) + "\"", 0));
            }
        }

        return stack.Pop().Text;
    }

    private int Index(ResolvedItem item, long reference)
    {
        if (item.Query is { } query)
        {
            var program = Compile(query);
            var id = _freeQueries.Count > 0 ? _freeQueries.Pop() : _queryCount++;
            Grow(ref _queries, id);
            _queries[id] = program;
            for (var t = 1; t <= program[0]; t++)
            {
                (_triggers[program[t]] ??= new Posting()).Add(reference);
            }

            return id << KindBits | (int)WatchlistItemKind.Query;
        }

        if (!_keyIds.TryGetValue(item.Key!, out var keyId))
        {
            keyId = _keyPostings.Count;
            _keyIds[item.Key!] = keyId;
            _keyPostings.Add(new Posting());
        }

        _keyPostings[keyId].Add(reference);
        return keyId << KindBits | (int)item.Kind;
    }

    private int[] Compile(KeywordQuery query)
    {
        var triggers = query.Triggers(_documentFrequency).Select(Term).Distinct().ToList();
        var program = new List<int>(8) { triggers.Count };
        program.AddRange(triggers);
        Emit(query.Root, program);
        return [.. program];
    }

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
                    phraseId = _phrases.Count;
                    _phraseIds[text] = phraseId;
                    _phrases.Add([.. phrase.Words.Select(Term)]);
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
            id = _terms.Count;
            _termIds[word] = id;
            _terms.Add(word);
            _triggers.Add(null);
        }

        return id;
    }

    private void RemoveSlot(int slot)
    {
        var codes = _items[slot]!;
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            if (code < 0)
            {
                continue;
            }

            var reference = Ref(slot, i);
            if ((code & 7) == (int)WatchlistItemKind.Query)
            {
                var queryId = code >> KindBits;
                var program = _queries[queryId]!;
                for (var t = 1; t <= program[0]; t++)
                {
                    _triggers[program[t]]!.Remove(reference);
                }

                _queries[queryId] = null;
                _freeQueries.Push(queryId);
            }
            else
            {
                _keyPostings[code >> KindBits].Remove(reference);
            }
        }

        _items[slot] = null;
        _freeSlots.Push(slot);
    }

    private int NewSlot()
    {
        if (_freeSlots.Count > 0)
        {
            return _freeSlots.Pop();
        }

        var slot = _slotCount++;
        Grow(ref _ids, slot);
        Grow(ref _owners, slot);
        Grow(ref _items, slot);
        return slot;
    }

    private static void Grow<T>(ref T[] array, int index)
    {
        if (index >= array.Length)
        {
            Array.Resize(ref array, Math.Max(array.Length * 2, index + 1));
        }
    }

    private static long Ref(int slot, int position) => (long)slot << PositionBits | (uint)position;

    /// <summary>A growable list of item references; removal swaps the last one in (order within a key is not kept).</summary>
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
