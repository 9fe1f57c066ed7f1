using System.Buffers;
using System.Runtime.InteropServices;

namespace Wiredesk.Stories;

/// <summary>A report's or a story's words as a unit-length sparse vector: content words (stop words dropped, a plain
/// plural "s" folded), sublinear term frequency, title words counted three times because a title names the event.
/// Only the strongest <see cref="MaxTerms"/> terms are kept, so a story's centroid stays small in the store.</summary>
public sealed class TermVector
{
    public const int MaxTerms = 48;
    private const int TitleWeight = 3;

    private TermVector(Dictionary<string, double> weights) => _weights = weights;

    /// <summary>The concrete table, so the cosine walks it without an enumerator allocated per call.</summary>
    private readonly Dictionary<string, double> _weights;

    public IReadOnlyDictionary<string, double> Weights => _weights;

    public static TermVector Empty { get; } = new(new Dictionary<string, double>());

    public static TermVector Of(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        var counter = t_counter ??= new TermCounter();
        counter.StartReport();
        CountTerms(title, TitleWeight, counter);
        CountTerms(text, 1, counter);
        var terms = counter.Terms;
        var weights = ArrayPool<KeyValuePair<string, double>>.Shared.Rent(terms.Count);
        try
        {
            for (var i = 0; i < terms.Count; i++)
            {
                weights[i] = new(terms[i].Term, 1 + Math.Log(terms[i].Count));
            }

            return Normalized(weights.AsSpan(0, terms.Count));
        }
        finally
        {
            ArrayPool<KeyValuePair<string, double>>.Shared.Return(weights, clearArray: true);
        }
    }

    [ThreadStatic]
    private static TermCounter? t_counter;

    public static TermVector FromWeights(IReadOnlyDictionary<string, double> weights) => Normalized(weights);

    public double Cosine(TermVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (small, large) = _weights.Count <= other._weights.Count ? (_weights, other._weights) : (other._weights, _weights);
        var sum = 0.0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var w))
            {
                sum += weight * w;
            }
        }

        return sum;
    }

    /// <summary>The running mean of a story's reports: the old centroid counts for the reports it already holds.</summary>
    public TermVector MergedWith(TermVector report, int reportsBefore)
    {
        ArgumentNullException.ThrowIfNull(report);
        var merged = new Dictionary<string, double>(Weights.Count + report.Weights.Count, StringComparer.Ordinal);
        foreach (var (term, weight) in _weights)
        {
            merged.Add(term, weight * reportsBefore);
        }

        foreach (var (term, weight) in report._weights)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, term, out _);
            sum += weight;
        }

        return Normalized(merged);
    }

    private static TermVector Normalized(IReadOnlyDictionary<string, double> weights) => Normalized([.. weights]);

    /// <summary>The strongest <see cref="MaxTerms"/> terms (ties by term, so the choice never depends on order),
    /// scaled to unit length. Sorts <paramref name="weights"/> in place.</summary>
    private static TermVector Normalized(Span<KeyValuePair<string, double>> weights)
    {
        // Terms are distinct, so this order is total and an in-place sort picks what a stable sort would.
        weights.Sort(static (a, b) => b.Value.CompareTo(a.Value) is var byWeight and not 0 ? byWeight : string.CompareOrdinal(a.Key, b.Key));
        var top = weights[..Math.Min(MaxTerms, weights.Length)];
        var sum = 0.0;
        foreach (var (_, weight) in top)
        {
            sum += weight * weight;
        }

        var norm = Math.Sqrt(sum);
        if (norm == 0)
        {
            return Empty;
        }

        var unit = new Dictionary<string, double>(top.Length, StringComparer.Ordinal);
        foreach (var (term, weight) in top)
        {
            unit.Add(term, Math.Round(weight / norm, 4));
        }

        return new TermVector(unit);
    }

    /// <summary>Adds <paramref name="weight"/> per occurrence of each term (a lowercased word of three letters or more,
    /// not a stop word, a plural "s" dropped). Words are lowercased into a buffer and looked up as spans: a report has
    /// hundreds of words, and a word this thread has seen before makes no string at all.</summary>
    private static void CountTerms(string text, int weight, TermCounter counts)
    {
        Span<char> buffer = stackalloc char[64];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && char.IsLetter(text[i]);
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                var length = i - start;
                if (length >= 3)
                {
                    var lower = length <= buffer.Length ? buffer[..length] : new char[length];
                    text.AsSpan(start, length).ToLowerInvariant(lower);
                    counts.Add(lower, weight);
                }

                start = -1;
            }
        }
    }

    private static ReadOnlySpan<char> Term(ReadOnlySpan<char> lower)
    {
        if (StopWordLookup.Contains(lower))
        {
            return [];
        }

        return lower.Length > 4 && lower[^1] == 's' && lower[^2] != 's' && lower[^2] != 'u' && lower[^2] != 'i' ? lower[..^1] : lower;
    }

    /// <summary>One thread's term counts. Words map to their term's counter (null for a stop word) in tables kept from
    /// report to report: news repeats its vocabulary, so after the first reports a word costs one lookup and no string.
    /// The tables are emptied before a report once they pass <see cref="MaxWords"/> entries, never during one, so
    /// within a report each term has exactly one counter.</summary>
    private sealed class TermCounter
    {
        private const int MaxWords = 50_000;

        private readonly Dictionary<string, TermCount?> _words = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TermCount> _terms = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TermCount?>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
        private readonly Dictionary<string, TermCount>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
        private int _report;

        public TermCounter()
        {
            _wordLookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
            _termLookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>The terms of the current report, in the order first met.</summary>
        public List<TermCount> Terms { get; } = [];

        public void StartReport()
        {
            if (_words.Count > MaxWords || _terms.Count > MaxWords)
            {
                _words.Clear();
                _terms.Clear();
            }

            _report++;
            Terms.Clear();
        }

        public void Add(ReadOnlySpan<char> lower, int weight)
        {
            if (!_wordLookup.TryGetValue(lower, out var counter))
            {
                var term = Term(lower);
                counter = term.IsEmpty ? null : CounterOf(term);
                _wordLookup[lower] = counter;
            }

            if (counter is null)
            {
                return;
            }

            if (counter.Report != _report)
            {
                counter.Report = _report;
                counter.Count = 0;
                Terms.Add(counter);
            }

            counter.Count += weight;
        }

        private TermCount CounterOf(ReadOnlySpan<char> term)
        {
            if (!_termLookup.TryGetValue(term, out var counter))
            {
                counter = new TermCount(term.ToString());
                _terms.Add(counter.Term, counter);
            }

            return counter;
        }
    }

    private sealed class TermCount(string term)
    {
        public string Term { get; } = term;

        public int Count { get; set; }

        /// <summary>The report the count belongs to; a counter left from an earlier report starts again at zero.</summary>
        public int Report { get; set; }
    }

    /// <summary>Function words and the verbs of attribution every report uses: they say nothing about the event.</summary>
    private static readonly HashSet<string> StopWords = new(
        """
        the and for are but not you all any can had her was one our out has him his how its may new now old see two way who
        did get let put say she too use that with have this will your from they know want been good much some time very when
        come here just like long make many more most only over such take than them well were what also into year years
        their there these those which while would could should about after again against because before being below
        between both during each further other same so then through under until where whom why said says saying told
        according added statement today yesterday week month monday tuesday wednesday thursday friday saturday sunday
        january february march april june july august september october november december per percent including
        within without across among around made make makes continue continued however whether another since still
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries),
        StringComparer.Ordinal);

    // After StopWords: static fields are initialised in the order they are written.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
}
