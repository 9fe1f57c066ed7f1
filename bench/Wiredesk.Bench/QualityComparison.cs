using System.Globalization;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Tests.Quality;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>Entity, quote and number figures on the corpus, ours beside compromise's, scored by the quality
/// test's own scorer so the two columns mean the same thing.</summary>
public static class QualityComparison
{
    public static async Task RunAsync(bool peer)
    {
        Console.WriteLine();
        var docs = Corpus.Documents.Where(d => d.Gold is not null).ToList();
        Console.WriteLine($"## Analysis quality on the corpus ({docs.Count} documents with gold)");
        var analyzer = new Analyzer(KnowledgeBase.LoadDefault());
        var ours = new CorpusScorer();
        foreach (var doc in docs)
        {
            var published = DateTimeOffset.TryParse(doc.Published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var p) ? p : (DateTimeOffset?)null;
            ours.Add(doc, AnalysisExtraction.From(analyzer.Analyze(doc.Title, doc.Body, published)));
        }

        var engines = new List<(string, CorpusScorer)> { ("Wiredesk", ours) };
        if (peer && await Peer.RunAsync("extract", TestPaths.CorpusFolder) is { } output)
        {
            var theirs = new CorpusScorer();
            var byId = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .ToDictionary(e => e.GetProperty("id").GetString()!);
            foreach (var doc in docs)
            {
                theirs.Add(doc, byId.TryGetValue(doc.Id, out var found) ? FromPeer(found) : new Extraction([], [], [], [], []));
            }

            engines.Add(("compromise", theirs));
        }

        Console.WriteLine(CorpusScorer.Table(engines));
        Console.WriteLine("compromise attributes no quotes to speakers, so it scores a speaker only where the gold has none.");
    }

    private static Extraction FromPeer(JsonElement found)
    {
        string[] Strings(string name) => [.. found.GetProperty(name).EnumerateArray().Select(e => e.GetString() ?? "")];
        return new Extraction(Strings("people"), Strings("organizations"), Strings("places"),
            [.. Strings("quotes").Select(q => new ExtractedQuote(q, []))], Strings("numbers"));
    }
}
