using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Analysis;

public sealed class AnalyzerTests
{
    private static readonly Lazy<Analyzer> Shared = new(() => new Analyzer(KnowledgeBase.LoadDefault()));

    [Fact]
    public void Analyze_composes_every_part()
    {
        const string Text = "SEOUL — North Korea fired two ballistic missiles on Monday, the South Korean military said.\n\n“This is a clear provocation,” said Jane Doe, a spokesperson for the Ministry of National Defense. Damage was estimated at $1.2 billion.";
        var analysis = Shared.Value.Analyze("North Korea fires missiles", Text, new DateTimeOffset(2024, 5, 27, 9, 0, 0, TimeSpan.Zero));

        Assert.True(analysis.Sentences.Count >= 3);
        Assert.Contains(analysis.Entities, e => e.Type == EntityType.Country && e.Mentions.Any(m => m.Text == "North Korea"));
        Assert.Contains(analysis.Entities, e => e.Type == EntityType.Person && e.Name == "Jane Doe");
        var quote = Assert.Single(analysis.Quotes);
        Assert.Equal("Jane Doe", quote.Speaker?.Name);
        Assert.Contains(analysis.Numbers, n => n.Text.Contains("1.2 billion", StringComparison.Ordinal));
        Assert.NotEmpty(analysis.Dates);
        Assert.NotEmpty(analysis.Topics);
        Assert.True(Analyzer.Version >= 1);
    }

    [Fact]
    public void Results_are_the_same_on_two_threads()
    {
        var docs = Corpus.Documents.Take(20).ToList();
        var analyzer = Shared.Value;
        string Run(CorpusDocument d) => JsonSerializer.Serialize(analyzer.Analyze(d.Title, d.Body, null));
        var sequential = docs.Select(Run).ToList();

        var parallel = new string[docs.Count];
        Parallel.For(0, docs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => parallel[i] = Run(docs[i]));

        Assert.Equal(sequential, parallel);
    }
}
