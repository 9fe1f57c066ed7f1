using System.Globalization;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Tests.Support;
using Xunit.Abstractions;

namespace Wiredesk.Tests.Quality;

/// <summary>Measures the analyzer against the hand-checked gold of every corpus document and prints a table
/// to paste into an issue note.
/// Scoring (also in docs/analysis.md):
/// - People, organisations, countries/places: per document, the distinct surface forms of our mentions of
///   each type against the gold list, both normalised by <see cref="SurfaceMatch.Normalize"/> (case, apostrophes,
///   hyphens, whitespace, surrounding punctuation). Our Country and Place both count as gold countries_places,
///   Organization and Company as organizations. Mentions that start with a lower-case letter ("the ministry"
///   linked to the ministry) are links, not names, and are not scored. Counts are summed over documents (micro average).
/// - Quotes: recall of gold quote texts. "exact": a found quote's text equals the gold text after normalisation
///   (which trims trailing punctuation on both). "within": the gold text lies, as whole words, inside one found
///   quote (gold annotators often keep one sentence or clause of a longer quote).
/// - Speakers: of the gold quotes found ("within"), the share whose gold speaker equals our speaker's Name, the
///   speaker entity's name, or the text of any mention of that entity (normalised); a null gold speaker needs a null speaker.
/// - Numbers: recall of gold numbers by <see cref="SurfaceMatch.Matches"/>.
/// Floors only ever rise; never lower one.</summary>
public sealed class AnalysisQualityTests(ITestOutputHelper output)
{
    // Floors only ever rise; never lower one. Acceptance: people, organisations, places P and R >= 0.90,
    // quotes >= 0.95, speakers >= 0.85, numbers recall >= 0.95.
    private const double PeoplePrecisionFloor = 1.00;
    private const double PeopleRecallFloor = 0.90;
    private const double OrganizationsPrecisionFloor = 0.92;
    private const double OrganizationsRecallFloor = 0.95;
    private const double PlacesPrecisionFloor = 0.96;
    private const double PlacesRecallFloor = 0.93;
    private const double QuotesExactFloor = 0.96;
    private const double QuotesWithinFloor = 1.00;
    private const double SpeakersFloor = 0.92;
    private const double NumbersRecallFloor = 0.98;

    private static readonly Lazy<Analyzer> SharedAnalyzer = new(() => new Analyzer(KnowledgeBase.LoadDefault()));

    [Fact]
    public void Corpus_quality_meets_the_floors()
    {
        var analyzer = SharedAnalyzer.Value;
        var docs = Corpus.Documents.Where(d => d.Gold is not null).ToList();
        Assert.NotEmpty(docs);

        var score = new CorpusScorer();
        foreach (var doc in docs)
        {
            score.Add(doc, AnalysisExtraction.From(analyzer.Analyze(doc.Title, doc.Body, ParsePublished(doc.Published))));
        }

        output.WriteLine($"Analysis quality over {docs.Count} corpus documents with gold (analyzer version {Analyzer.Version})");
        output.WriteLine("");
        output.WriteLine(CorpusScorer.Table([("Wiredesk", score)]));
        output.WriteLine("Misses and extras per document:");
        output.WriteLine(score.Misses.ToString());

        var (people, orgs, places) = (score.People, score.Organizations, score.Places);
        var (quotesExact, quotesWithin, speakers, numbers) = (score.QuotesExact, score.QuotesWithin, score.Speakers, score.Numbers);
        Assert.True(people.Precision >= PeoplePrecisionFloor, $"people precision {people.Precision:F3} < {PeoplePrecisionFloor}");
        Assert.True(people.Recall >= PeopleRecallFloor, $"people recall {people.Recall:F3} < {PeopleRecallFloor}");
        Assert.True(orgs.Precision >= OrganizationsPrecisionFloor, $"organisations precision {orgs.Precision:F3} < {OrganizationsPrecisionFloor}");
        Assert.True(orgs.Recall >= OrganizationsRecallFloor, $"organisations recall {orgs.Recall:F3} < {OrganizationsRecallFloor}");
        Assert.True(places.Precision >= PlacesPrecisionFloor, $"places precision {places.Precision:F3} < {PlacesPrecisionFloor}");
        Assert.True(places.Recall >= PlacesRecallFloor, $"places recall {places.Recall:F3} < {PlacesRecallFloor}");
        Assert.True(quotesExact.Recall >= QuotesExactFloor, $"quotes exact {quotesExact.Recall:F3} < {QuotesExactFloor}");
        Assert.True(quotesWithin.Recall >= QuotesWithinFloor, $"quotes within {quotesWithin.Recall:F3} < {QuotesWithinFloor}");
        Assert.True(speakers.Recall >= SpeakersFloor, $"speakers {speakers.Recall:F3} < {SpeakersFloor}");
        Assert.True(numbers.Recall >= NumbersRecallFloor, $"numbers recall {numbers.Recall:F3} < {NumbersRecallFloor}");
    }

    private static DateTimeOffset? ParsePublished(string? published) =>
        DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p) ? p : null;
}
