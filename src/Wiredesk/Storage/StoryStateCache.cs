using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Wiredesk.Storage;

/// <summary>Story states (profiles parsed from JSON), key counts and the story count kept with the connection that read
/// or wrote them. A batched ingest writes through one connection and scores every report against a dozen stories, most
/// of them scored many times; parsing their profiles again for each report would cost more than the rest of the lookup.
/// The cache is dropped whenever another connection has committed (SQLite's data_version), and by the ingest when it
/// rolls back.
/// The batched writer's connection (<see cref="KeepsWriterState"/>) also keeps the candidate index in memory
/// (<see cref="StoryKeyIndex"/>) and defers the story rows its joins change: the state in memory is the story's, and
/// its row is written once per transaction (<see cref="Pending"/>) instead of once per joining report.</summary>
internal sealed class StoryStateCache
{
    /// <summary>A few thousand profiles of up to 256 keys and 48 terms: tens of MB at most, whatever the store's size.</summary>
    private const int MaxStates = 4096;

    private static readonly ConditionalWeakTable<DbConnection, StoryStateCache> Caches = [];

    /// <summary>Key counts kept: a busy ingest meets the same few thousand entities again and again.</summary>
    private const int MaxKeyCounts = 65_536;

    private readonly Dictionary<long, StoryState> _states = [];
    private readonly Dictionary<string, long> _keyCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<long, PendingStory> _pending = [];
    private readonly Dictionary<long, (ulong[] Shingles, long Stamp)> _shingles = [];
    private readonly Dictionary<long, (StoryState? State, PendingStory? Pending)> _undo = [];
    private long? _dataVersion;
    private DbTransaction? _checkedIn;

    /// <summary>The highest story id, once read or written through this connection.</summary>
    public long? StoryCount { get; set; }

    /// <summary>Set for the one writer of a batched ingest, which writes <see cref="Pending"/> rows before every commit
    /// and reports every rollback.</summary>
    public bool KeepsWriterState { get; private set; }

    /// <summary>The candidate index in memory, for the writer only.</summary>
    public StoryKeyIndex? KeyIndex { get; private set; }

    /// <summary>Stories joined in the open transaction whose row does not hold their state yet.</summary>
    public IReadOnlyDictionary<long, PendingStory> Pending => _pending;

    public static StoryStateCache Of(DbConnection connection) => Caches.GetOrCreateValue(connection);

    /// <summary>The filter in front of the near-duplicate lookup, for the writer only. Unlike the rest it survives a
    /// rollback (bits left set only cost a lookup) and catches up on other connections' commits instead of starting over.</summary>
    public ReportBandFilter? BandFilter { get; private set; }

    /// <summary>The band rows of the open transaction, for the writer only (written by <see cref="StoryStore.WritePendingAsync"/>).</summary>
    public PendingBandRows? PendingBands { get; private set; }

    public void KeepWriterState()
    {
        KeepsWriterState = true;
        KeyIndex ??= new StoryKeyIndex();
        BandFilter ??= new ReportBandFilter();
        PendingBands ??= new PendingBandRows();
    }

    /// <summary>Empties the cache when another connection has committed since it was last checked. The writer checks
    /// once per transaction: it holds the write lock, so no other connection commits until it ends.</summary>
    public async Task CheckAsync(DbConnection connection, DbTransaction? tx)
    {
        if (KeepsWriterState && tx is not null && ReferenceEquals(tx, _checkedIn))
        {
            return;
        }

        var version = (long?)await connection.ScalarAsync(tx, "PRAGMA data_version");
        if (version != _dataVersion)
        {
            BandFilter?.OthersCommitted();
            Clear();
            _dataVersion = version;
        }

        _checkedIn = tx;
    }

    public bool TryGetKeyCount(string key, out long count) => _keyCounts.TryGetValue(key, out count);

    public void SetKeyCount(string key, long count)
    {
        if (_keyCounts.Count >= MaxKeyCounts && !_keyCounts.ContainsKey(key))
        {
            _keyCounts.Clear();
        }

        _keyCounts[key] = count;
    }

    /// <summary>One more story carries each of the keys: counts already kept move with the row.</summary>
    public void CountOneMore(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (_keyCounts.TryGetValue(key, out var count))
            {
                _keyCounts[key] = count + 1;
            }
        }
    }

    public bool TryGet(long id, out StoryState state) => _states.TryGetValue(id, out state!);

    public void Set(StoryState state)
    {
        if (_states.Count >= MaxStates && !_states.ContainsKey(state.Id))
        {
            // Pending states are the only copy of their story until the transaction writes them: they stay.
            foreach (var id in _states.Keys.Where(id => !_pending.ContainsKey(id)).ToList())
            {
                _states.Remove(id);
            }
        }

        _states[state.Id] = state;
    }

    public void Forget(long id) => _states.Remove(id);

    /// <summary>Shingle sets of the reports the writer stored or compared lately, kept so de-duplication compares a new
    /// report with a near-duplicate candidate without reading and shingling its text again. Candidates come back again
    /// and again (a family of similar reports shares bands), so the sets read for a comparison are kept too, and a set
    /// used again moves to the back of the line. Bounded by the shingles held (8 bytes each, 6.4 MB at most),
    /// whatever the store's size. Sets are kept as sorted arrays (8 bytes a shingle; a HashSet took about 30), so the
    /// same memory holds four times the sets: at 20,000 synthetic reports 200,000 shingles in sets re-read 2.6 texts a
    /// report, 800,000 in arrays 0.04.</summary>
    private const int MaxKeptShingles = 800_000;

    private int _keptShingles;
    private long _shingleStamp;

    /// <summary>Kept sets in the order they were kept or last used; an entry whose stamp is no longer its set's is stale.</summary>
    private readonly Queue<(long ReportId, long Stamp)> _shingleOrder = new();

    public bool TryGetShingles(long reportId, out ulong[] shingles)
    {
        if (!_shingles.TryGetValue(reportId, out var kept))
        {
            shingles = null!;
            return false;
        }

        shingles = kept.Shingles;
        _shingles[reportId] = (kept.Shingles, ++_shingleStamp);
        _shingleOrder.Enqueue((reportId, _shingleStamp));
        TrimShingleOrder();
        return true;
    }

    /// <summary>The report's stored text has these shingles (writer only).</summary>
    public void SetShingles(long reportId, ulong[] shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        if (!KeepsWriterState)
        {
            return;
        }

        if (_shingles.Remove(reportId, out var replaced))
        {
            _keptShingles -= replaced.Shingles.Length;
        }

        while (_keptShingles + shingles.Length > MaxKeptShingles && _shingleOrder.TryDequeue(out var oldest))
        {
            if (_shingles.TryGetValue(oldest.ReportId, out var dropped) && dropped.Stamp == oldest.Stamp)
            {
                _shingles.Remove(oldest.ReportId);
                _keptShingles -= dropped.Shingles.Length;
            }
        }

        _shingles[reportId] = (shingles, ++_shingleStamp);
        _shingleOrder.Enqueue((reportId, _shingleStamp));
        _keptShingles += shingles.Length;
        TrimShingleOrder();
    }

    /// <summary>Drops the stale entries at the front of the line, and starts over if the line grows long with stale
    /// entries (sets used again and again): the line stays a few times the number of sets kept.</summary>
    private void TrimShingleOrder()
    {
        while (_shingleOrder.TryPeek(out var first) && (!_shingles.TryGetValue(first.ReportId, out var kept) || kept.Stamp != first.Stamp))
        {
            _shingleOrder.Dequeue();
        }

        if (_shingleOrder.Count > (4 * _shingles.Count) + 1024)
        {
            _shingleOrder.Clear();
            foreach (var (id, (_, stamp)) in _shingles.OrderBy(s => s.Value.Stamp))
            {
                _shingleOrder.Enqueue((id, stamp));
            }
        }
    }

    /// <summary>A report's write starts: what it changes from here on can be undone (<see cref="UndoReport"/>).</summary>
    public void BeginReport()
    {
        _undo.Clear();
        PendingBands?.BeginReport();
    }

    /// <summary>The writer joined a report to the story: its new state is kept and its row written later.</summary>
    public void Joined(StoryState state, string? leadTitle, long? leadReportId)
    {
        ArgumentNullException.ThrowIfNull(state);
        Remember(state.Id);
        var pending = _pending.GetValueOrDefault(state.Id) ?? new PendingStory(0, null, null);
        _pending[state.Id] = new PendingStory(
            pending.Joined + 1, leadTitle ?? pending.LeadTitle, leadTitle is null ? pending.LeadReportId : leadReportId);
        Set(state);
    }

    /// <summary>The story's row now holds its state (written by <see cref="StoryStore"/>).</summary>
    public void Written(long id)
    {
        Remember(id);
        _pending.Remove(id);
    }

    /// <summary>Puts back the pending stories as they were before the report whose savepoint was rolled back.</summary>
    public void UndoReport()
    {
        PendingBands?.UndoReport();
        foreach (var (id, (state, pending)) in _undo)
        {
            if (pending is null)
            {
                _pending.Remove(id);
            }
            else
            {
                _pending[id] = pending;
            }

            if (state is null)
            {
                _states.Remove(id);
            }
            else
            {
                _states[id] = state;
            }
        }

        _undo.Clear();
    }

    /// <summary>Drops everything kept; pending stories must have been written (or rolled back with the transaction).</summary>
    public void Clear()
    {
        _states.Clear();
        _keyCounts.Clear();
        _pending.Clear();
        _undo.Clear();
        _shingles.Clear();
        _shingleOrder.Clear();
        _keptShingles = 0;
        KeyIndex?.Clear();
        PendingBands?.Clear();
        StoryCount = null;
        _checkedIn = null;
    }

    private void Remember(long id)
    {
        if (!_undo.ContainsKey(id))
        {
            _undo[id] = (_states.GetValueOrDefault(id), _pending.GetValueOrDefault(id));
        }
    }
}

/// <summary>What a story's row lacks of its kept state: reports joined, and the last report that became its lead.</summary>
internal sealed record PendingStory(int Joined, string? LeadTitle, long? LeadReportId);
