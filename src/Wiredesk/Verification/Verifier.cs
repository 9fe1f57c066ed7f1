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
        _facts.Add((id, text), prepared);
        return prepared;
    }

    /// <summary>The analyzer's reading of a claim (what the checks read: no sentences or topics). Drafting verifies the same sentence more than once (when it is
    /// chosen, and again as part of the finished draft), so readings are kept in a bounded set. The analysis
    /// depends only on the text and the day it is read as of.</summary>
    private ReportAnalysis AnalyzeClaim(string sentence, DateTimeOffset? published)
    {
        var key = (sentence, published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : (DateOnly?)null);
        if (_claims.TryGetValue(key, out var analysis))
        {
            return analysis;
        }

        analysis = _analyzer.ReadClaim(sentence, published);
        _claims.Add(key, analysis);
        return analysis;
    }

    private const int MaxPreparedFacts = 2_048;
    // Bounds by measurement (docs/verification.md, "Speed"): a claim's reading is asked again within the draft that
    // made it, a verdict by that draft's gate and the `verify` of it that follows; what outlives a few collections
    // is copied by each of them, so the memos hold little more than the drafts in progress need.
    private const int MaxClaims = 256;
    private const int MaxVerdicts = 1_024;
    private readonly GenerationalCache<(string Id, string Text), VerificationSource> _facts = new(MaxPreparedFacts);
    private readonly GenerationalCache<(string Sentence, DateOnly? Day), ReportAnalysis> _claims = new(MaxClaims);
    private readonly GenerationalCache<VerdictKey, SentenceVerdict> _verdicts = new(MaxVerdicts);
    private readonly GenerationalCache<VerdictKey, bool> _rejected = new(MaxVerdicts);

    /// <summary>Verifies one sentence. Provenance spans, when the writer gave them, are preferred among equally good
    /// alignments but are never taken on trust.</summary>
    public SentenceVerdict Verify(string sentence, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(sources);

        // A verdict is a pure function of the sentence, the exact sources (immutable objects, so the object is the
        // version) and the provenance: the writer's check of a sentence it keeps, the finished draft's gate and a
        // later `verify` of the same draft ask the same question. Any other text — an editor's edit — is judged
        // in full.
        var key = new VerdictKey(sentence, sources, provenance);
        if (_verdicts.TryGetValue(key, out var known))
        {
            return known;
        }

        var verdict = Judge(sentence, sources, provenance);
        _verdicts.Add(key, verdict);
        return verdict;
    }

    /// <summary>Whether the sentence is supported, and nothing more: what the writer asks of each candidate it
    /// considers. A supported sentence passed every check, so its verdict is the full one and goes into the memo
    /// (the finished draft's gate asks the same question); a rejected one stops at the first failing check, and
    /// since its reasons were not all gathered it is only remembered as rejected, never as a verdict.</summary>
    internal bool Supports(string sentence, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance = null)
    {
        var key = new VerdictKey(sentence, sources, provenance);
        if (_verdicts.TryGetValue(key, out var known))
        {
            return known.Supported;
        }

        if (_rejected.TryGetValue(key, out _))
        {
            return false;
        }

        if (Judge(sentence, sources, provenance, stopAtFirstFailure: true) is not { } verdict)
        {
            _rejected.Add(key, true);
            return false;
        }

        _verdicts.Add(key, verdict);
        return true;
    }

    private SentenceVerdict Judge(string sentence, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance) =>
        Judge(sentence, sources, provenance, stopAtFirstFailure: false)!;

    /// <summary>The verdict; with <paramref name="stopAtFirstFailure"/>, null as soon as one check fails.</summary>
    private SentenceVerdict? Judge(string sentence, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance, bool stopAtFirstFailure)
    {
        var words = Words.Split(sentence);
        var evidence = Alignment.Align(words, sources, provenance);
        if (evidence.Count == 0)
        {
            return stopAtFirstFailure ? null : new SentenceVerdict(sentence, false, [new VerificationReason(AlignmentCheck, "no source sentence shares its words", sentence.Trim())], []);
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
                if (stopAtFirstFailure)
                {
                    return null;
                }

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

/// <summary>What a verdict depends on: the sentence, its sources in order (by identity: a prepared source never
/// changes, and its serial number names that object alone) and its provenance spans. Copies what it needs, since
/// callers may grow their lists afterwards, and holds no source: a remembered verdict does not keep the sources'
/// prepared words alive.</summary>
internal sealed class VerdictKey : IEquatable<VerdictKey>
{
    private readonly string _sentence;
    private readonly long[] _sources;
    private readonly SourceSpan[] _provenance;
    private readonly int _hash;

    public VerdictKey(string sentence, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance)
    {
        _sentence = sentence;
        _sources = new long[sources.Count];
        for (var i = 0; i < _sources.Length; i++)
        {
            _sources[i] = sources[i].Serial;
        }

        _provenance = provenance is null or { Count: 0 } ? [] : [.. provenance];
        var hash = new HashCode();
        hash.Add(sentence, StringComparer.Ordinal);
        foreach (var source in _sources)
        {
            hash.Add(source);
        }

        foreach (var span in _provenance)
        {
            hash.Add(span);
        }

        _hash = hash.ToHashCode();
    }

    public bool Equals(VerdictKey? other) =>
        other is not null && other._hash == _hash && string.Equals(other._sentence, _sentence, StringComparison.Ordinal)
        && other._sources.AsSpan().SequenceEqual(_sources) && _provenance.AsSpan().SequenceEqual(other._provenance);

    public override bool Equals(object? obj) => Equals(obj as VerdictKey);

    public override int GetHashCode() => _hash;
}
