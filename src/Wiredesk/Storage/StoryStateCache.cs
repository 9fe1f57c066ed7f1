using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Wiredesk.Storage;

/// <summary>Story states (profiles parsed from JSON), key counts and the story count kept with the connection that read
/// or wrote them. A batched ingest
/// writes through one connection and scores every report against a dozen stories, most of them scored many times;
/// parsing their profiles again for each report would cost more than the rest of the lookup. The cache is dropped
/// whenever another connection has committed (SQLite's data_version), and by the ingest when it rolls back.</summary>
internal sealed class StoryStateCache
{
    /// <summary>A few thousand profiles of up to 256 keys and 48 terms: tens of MB at most, whatever the store's size.</summary>
    private const int MaxStates = 4096;

    private static readonly ConditionalWeakTable<DbConnection, StoryStateCache> Caches = [];

    /// <summary>Key counts kept: a busy ingest meets the same few thousand entities again and again.</summary>
    private const int MaxKeyCounts = 65_536;

    private readonly Dictionary<long, StoryState> _states = [];
    private readonly Dictionary<string, long> _keyCounts = new(StringComparer.Ordinal);
    private long? _dataVersion;

    /// <summary>The highest story id, once read or written through this connection.</summary>
    public long? StoryCount { get; set; }

    public static StoryStateCache Of(DbConnection connection) => Caches.GetOrCreateValue(connection);

    /// <summary>Empties the cache when another connection has committed since it was last checked.</summary>
    public async Task CheckAsync(DbConnection connection, DbTransaction? tx)
    {
        var version = (long?)await connection.ScalarAsync(tx, "PRAGMA data_version");
        if (version != _dataVersion)
        {
            Clear();
            _dataVersion = version;
        }
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
            _states.Clear();
        }

        _states[state.Id] = state;
    }

    public void Forget(long id) => _states.Remove(id);

    public void Clear()
    {
        _states.Clear();
        _keyCounts.Clear();
        StoryCount = null;
    }
}
