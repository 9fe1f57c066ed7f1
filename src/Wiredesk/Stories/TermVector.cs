using System.Runtime.InteropServices;

namespace Wiredesk.Stories;

/// <summary>A report's or a story's words as a unit-length sparse vector: content words (stop words dropped, a plain
/// plural "s" folded), sublinear term frequency, title words counted three times because a title names the event.
/// Only the strongest <see cref="MaxTerms"/> terms are kept, so a story's centroid stays small in the store.</summary>
public sealed class TermVector
{
    public const int MaxTerms = 48;
    private const int TitleWeight = 3;

    private TermVector(IReadOnlyDictionary<string, double> weights) => Weights = weights;

    public IReadOnlyDictionary<string, double> Weights { get; }

    public static TermVector Empty { get; } = new(new Dictionary<string, double>());

    public static TermVector Of(string title, string text)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        // Sized for a typical report's distinct terms, so the table is not rebuilt as it fills.
        var counts = new Dictionary<string, int>(256, StringComparer.Ordinal);
        CountTerms(title, TitleWeight, counts);
        CountTerms(text, 1, counts);
        var weights = new KeyValuePair<string, double>[counts.Count];
        var i = 0;
        foreach (var (term, count) in counts)
        {
            weights[i++] = new(term, 1 + Math.Log(count));
        }

        return Normalized(weights);
    }

    public static TermVector FromWeights(IReadOnlyDictionary<string, double> weights) => Normalized(weights);

    public double Cosine(TermVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (small, large) = Weights.Count <= other.Weights.Count ? (Weights, other.Weights) : (other.Weights, Weights);
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
        foreach (var (term, weight) in Weights)
        {
            merged.Add(term, weight * reportsBefore);
        }

        foreach (var (term, weight) in report.Weights)
        {
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, term, out _);
            sum += weight;
        }

        return Normalized(merged);
    }

    private static TermVector Normalized(IReadOnlyDictionary<string, double> weights) => Normalized([.. weights]);

    /// <summary>The strongest <see cref="MaxTerms"/> terms (ties by term, so the choice never depends on order),
    /// scaled to unit length. Sorts <paramref name="weights"/> in place.</summary>
    private static TermVector Normalized(KeyValuePair<string, double>[] weights)
    {
        // Terms are distinct, so this order is total and an in-place sort picks what a stable sort would.
        Array.Sort(weights, static (a, b) => b.Value.CompareTo(a.Value) is var byWeight and not 0 ? byWeight : string.CompareOrdinal(a.Key, b.Key));
        var top = weights.AsSpan(0, Math.Min(MaxTerms, weights.Length));
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
    /// hundreds of words and only the first occurrence of a term becomes a string.</summary>
    private static void CountTerms(string text, int weight, Dictionary<string, int> counts)
    {
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
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
                    var term = Term(lower);
                    if (!term.IsEmpty)
                    {
                        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, term, out _);
                        count += weight;
                    }
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
