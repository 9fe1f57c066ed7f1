using Wiredesk.Analysis;

namespace Wiredesk.Tests.Quality;

/// <summary>Our analysis as an <see cref="Extraction"/> for the scorer.</summary>
public static class AnalysisExtraction
{
    public static Extraction From(ReportAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        IReadOnlyList<string> Names(params EntityType[] types) =>
            [.. analysis.Entities.Where(e => types.Contains(e.Type)).SelectMany(ScoredSurfaceForms)];
        var quotes = analysis.Quotes.Select(q => new ExtractedQuote(q.Text, SpeakerNames(q.Speaker, analysis))).ToList();
        return new Extraction(
            Names(EntityType.Person),
            Names(EntityType.Organization, EntityType.Company),
            Names(EntityType.Country, EntityType.Place),
            quotes,
            [.. analysis.Numbers.Select(n => n.Text)]);
    }

    /// <summary>The surface forms of an entity that count as names: not lower-case links ("the ministry"), and
    /// for people not a bare surname when the text also names the person in full (the gold convention lists
    /// "a bare surname ... where that is all the body gives").</summary>
    private static IEnumerable<string> ScoredSurfaceForms(Entity e)
    {
        var forms = e.Mentions.Where(m => !char.IsLower(m.Text[0])).Select(m => SurfaceMatch.Normalize(m.Text)).Distinct(StringComparer.Ordinal).ToList();
        return e.Type != EntityType.Person
            ? forms
            : forms.Where(f => f.Contains(' ', StringComparison.Ordinal) || !forms.Any(longer => longer.Length > f.Length && CorpusScorer.ContainsWords(longer, f)));
    }

    private static List<string> SpeakerNames(Speaker? speaker, ReportAnalysis analysis)
    {
        if (speaker is null)
        {
            return [];
        }

        var names = new List<string> { speaker.Name };
        if (analysis.Entities.FirstOrDefault(e => e.Id == speaker.EntityId) is { } entity)
        {
            names.Add(entity.Name);
            names.AddRange(entity.Mentions.Select(m => m.Text));
        }

        return names;
    }
}
