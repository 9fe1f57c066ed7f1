using System.Globalization;
using System.Text;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Tests.Support;
using Wiredesk.Verification;
using Xunit.Abstractions;

namespace Wiredesk.Tests.Quality;

/// <summary>The verifier benchmark of issue 3 §4. For each sentence (six words or more) of every corpus document,
/// <see cref="SentenceVariants"/> writes faithful rewrites (verbatim, compressed, attribution restated, clauses
/// reordered) and corrupted ones (a name swapped for another of the same text, a number or unit changed, a date
/// shifted, a negation added or removed, a word inside a quote changed, a quote given to another speaker, an
/// unsupported clause appended), each by a general rule and only where the rule applies. Every variant is
/// verified against the document's body and title; the test prints a confusion table per kind and asserts floors.
/// Targets: at least 0.98 of corrupted variants flagged in every kind, at most 0.03 of faithful ones flagged.
/// Floors only ever rise; never lower one.</summary>
public sealed class VerifierQualityTests(ITestOutputHelper output)
{
    /// <summary>Share of faithful variants (all four kinds together) the verifier passes.</summary>
    private const double FaithfulPassedFloor = 1.0;
    private const double NameSwappedFlaggedFloor = 1.0;
    private const double NumberChangedFlaggedFloor = 1.0;
    private const double DateShiftedFlaggedFloor = 1.0;
    private const double NegationFlippedFlaggedFloor = 1.0;
    private const double QuoteWordChangedFlaggedFloor = 1.0;
    private const double QuoteSpeakerChangedFlaggedFloor = 1.0;
    private const double ClauseAppendedFlaggedFloor = 1.0;

    private const int MinimumWords = 6;
    private const int ExamplesPerKind = 6;

    [Fact]
    public void Verifier_flags_corrupted_variants_and_passes_faithful_ones()
    {
        var analyzer = new Analyzer(KnowledgeBase.LoadDefault());
        var verifier = new Verifier(analyzer);
        var kinds = SentenceVariants.FaithfulKinds.Concat(SentenceVariants.CorruptedKinds).ToList();
        var tallies = kinds.ToDictionary(k => k, _ => new Tally());
        var documents = Corpus.Documents;
        Assert.NotEmpty(documents);

        for (var d = 0; d < documents.Count; d++)
        {
            var doc = documents[d];
            var published = ParsePublished(doc.Published);
            var publisher = Publisher(doc.Source);
            var analysis = analyzer.Analyze(doc.Title, doc.Body, published);
            VerificationSource[] sources =
            [
                VerificationSource.FromAnalysis(doc.Id, doc.Body, analysis, published, publisher),
                verifier.Prepare(doc.Id + "/title", doc.Title, published, publisher),
            ];
            for (var i = 0; i < analysis.Sentences.Count; i++)
            {
                var sentence = analysis.Sentences[i];
                if (sentence.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinimumWords)
                {
                    continue;
                }

                var variants = new SentenceVariants(doc.Body, analysis, sentence, publisher, (d * 31) + i);
                foreach (var kind in kinds)
                {
                    var tally = tallies[kind];
                    if (variants.Make(kind) is not { } text)
                    {
                        tally.Skipped++;
                        continue;
                    }

                    var verdict = verifier.Verify(text, sources);
                    tally.Made++;
                    var faithful = SentenceVariants.FaithfulKinds.Contains(kind);
                    if (!verdict.Supported)
                    {
                        tally.Flagged++;
                        foreach (var check in verdict.Reasons.Select(r => r.Check).Distinct())
                        {
                            tally.Checks[check] = tally.Checks.GetValueOrDefault(check) + 1;
                        }
                    }

                    if (verdict.Supported == !faithful && tally.Examples.Count < ExamplesPerKind)
                    {
                        tally.Examples.Add($"  {doc.Id}#{i} {(faithful ? "flagged" : "missed")}: {text}\n      source: {sentence.Text}\n      reasons: {string.Join(" | ", verdict.Reasons)}\n      evidence: {string.Join(" | ", verdict.Evidence.Select(e => $"{e.Report}:{e.Start}-{e.End}"))}");
                    }
                }
            }
        }

        output.WriteLine(Table(tallies));
        output.WriteLine("Checks that flagged each kind (a variant may be flagged by several):");
        foreach (var (kind, tally) in tallies.Where(t => t.Value.Checks.Count > 0))
        {
            output.WriteLine($"  {kind}: {string.Join(", ", tally.Checks.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}"))}");
        }

        foreach (var (kind, tally) in tallies.Where(t => t.Value.Examples.Count > 0))
        {
            output.WriteLine($"{kind}:");
            tally.Examples.ForEach(output.WriteLine);
        }

        var faithfulTallies = SentenceVariants.FaithfulKinds.Select(k => tallies[k]).ToList();
        var faithfulPassed = 1 - ((double)faithfulTallies.Sum(t => t.Flagged) / faithfulTallies.Sum(t => t.Made));
        Assert.True(faithfulTallies.TrueForAll(t => t.Made > 0), "a faithful kind made no variants");
        Assert.True(faithfulPassed >= FaithfulPassedFloor, $"faithful passed {faithfulPassed:F3} < {FaithfulPassedFloor}");
        AssertFlagged(tallies["name swapped"], NameSwappedFlaggedFloor, "name swapped");
        AssertFlagged(tallies["number changed"], NumberChangedFlaggedFloor, "number changed");
        AssertFlagged(tallies["date shifted"], DateShiftedFlaggedFloor, "date shifted");
        AssertFlagged(tallies["negation flipped"], NegationFlippedFlaggedFloor, "negation flipped");
        AssertFlagged(tallies["quote word changed"], QuoteWordChangedFlaggedFloor, "quote word changed");
        AssertFlagged(tallies["quote speaker changed"], QuoteSpeakerChangedFlaggedFloor, "quote speaker changed");
        AssertFlagged(tallies["clause appended"], ClauseAppendedFlaggedFloor, "clause appended");
    }

    private static void AssertFlagged(Tally tally, double floor, string kind)
    {
        Assert.True(tally.Made > 0, $"{kind}: no variants made");
        Assert.True(tally.Rate >= floor, $"{kind}: flagged {tally.Rate:F3} < {floor}");
    }

    private static string Table(Dictionary<string, Tally> tallies)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| variant kind | class | variants | flagged | passed | flagged share | sentences skipped |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var (kind, t) in tallies)
        {
            var cls = SentenceVariants.FaithfulKinds.Contains(kind) ? "faithful" : "corrupted";
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {kind} | {cls} | {t.Made} | {t.Flagged} | {t.Made - t.Flagged} | {t.Rate:F3} | {t.Skipped} |");
        }

        var faithful = tallies.Where(t => SentenceVariants.FaithfulKinds.Contains(t.Key)).Select(t => t.Value).ToList();
        var corrupted = tallies.Where(t => !SentenceVariants.FaithfulKinds.Contains(t.Key)).Select(t => t.Value).ToList();
        sb.AppendLine(CultureInfo.InvariantCulture, $"| all faithful | faithful | {faithful.Sum(t => t.Made)} | {faithful.Sum(t => t.Flagged)} | {faithful.Sum(t => t.Made - t.Flagged)} | {(double)faithful.Sum(t => t.Flagged) / Math.Max(1, faithful.Sum(t => t.Made)):F3} | |");
        sb.AppendLine(CultureInfo.InvariantCulture, $"| all corrupted | corrupted | {corrupted.Sum(t => t.Made)} | {corrupted.Sum(t => t.Flagged)} | {corrupted.Sum(t => t.Made - t.Flagged)} | {(double)corrupted.Sum(t => t.Flagged) / Math.Max(1, corrupted.Sum(t => t.Made)):F3} | |");
        return sb.ToString();
    }

    /// <summary>The publisher as a sentence would attribute to it: the corpus source field up to its first
    /// parenthesis or comma ("U.S. Department of State, Office of ..." → "U.S. Department of State").</summary>
    private static string Publisher(string? source)
    {
        var name = source ?? "the source";
        var cut = name.IndexOfAny(['(', ',']);
        return (cut > 0 ? name[..cut] : name).Trim();
    }

    private static DateTimeOffset? ParsePublished(string? published) =>
        DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private sealed class Tally
    {
        public int Made { get; set; }
        public int Flagged { get; set; }
        public int Skipped { get; set; }
        public List<string> Examples { get; } = [];
        public Dictionary<string, int> Checks { get; } = [];
        public double Rate => Made == 0 ? 0 : (double)Flagged / Made;
    }
}
