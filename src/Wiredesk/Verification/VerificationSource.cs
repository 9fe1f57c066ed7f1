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
        Postings = IndexUnits(Units);
        Normalized = new(() => Verification.QuoteText.Normalize(text));
    }

    /// <summary>Each content key to the positions of the sentences that carry it, in text order: alignment looks
    /// up the claim's words here instead of testing every sentence against every word. A key repeated within one
    /// sentence is listed once: the sentence's position is already the list's last.</summary>
    private static Dictionary<string, List<int>> IndexUnits(SourceUnit[] units)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < units.Length; i++)
        {
            foreach (var w in units[i].Words)
            {
                if (!w.IsContent)
                {
                    continue;
                }

                if (!postings.TryGetValue(w.Key, out var list))
                {
                    postings[w.Key] = list = new List<int>(2);
                }

                if (list.Count == 0 || list[^1] != i)
                {
                    list.Add(i);
                }
            }
        }

        return postings;
    }

    /// <summary>The report id (or any name the caller uses for the document); evidence spans carry it.</summary>
    public string Id { get; }
    public string Text { get; }
    public ReportAnalysis Analysis { get; }
    public DateTimeOffset? Published { get; }
    /// <summary>The publisher ("U.S. Department of State"): a sentence may attribute itself to it.</summary>
    public string? Name { get; }

    internal HashSet<string> NameKeys { get; }
    internal SourceUnit[] Units { get; }
    internal Dictionary<string, List<int>> Postings { get; }
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
        if (Interlocked.Increment(ref _recentCount) > MaxRecent)
        {
            Recent.Clear();
            Interlocked.Exchange(ref _recentCount, 0);
        }

        Recent[analysis] = source;
        return source;
    }

    private const int MaxRecent = 256;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ReportAnalysis, VerificationSource> Recent = new(ReferenceEqualityComparer.Instance);
    private static int _recentCount;
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
