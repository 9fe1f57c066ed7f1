using System.Text.RegularExpressions;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>The corpus repeated to any size as distinct reports. Exact copies would all be dropped by
/// de-duplication and measure only a hash lookup, so each copy keeps a corpus document's shape — its sentences,
/// names, quotes, attributions and dates — while its common words are re-drawn from the corpus vocabulary and its
/// figures varied, with a seed per copy. The analyzer meets real sentence structure and real names; de-duplication
/// and story assignment meet reports that are new, as most of a wire's reports are.</summary>
public static partial class SyntheticReports
{
    /// <summary>Words kept as they are: they carry attribution, negation and structure the analyzer reads.</summary>
    private static readonly HashSet<string> Kept = new(StringComparer.Ordinal)
    {
        "said", "says", "told", "according", "statement", "added", "announced", "reported", "not", "never", "will",
        "would", "could", "should", "may", "might", "must", "have", "has", "had", "been", "were", "was", "that",
        "this", "these", "those", "with", "from", "into", "about", "after", "before", "their", "there", "which",
        "while", "when", "where", "also", "than", "then", "they", "them", "what", "who", "whom", "whose", "percent",
        "million", "billion", "trillion", "week", "month", "year", "today", "yesterday", "tomorrow", "minister",
        "president", "secretary", "spokesperson", "ministry", "department", "office", "agency",
    };

    public static IReadOnlyList<(string Title, string Text, DateTimeOffset Published)> Make(int count, int seed = 20261128)
    {
        var docs = Corpus.Documents;
        var vocabulary = docs.SelectMany(d => CommonWord().Matches(d.Body).Select(m => m.Value))
            .Where(w => !Kept.Contains(w))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var reports = new List<(string, string, DateTimeOffset)>(count);
        for (var i = 0; i < count; i++)
        {
            var random = new Random(seed + i);
            var doc = docs[i % docs.Count];
            string Redraw(string text) => Figure().Replace(
                CommonWord().Replace(text, m => Kept.Contains(m.Value) ? m.Value : vocabulary[random.Next(vocabulary.Length)]),
                m => random.Next(2, 999).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var published = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 7);
            reports.Add(($"{Redraw(doc.Title)} ({i})", Redraw(doc.Body), published));
        }

        return reports;
    }

    /// <summary>A lower-case word of four letters or more (names, which are capitalised, are left alone).</summary>
    [GeneratedRegex(@"\b[a-z]{4,}\b")]
    private static partial Regex CommonWord();

    /// <summary>A figure that is not a year (years stay, so that dates keep resolving).</summary>
    [GeneratedRegex(@"\b(?!(19|20)\d\d\b)\d{1,3}\b")]
    private static partial Regex Figure();
}
