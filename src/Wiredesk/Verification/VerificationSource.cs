using Wiredesk.Analysis;

namespace Wiredesk.Verification;

/// <summary>A source document made ready for verification once (analysis, words per sentence, quote-normalised
/// text) and reused for every sentence checked against it. Immutable; safe to share between threads.</summary>
public sealed class VerificationSource
{
    private VerificationSource(string id, string text, ReportAnalysis analysis, DateTimeOffset? published, string? name)
    {
        Id = id;
        Text = text;
        Analysis = analysis;
        Published = published;
        Name = name;
        NameKeys = name is null ? [] : [.. Words.SplitShort(name).Where(w => w.IsContent).Select(w => w.Key)];
        Units = [.. analysis.Sentences.Select(s => new SourceUnit(this, s.Start, s.End, Words.Split(text, s.Start, s.End)))];
        Postings = UnitIndex.Build(Units);
        Normalized = new(() => Verification.QuoteText.Normalize(text));
    }

    /// <summary>This object's number, unique in the process (never reused): the verifier's verdict memo names its
    /// sources by it, so a remembered verdict does not keep the sources' prepared words and indexes alive.</summary>
    internal long Serial { get; } = Interlocked.Increment(ref _serials);

    /// <summary>The report id (or any name the caller uses for the document); evidence spans carry it.</summary>
    public string Id { get; }
    public string Text { get; }
    public ReportAnalysis Analysis { get; }
    public DateTimeOffset? Published { get; }
    /// <summary>The publisher ("U.S. Department of State"): a sentence may attribute itself to it.</summary>
    public string? Name { get; }

    internal HashSet<string> NameKeys { get; }
    internal SourceUnit[] Units { get; }
    /// <summary>Each content key to the positions of the sentences that carry it: alignment looks up the claim's
    /// words here instead of testing every sentence against every word.</summary>
    internal UnitIndex Postings { get; }
    /// <summary>The text with quote marks, apostrophes and hyphens normalised, and each of its characters' offset
    /// in <see cref="Text"/>: only quotes are looked up in it, so it is made on first use.</summary>
    internal string NormalizedText => Normalized.Value.Text;
    internal int[] NormalizedMap => Normalized.Value.Map;

    private Lazy<(string Text, int[] Map)> Normalized { get; }

    public static VerificationSource Create(Analyzer analyzer, string id, string text, DateTimeOffset? published = null, string? name = null, string title = "")
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        return new VerificationSource(id, text, analyzer.Analyze(title, text, published), published, name);
    }

    /// <summary>For a report analysed already (a stored analysis): no second analysis. The same analysis object
    /// is often prepared again soon (the writer, then the verification of its draft; an earlier report cited by
    /// several drafts), so the most recent preparations are kept, keyed by the analysis object itself.</summary>
    public static VerificationSource FromAnalysis(string id, string text, ReportAnalysis analysis, DateTimeOffset? published = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (Recent.TryGetValue(analysis, out var known) && known.Id == id && string.Equals(known.Text, text, StringComparison.Ordinal)
            && known.Published == published && known.Name == name)
        {
            return known;
        }

        var source = new VerificationSource(id, text, analysis, published, name);
        Recent.Add(analysis, source);
        return source;
    }

    private const int MaxRecent = 32;
    private static readonly GenerationalCache<ReportAnalysis, VerificationSource> Recent = new(MaxRecent, ReferenceEqualityComparer.Instance);
    private static long _serials;
}

/// <summary>One sentence of a source: the unit the alignment picks as evidence.</summary>
internal sealed class SourceUnit
{
    public SourceUnit(VerificationSource source, int start, int end, Word[] words)
    {
        Source = source;
        Start = start;
        End = end;
        Words = words;
    }

    public VerificationSource Source { get; }
    public int Start { get; }
    public int End { get; }
    public Word[] Words { get; }
    /// <summary>The sentence's content keys, made on first use: only the few sentences a claim aligns with are
    /// ever asked, so a source's preparation does not build a set for every sentence. (Two threads may both
    /// build it; the sets are equal.)</summary>
    public HashSet<string> Keys => _keys ??= ContentKeys(Words);

    private HashSet<string>? _keys;

    private static HashSet<string> ContentKeys(Word[] words)
    {
        var keys = new HashSet<string>(words.Length, StringComparer.Ordinal);
        foreach (var w in words)
        {
            if (w.IsContent)
            {
                keys.Add(w.Key);
            }
        }

        return keys;
    }

    /// <summary>Ids of the entities named in this sentence (computed on first use).</summary>
    public HashSet<string> EntityIds => _entityIds ??= [.. Source.Analysis.Entities.Where(e => e.Mentions.Any(m => Contains(m.Start, m.End))).Select(e => e.Id)];

    private HashSet<string>? _entityIds;

    /// <summary>The source's numbers and dates inside this sentence, in text order (computed on first use).</summary>
    public NumberMention[] Numbers => _numbers ??= [.. Source.Analysis.Numbers.Where(n => Contains(n.Start, n.End))];

    public DateMention[] Dates => _dates ??= [.. Source.Analysis.Dates.Where(d => Contains(d.Start, d.End))];

    private NumberMention[]? _numbers;
    private DateMention[]? _dates;

    public bool Contains(int start, int end) => start >= Start && end <= End;

    public EvidenceSpan ToEvidence() => new(Source.Id, Start, End, Source.Text[Start..End]);
}

/// <summary>Each content key of a source to the positions of the sentences carrying it, in text order, a key
/// repeated within one sentence listed once. Kept compact — one map from key to number and two arrays, instead of a
/// list per key — because prepared sources outlive a draft (the recent preparations are kept) and every object they
/// hold is copied by each collection they survive.</summary>
internal sealed class UnitIndex
{
    private readonly Dictionary<string, int> _keys;
    private readonly int[] _starts;
    private readonly int[] _units;

    private UnitIndex(Dictionary<string, int> keys, int[] starts, int[] units)
    {
        _keys = keys;
        _starts = starts;
        _units = units;
    }

    /// <summary>The positions of the sentences carrying the key, ascending; empty when none does.</summary>
    public ReadOnlySpan<int> UnitsWith(string key) =>
        _keys.TryGetValue(key, out var k) ? _units.AsSpan(_starts[k], _starts[k + 1] - _starts[k]) : default;

    public static UnitIndex Build(SourceUnit[] units)
    {
        // Number the keys in order of first use and list (key, sentence) pairs in text order, then place each key's
        // sentences together (a counting sort: the pairs are in text order, so each key's run stays ascending).
        // The working lists are kept per thread (every source a draft meets is indexed); only the result is new.
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        var pairKeys = Reset(ref _pairKeys);
        var pairUnits = Reset(ref _pairUnits);
        var last = Reset(ref _last);
        for (var i = 0; i < units.Length; i++)
        {
            foreach (var w in units[i].Words)
            {
                if (!w.IsContent)
                {
                    continue;
                }

                if (!keys.TryGetValue(w.Key, out var k))
                {
                    keys[w.Key] = k = last.Count;
                    last.Add(-1);
                }

                if (last[k] != i)
                {
                    last[k] = i;
                    pairKeys.Add(k);
                    pairUnits.Add(i);
                }
            }
        }

        var starts = new int[last.Count + 1];
        foreach (var k in pairKeys)
        {
            starts[k + 1]++;
        }

        for (var k = 0; k < last.Count; k++)
        {
            starts[k + 1] += starts[k];
        }

        var filled = last;
        for (var k = 0; k < filled.Count; k++)
        {
            filled[k] = starts[k];
        }

        var sorted = new int[pairKeys.Count];
        for (var p = 0; p < pairKeys.Count; p++)
        {
            sorted[filled[pairKeys[p]]++] = pairUnits[p];
        }

        return new UnitIndex(keys, starts, sorted);
    }

    [ThreadStatic]
    private static List<int>? _pairKeys;
    [ThreadStatic]
    private static List<int>? _pairUnits;
    [ThreadStatic]
    private static List<int>? _last;

    private static List<int> Reset(ref List<int>? list)
    {
        list ??= new List<int>(1_024);
        list.Clear();
        return list;
    }
}
