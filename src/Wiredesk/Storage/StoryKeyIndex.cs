namespace Wiredesk.Storage;

/// <summary>The writer's copy of the candidate index (story_keys), so that the candidate lookup of a batched ingest
/// reads memory instead of running one index search per key. A key is loaded from the store the first time it is
/// looked up: every row of it whose span of event days ends on or after <see cref="Floor"/>. From then on the writer
/// keeps the key's rows equal to the table's by applying its own writes (<see cref="Apply"/>). A lookup whose window
/// starts before the floor goes to SQL, so the answer is always the one the table gives.
/// The floor follows the ingest forward and rows that end before it are dropped, so memory holds the stories of a
/// few weeks of event days, however many reports the store holds; past <see cref="MaxRows"/> rows it starts over.
/// Like the rest of <see cref="StoryStateCache"/> it is dropped after any rollback and whenever another connection
/// has committed.</summary>
internal sealed class StoryKeyIndex
{
    /// <summary>Days kept below the earliest window start seen lately: reports arrive a little out of order and their
    /// event days reach back a week, so most windows start within this margin of the newest one.</summary>
    public const int SlackDays = 28;

    /// <summary>Rows kept at most (each a dictionary entry by story and a sorted-set node in the lookup's order: under
    /// 100 bytes by their layout, so under 100 MB); more than a busy month of stories needs.</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>Keys kept at most, most of them with a few rows or none (keys no story in the window carries).</summary>
    public const int MaxKeys = 200_000;

    private readonly Dictionary<string, KeyRows> _keys = new(StringComparer.Ordinal);
    private int _rows;

    /// <summary>The first day (day number) of the spans kept; null until the first lookup.</summary>
    public int? Floor { get; private set; }

    public int KeyCount => _keys.Count;

    public int RowCount => _rows;

    /// <summary>Whether a lookup whose window starts on <paramref name="from"/> can be answered from memory. Moves the
    /// floor forward (dropping the rows that end before it) once the ingest has moved well past it.</summary>
    public bool Covers(int from)
    {
        if (Floor is not { } floor)
        {
            Floor = from - SlackDays;
            return true;
        }

        if (from < floor)
        {
            return false;
        }

        if (from - floor > 2 * SlackDays)
        {
            Advance(from - SlackDays);
        }

        return true;
    }

    public bool IsLoaded(string key) => _keys.ContainsKey(key);

    /// <summary>Takes the rows the store holds for the key from the floor on (all of them: the caller read them so).</summary>
    public void Load(string key, List<(long StoryId, int First, int Last)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_rows + rows.Count > MaxRows || _keys.Count >= MaxKeys)
        {
            // Starting over keeps the floor: keys are loaded again from it as they are looked up.
            _keys.Clear();
            _rows = 0;
        }

        var spans = new KeyRows(rows.Count);
        foreach (var (storyId, first, last) in rows)
        {
            spans.Set(storyId, new Span(first, last));
        }

        _keys[key] = spans;
        _rows += spans.Count;
    }

    /// <summary>The row (key, story) now holds this span in the table: kept when the key is loaded.</summary>
    public void Apply(string key, long storyId, int first, int last)
    {
        if (!_keys.TryGetValue(key, out var spans) || last < Floor)
        {
            return;
        }

        if (spans.Set(storyId, new Span(first, last)))
        {
            _rows++;
        }
    }

    /// <summary>Whether the key is loaded and the story has a row for it (kept rows are the table's; a row that ended
    /// before the floor is not kept, so false does not say the table has none).</summary>
    public bool Carries(string key, long storyId) => _keys.TryGetValue(key, out var spans) && spans.Contains(storyId);

    /// <summary>Whether the key is loaded and the story's row for it already spans [first, last] (writing it again
    /// would change nothing).</summary>
    public bool AlreadySpans(string key, long storyId, int first, int last) =>
        _keys.TryGetValue(key, out var spans) && spans.TryGetValue(storyId, out var span) && span.First <= first && span.Last >= last;

    /// <summary>What the SQL lookup returns for one key: the stories whose span meets [from, to], latest span end
    /// first (ties: later start, then higher story id, the order of the story_keys_recent index read backwards), at
    /// most <paramref name="limit"/>. The key must be loaded and <paramref name="from"/> covered.</summary>
    public void Candidates(string key, int from, int to, int limit, List<long> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        // Walked in that order, the walk stops at the limit or at the first span that ends before the window: a
        // common key is on hundreds of stories, and filtering and sorting them all for 32 grew with the store.
        var found = 0;
        foreach (var (last, first, storyId) in _keys[key].InOrder)
        {
            if (found == limit || last < from)
            {
                return;
            }

            if (first <= to)
            {
                into.Add(storyId);
                found++;
            }
        }
    }

    public void Clear()
    {
        _keys.Clear();
        _rows = 0;
        Floor = null;
    }

    private void Advance(int floor)
    {
        Floor = floor;
        var emptied = new List<string>();
        foreach (var (key, spans) in _keys)
        {
            _rows -= spans.RemoveEndingBefore(floor);
            if (spans.Count == 0)
            {
                emptied.Add(key);
            }
        }

        // A key left without rows is forgotten: loading it again when a report names it gives the same (empty) answer.
        emptied.ForEach(key => _keys.Remove(key));
    }

    private readonly record struct Span(int First, int Last);

    /// <summary>One key's rows by story, and the same rows in the lookup's order (latest span end first, then later
    /// start, then higher story id).</summary>
    private sealed class KeyRows(int capacity)
    {
        private readonly Dictionary<long, Span> _byStory = new(capacity);

        public SortedSet<(int Last, int First, long StoryId)> InOrder { get; } = new(LookupOrder.Instance);

        public int Count => _byStory.Count;

        public bool Contains(long storyId) => _byStory.ContainsKey(storyId);

        public bool TryGetValue(long storyId, out Span span) => _byStory.TryGetValue(storyId, out span);

        /// <summary>Sets the story's span; true when the story had no row.</summary>
        public bool Set(long storyId, Span span)
        {
            var added = !_byStory.TryGetValue(storyId, out var old);
            if (!added)
            {
                InOrder.Remove((old.Last, old.First, storyId));
            }

            _byStory[storyId] = span;
            InOrder.Add((span.Last, span.First, storyId));
            return added;
        }

        /// <summary>Drops the rows whose span ends before the day; returns how many.</summary>
        public int RemoveEndingBefore(int day)
        {
            var gone = InOrder.Where(row => row.Last < day).ToList();
            foreach (var row in gone)
            {
                InOrder.Remove(row);
                _byStory.Remove(row.StoryId);
            }

            return gone.Count;
        }
    }

    private sealed class LookupOrder : IComparer<(int Last, int First, long StoryId)>
    {
        public static readonly LookupOrder Instance = new();

        public int Compare((int Last, int First, long StoryId) a, (int Last, int First, long StoryId) b) =>
            a.Last != b.Last ? b.Last.CompareTo(a.Last)
            : a.First != b.First ? b.First.CompareTo(a.First)
            : b.StoryId.CompareTo(a.StoryId);
    }
}
