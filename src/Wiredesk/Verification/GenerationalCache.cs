using System.Collections.Concurrent;

namespace Wiredesk.Verification;

/// <summary>A bounded memo that forgets by age. Entries go into the current generation; when it holds
/// <c>max</c> entries it becomes the previous one and the one before it is dropped. A hit in the previous generation
/// is carried into the current one, so an entry in use stays, and every entry is kept for at least the next
/// <c>max</c> − 1 additions (a cache emptied when full forgets everything at once, including what the next lookup
/// needs). At most 2 × <c>max</c> entries. Thread-safe.</summary>
internal sealed class GenerationalCache<TKey, TValue>
    where TKey : notnull
{
    // More lock stripes than the default (one per core): workers add at once, and an add takes its stripe's lock.
    private const int Stripes = 32;

    private readonly int _max;
    private readonly IEqualityComparer<TKey>? _comparer;
    private volatile Generation _current;
    private volatile Generation _previous;

    public GenerationalCache(int max, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        _max = max;
        _comparer = comparer;
        _current = new Generation(max, comparer);
        _previous = new Generation(max, comparer);
    }

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_current.Map.TryGetValue(key, out value!))
        {
            return true;
        }

        if (_previous.Map.TryGetValue(key, out value!))
        {
            Add(key, value);
            return true;
        }

        return false;
    }

    public void Add(TKey key, TValue value)
    {
        var current = _current;
        // Exactly one add sees the count reach the bound, so one thread turns the generation over; an add that
        // raced it lands in what is now the previous generation, which is still read.
        if (current.Map.TryAdd(key, value) && Interlocked.Increment(ref current.Count) == _max)
        {
            _previous = current;
            _current = new Generation(_max, _comparer);
        }
    }

    /// <summary>Sized for a full generation from the start: a concurrent dictionary grows by taking every stripe's
    /// lock, and a small cache turned over every few hundred additions grew again and again, each time stalling every
    /// thread that was adding (a fifth of drafting's time went to waiting on those locks).</summary>
    private sealed class Generation(int max, IEqualityComparer<TKey>? comparer)
    {
        public readonly ConcurrentDictionary<TKey, TValue> Map = new(Stripes, max + Stripes, comparer);
        public int Count;
    }
}
