using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Analysis;

public sealed class AnalyzerTests
{
    private static readonly Lazy<KnowledgeBase> Kb = new(() => KnowledgeBase.LoadDefault());

    private static readonly Lazy<Analyzer> Shared = new(() => new Analyzer(Kb.Value));

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
    public void Every_span_on_the_corpus_is_exact()
    {
        foreach (var d in Corpus.Documents)
        {
            var a = Shared.Value.Analyze(d.Title, d.Body, null);
            foreach (var e in a.Entities)
            {
                foreach (var m in e.Mentions)
                {
                    Assert.Equal(m.Text, d.Body[m.Start..m.End]);
                    Assert.False(char.IsPunctuation(m.Text[^1]) && m.Text[^1] != '.', $"{d.Id}: '{m.Text}' ends in punctuation");

                    // A possessive is never part of a mention, unless a known name itself ends so ("Standard & Poor's").
                    var known = Kb.Value.Find(e.Id) is { } entry && entry.Aliases.Prepend(entry.Name).Contains(m.Text);
                    var possessive = m.Text.Replace('\u2019', '\'').EndsWith("'s", StringComparison.Ordinal) && !known;
                    Assert.False(possessive, $"{d.Id}: '{m.Text}' keeps a possessive");
                }
            }

            foreach (var q in a.Quotes)
            {
                Assert.Equal(q.Text, d.Body[q.Start..q.End]);
                if (q.Speaker is { } s)
                {
                    Assert.True(s.Start >= 0 && s.End <= d.Body.Length && s.Start < s.End, $"{d.Id}: speaker span");
                }
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\"")]
    [InlineData("“")]
    [InlineData("” said Jane Doe.")]
    [InlineData("\"\"\"\"")]
    [InlineData("A")]
    [InlineData("U.S.")]
    [InlineData("PRESIDENT DOE:")]
    [InlineData("Mr.")]
    [InlineData("(NYSE:")]
    [InlineData("Kim")]
    [InlineData("the ministry")]
    [InlineData("'s")]
    public void Odd_inputs_do_not_break_the_analysis(string text)
    {
        var a = Shared.Value.Analyze(text, text, null);

        Assert.All(a.Entities.SelectMany(e => e.Mentions), m => Assert.Equal(m.Text, text[m.Start..m.End]));
        Assert.All(a.Quotes, q => Assert.Equal(q.Text, text[q.Start..q.End]));
    }

    /// <summary>A long text (about 1 MB, thousands of names and quotes) must not take quadratic time: a
    /// quadratic pass would need minutes here, a linear one well under a second.</summary>
    [Fact]
    public void A_long_text_is_analysed_in_linear_time()
    {
        const string Paragraph = "SEOUL — Deputy Minister Han Ji-ho met Ambassador Carla Mendes of the Ministry of Trade. “We will keep talking until the deal is done,” Han said. The ministry said in a statement that Mendes Holdings, Inc. (NYSE: MHX) would invest $2 billion, according to Reuters.\n\n";
        var text = string.Concat(Enumerable.Repeat(Paragraph, 4000));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var a = Shared.Value.Analyze("Long", text, null);
        watch.Stop();

        Assert.Equal(4000, a.Quotes.Count);
        Assert.All(a.Quotes, q => Assert.Equal("Han Ji-ho", q.Speaker?.Name));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
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
