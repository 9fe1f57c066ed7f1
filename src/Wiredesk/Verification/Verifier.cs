using Wiredesk.Analysis;
using Wiredesk.Drafting;
using Wiredesk.Verification.Checks;

namespace Wiredesk.Verification;

/// <summary>Judges any sentence — machine, editor or LLM written, with or without provenance — against source
/// documents: it finds the source sentences the claim rests on itself, then runs every check against them; the
/// sentence is supported only when all pass. Holds read-only state and bounded caches of pure results (claim
/// readings, prepared facts); one instance serves many threads.</summary>
public sealed class Verifier
{
    private const string AlignmentCheck = "alignment";

    private readonly Analyzer _analyzer;
    private readonly IReadOnlyList<IVerificationCheck> _checks;

    public Verifier(Analyzer analyzer, IReadOnlyList<IVerificationCheck>? checks = null)
    {
        _analyzer = analyzer;
        _checks = checks ?? DefaultChecks;
    }

    /// <summary>Every check, in the order their reasons are reported.</summary>
    public static IReadOnlyList<IVerificationCheck> DefaultChecks { get; } =
    [
        new NameCheck(), new NumberCheck(), new DateCheck(), new QuoteCheck(), new SpeakerCheck(), new NegationCheck(), new UnsupportedContentCheck(),
    ];

    /// <summary>Analyses a source once, to be reused for every sentence verified against it.</summary>
    public VerificationSource Prepare(string id, string text, DateTimeOffset? published = null, string? name = null, string title = "") =>
        VerificationSource.Create(_analyzer, id, text, published, name, title);

    /// <summary>A short fact text (a knowledge-base fact a sentence cites) prepared as a source. The same facts are
    /// cited by many sentences and drafts, so their preparation is kept (a bounded set: cleared when full).</summary>
    public VerificationSource PrepareFact(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        if (_facts.TryGetValue((id, text), out var prepared))
        {
            return prepared;
        }

        prepared = Prepare(id, text);
        Remember(_facts, (id, text), prepared, ref _factCount, MaxPreparedFacts);
        return prepared;
    }

    /// <summary>The analyzer's reading of a claim. Drafting verifies the same sentence more than once (when it is
    /// chosen, and again as part of the finished draft), so readings are kept in a bounded set. The analysis
    /// depends only on the text and the day it is read as of.</summary>
    private ReportAnalysis AnalyzeClaim(string sentence, DateTimeOffset? published)
    {
        var key = (sentence, published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null);
        if (_claims.TryGetValue(key, out var analysis))
        {
            return analysis;
        }

        analysis = _analyzer.Analyze("", sentence, published);
        Remember(_claims, key, analysis, ref _claimCount, MaxClaims);
        return analysis;
    }

    /// <summary>Adds to a bounded cache; when full it is emptied (a plain count, since a concurrent dictionary's
    /// own Count takes every lock).</summary>
    private static void Remember<TKey, TValue>(System.Collections.Concurrent.ConcurrentDictionary<TKey, TValue> cache, TKey key, TValue value, ref int count, int max)
        where TKey : notnull
    {
        if (Interlocked.Increment(ref count) > max)
        {
            cache.Clear();
            Interlocked.Exchange(ref count, 0);
        }

        cache.TryAdd(key, value);
    }

    private const int MaxPreparedFacts = 4_096;
    private const int MaxClaims = 16_384;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Id, string Text), VerificationSource> _facts = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Sentence, DateOnly? Day), ReportAnalysis> _claims = new();
    private int _factCount;
    private int _claimCount;

    /// <summary>Verifies one sentence. Provenance spans, when the writer gave them, are preferred among equally good
    /// alignments but are never taken on trust.</summary>
    public SentenceVerdict Verify(string sentence, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(sources);

        var words = Words.Split(sentence);
        var evidence = Alignment.Align(words, sources, provenance);
        if (evidence.Count == 0)
        {
            return new SentenceVerdict(sentence, false, [new VerificationReason(AlignmentCheck, "no source sentence shares its words", sentence.Trim())], []);
        }

        // Relative dates in the claim ("on Wednesday") are read as of the source it rests on.
        var claim = new Claim(sentence, words, AnalyzeClaim(sentence, evidence[0].Source.Published));
        var context = new CheckContext(claim, evidence, sources);
        var reasons = new List<VerificationReason>();
        foreach (var check in _checks)
        {
            var result = check.Check(context);
            if (!result.Passed)
            {
                reasons.AddRange(result.Reasons);
            }
        }

        return new SentenceVerdict(sentence, reasons.Count == 0, reasons, EvidenceOf(claim, evidence, sources));
    }

    /// <summary>The aligned sentences, plus where each quote stands when that is outside them.</summary>
    private static List<EvidenceSpan> EvidenceOf(Claim claim, List<SourceUnit> evidence, IReadOnlyList<VerificationSource> sources)
    {
        var spans = evidence.Select(u => u.ToEvidence()).ToList();
        foreach (var (start, end) in claim.Quoted)
        {
            if (QuoteText.Find(claim.Text[start..end], sources) is { } at && !evidence.Exists(u => u.Source == at.Source && u.Contains(at.Start, at.End)))
            {
                spans.Add(new EvidenceSpan(at.Source.Id, at.Start, at.End, at.Source.Text[at.Start..at.End]));
            }
        }

        return spans;
    }
}
