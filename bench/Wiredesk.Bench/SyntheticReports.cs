using System.Text.RegularExpressions;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>The corpus repeated to any size as distinct reports: each one mixes a dozen sentences drawn from the
/// whole corpus, so that texts are real news prose, de-duplication sees new reports (not 20,000 copies of 39),
/// and the analyzer meets the corpus's names, quotes and numbers in new company.</summary>
public static partial class SyntheticReports
{
    public static IReadOnlyList<(string Title, string Text, DateTimeOffset Published)> Make(int count, int seed = 20261128)
    {
        var docs = Corpus.Documents;
        var sentences = docs.SelectMany(d => Sentence().Split(d.Body.Replace("\n\n", " ", StringComparison.Ordinal)))
            .Select(s => s.Trim())
            .Where(s => s.Length > 30)
            .ToArray();
        var random = new Random(seed);
        var reports = new List<(string, string, DateTimeOffset)>(count);
        for (var i = 0; i < count; i++)
        {
            var paragraphs = Enumerable.Range(0, 4).Select(_ =>
                string.Join(" ", Enumerable.Range(0, 3).Select(_ => sentences[random.Next(sentences.Length)])));
            var title = $"{docs[random.Next(docs.Count)].Title} ({i})";
            reports.Add((title, string.Join("\n\n", paragraphs), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i)));
        }

        return reports;
    }

    [GeneratedRegex(@"(?<=[.!?][\u201d""]?)\s+(?=[A-Z\u201c""])")]
    private static partial Regex Sentence();
}
