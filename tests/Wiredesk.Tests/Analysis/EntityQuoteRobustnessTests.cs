using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;

namespace Wiredesk.Tests.Analysis;

/// <summary>Random texts built from the pieces the entity and quote rules react to (quote marks, possessives,
/// titles, labels, exchange patterns, hyphens): nothing throws and every span is exact.</summary>
public sealed class EntityQuoteRobustnessTests
{
    [Fact]
    public void Random_texts_never_break_spans()
    {
        var analyzer = new Analyzer(KnowledgeBase.LoadDefault());
        string[] pieces = ["“", "”", "\"", "'s", "’s", " ", "\n", "\n\n", ".", ",", ":", "(", ")", "-", "\u2011", "U.S.", "Kim", "said", "he", "the ministry", "Ministry of Defence", "NYSE", "(NYSE: AB)", "Inc.", ", Inc.", "PRESIDENT DOE:", "Jane", "Doe", "A", "a", "senior official", "according to", "Seoul", "South Korean", "Mr.", "J.", "III", "Gulf of", "Bank of Japan", "—", "…", "1.5", "$2 billion", "Secretary", "of State", "by"];
        var rng = new Random(7);
        for (var n = 0; n < 3000; n++)
        {
            var len = rng.Next(1, 40);
            var text = string.Concat(Enumerable.Range(0, len).Select(_ => pieces[rng.Next(pieces.Length)] + (rng.Next(3) == 0 ? " " : "")));
            var a = analyzer.Analyze(text, text, null);
            foreach (var m in a.Entities.SelectMany(e => e.Mentions))
            {
                Assert.True(m.Text == text[m.Start..m.End], text);
            }

            foreach (var q in a.Quotes)
            {
                Assert.True(q.Text == text[q.Start..q.End], text);
                if (q.Speaker is { } s)
                {
                    Assert.True(s.Start >= 0 && s.End <= text.Length && s.Start <= s.End, text);
                }
            }
        }
    }
}
