using Wiredesk.Analysis.Dates;
using Wiredesk.Analysis.Numbers;
using Wiredesk.Analysis.Sentences;
using Wiredesk.Analysis.Topics;

namespace Wiredesk.Tests.Analysis;

/// <summary>Random texts built from the pieces the extractors react to: none may throw, and every span must be
/// exact, in order, and inside the text.</summary>
public class SpanRobustnessTests
{
    private static readonly string[] Pieces =
    [
        "May", "may", "0", "00", "31", "99", "2024", "1999", "12:00", "99:99", "a.m.", "PM", "/", "-", "–", "‑", ".", "..", "…",
        ",", " ", "  ", "\n", "\n\n", "\r\n", "\"", "“", "”", "’", "(", ")", "$", "£", "€", "US$", "#", "%", "+", "percent",
        "million", "bn", "m", "to", "of", "one", "two", "twenty", "-fifth", "fold", "dozen", "thousands", "Q", "FY", "U.S.",
        "Dr.", "J.", "Inc.", "No.", "Jan.", "Sept.", "today", "last", "week", "ago", "Monday", "mid", "early", "the", "few",
        "days", "missiles", "The", "He", "said", "1/2", "4-3/4", "1,000", "1.5", "202-452-2955", "(", "\t", "\u00A0",
    ];

    [Fact]
    public void Random_texts_give_exact_ordered_spans_and_never_throw()
    {
        var random = new Random(20240531);
        for (var round = 0; round < 3000; round++)
        {
            var count = random.Next(1, 40);
            var text = string.Concat(Enumerable.Range(0, count).Select(_ => Pieces[random.Next(Pieces.Length)]));
            var published = round % 5 == 0 ? (DateOnly?)null : new DateOnly(2024, 1 + random.Next(12), 1 + random.Next(28));

            var sentences = SentenceSplitter.Split(text);
            var dates = DateExtractor.Extract(text, published);
            var numbers = NumberExtractor.Extract(text, dates);
            TopicClassifier.Classify(text, text);

            AssertSpans(text, sentences.Select(s => (s.Text, s.Start, s.End)));
            AssertSpans(text, dates.Select(d => (d.Text, d.Start, d.End)));
            AssertSpans(text, numbers.Select(n => (n.Text, n.Start, n.End)));
            Assert.All(numbers, n => Assert.True(double.IsFinite(n.Value), text));
        }
    }

    private static void AssertSpans(string text, IEnumerable<(string Text, int Start, int End)> spans)
    {
        var previousEnd = 0;
        foreach (var (spanText, start, end) in spans)
        {
            Assert.True(start >= previousEnd && end > start && end <= text.Length, $"bad span [{start},{end}) in {text}");
            Assert.Equal(text[start..end], spanText);
            previousEnd = end;
        }
    }
}
