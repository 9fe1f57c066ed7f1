namespace Wiredesk.Alerts;

/// <summary>The distinct queries filed under one trigger (a word, or a pair of words), with what is left to check
/// of each once a story brings the trigger, stored beside it so that verifying the posting reads memory in order
/// instead of chasing each query's program.
/// <list type="bullet">
/// <item><b>Sure</b>: queries whose only trigger this is and which every story bringing it satisfies (a word; two
/// words; a name and a word): their ids, and how many watchlist items they stand for together. A story adds them
/// without looking at them.</item>
/// <item><b>Entries</b>: the rest, each [query id, header, earlier triggers..., residual program...]. The header is
/// (earlier trigger count &lt;&lt; 16 | residual length). Earlier triggers are the query's triggers filed before
/// this one (word, partner): a story that brings one of them verifies the query there, so here it is skipped —
/// each query is verified once a story without a set of seen ids. The residual is the query's postfix program
/// with this trigger's words taken as present and folded away (<see cref="StoryTerms.Satisfies"/>).</item>
/// </list></summary>
internal sealed class TriggerPosting
{
    private int[] _sure = [];
    private int[] _entries = [];

    public int SureCount { get; private set; }

    /// <summary>Watchlist items of the sure queries (kept as their readers come and go).</summary>
    public int SureItems { get; set; }

    public int EntryCount { get; private set; }

    public int EntriesUsed { get; private set; }

    public bool IsEmpty => SureCount == 0 && EntryCount == 0;

    public ReadOnlySpan<int> Sure => _sure.AsSpan(0, SureCount);

    public int[] Entries => _entries;

    /// <summary>Reads the posting and the start of its arrays, only to have them in the cache when verified.</summary>
    public int Touch() => SureCount + _sure.Length + _entries.Length;

    public void AddSure(int query)
    {
        if (SureCount == _sure.Length)
        {
            Array.Resize(ref _sure, Math.Max(2, SureCount * 2));
        }

        _sure[SureCount++] = query;
    }

    public void RemoveSure(int query)
    {
        var at = Array.IndexOf(_sure, query, 0, SureCount);
        if (at >= 0)
        {
            _sure[at] = _sure[--SureCount];
        }
    }

    public void AddEntry(int query, ReadOnlySpan<(int Word, int Partner)> earlier, ReadOnlySpan<int> residual)
    {
        var length = 2 + 2 * earlier.Length + residual.Length;
        if (EntriesUsed + length > _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(EntriesUsed + length, _entries.Length * 2));
        }

        var at = EntriesUsed;
        _entries[at++] = query;
        _entries[at++] = earlier.Length << 16 | residual.Length;
        foreach (var (word, partner) in earlier)
        {
            _entries[at++] = word;
            _entries[at++] = partner;
        }

        residual.CopyTo(_entries.AsSpan(at));
        EntriesUsed += length;
        EntryCount++;
    }

    public void RemoveEntry(int query)
    {
        for (var at = 0; at < EntriesUsed; at += EntryLength(_entries[at + 1]))
        {
            if (_entries[at] == query)
            {
                var length = EntryLength(_entries[at + 1]);
                Array.Copy(_entries, at + length, _entries, at, EntriesUsed - at - length);
                EntriesUsed -= length;
                EntryCount--;
                if (EntriesUsed * 4 < _entries.Length && _entries.Length > 64)
                {
                    Array.Resize(ref _entries, _entries.Length / 2);
                }

                return;
            }
        }
    }

    public static int EntryLength(int header) => 2 + 2 * (header >>> 16) + (header & 0xFFFF);
}

/// <summary>The pair triggers filed under one word: the partner words in ascending id, each with its posting. A story
/// joins its words with them by walking the partners (a run of ints, each tested against the story's term bits) or,
/// when they far outnumber the story's words, by binary search: either way it reads no posting of a pair the story
/// does not bring.</summary>
internal sealed class PairPostings
{
    private int[] _partners = new int[2];
    private TriggerPosting[] _postings = new TriggerPosting[2];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Partners => _partners.AsSpan(0, Count);

    public TriggerPosting At(int index) => _postings[index];

    public TriggerPosting GetOrAdd(int partner)
    {
        var at = Array.BinarySearch(_partners, 0, Count, partner);
        if (at >= 0)
        {
            return _postings[at];
        }

        at = ~at;
        if (Count == _partners.Length)
        {
            Array.Resize(ref _partners, Count * 2);
            Array.Resize(ref _postings, Count * 2);
        }

        Array.Copy(_partners, at, _partners, at + 1, Count - at);
        Array.Copy(_postings, at, _postings, at + 1, Count - at);
        _partners[at] = partner;
        _postings[at] = new TriggerPosting();
        Count++;
        return _postings[at];
    }
}
