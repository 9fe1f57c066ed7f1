using System.Text.RegularExpressions;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Drafting;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Formats;
using Wiredesk.Tests.Support;
using Wiredesk.Verification;

namespace Wiredesk.Tests.Drafting;

/// <summary>One shared writer for the drafting tests (the knowledge base and exposure map are read-only), and the
/// corpus documents read as the CLI reads them.</summary>
public static partial class DraftTestKit
{
    private static readonly Lazy<DraftWriter> SharedWriter = new(() =>
    {
        var analyzer = TestPipeline.SharedAnalyzer.Value;
        return new DraftWriter(analyzer, KnowledgeBase.LoadDefault(), ExposureMap.LoadDefault(), new Verifier(analyzer));
    });

    public static DraftWriter Writer => SharedWriter.Value;

    public static SourceReport Read(CorpusDocument doc)
    {
        var report = FormatReader.Read(new RawInput(doc.FilePath, File.ReadAllBytes(doc.FilePath), "application/json"), new Settings()).Single();
        return new SourceReport { Id = doc.Id, Title = report.Title, Text = report.Text, Source = report.Source, Url = report.Url, Published = report.Published };
    }

    public static SourceReport Read(string repoRelativePath, string id)
    {
        var path = Path.Combine(TestPaths.RepoRoot, repoRelativePath);
        var report = FormatReader.Read(new RawInput(path, File.ReadAllBytes(path)), new Settings()).Single();
        return new SourceReport { Id = id, Title = report.Title, Text = report.Text, Source = report.Source, Url = report.Url, Published = report.Published };
    }

    public static IEnumerable<DraftSentence> Sentences(Draft draft) => draft.Sections.SelectMany(s => s.Sentences);

    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>What in the draft is absent from the sources and facts, found without the verifier's code: digits
    /// and number words, capitalised words, and quoted passages. Empty when the draft is clean.</summary>
    public static List<string> Absent(Draft draft, IReadOnlyList<SourceReport> reports)
    {
        var evidence = string.Join("\n", reports.Select(r => r.Text + "\n" + r.Source)
            .Concat(Sentences(draft).SelectMany(s => s.Facts).Select(f => f.Text)));
        var flat = Flatten(evidence);
        var lower = flat.ToLowerInvariant();
        var body = Flatten(string.Join(" ", Sentences(draft).Select(s => s.Text))).ToLowerInvariant();
        var problems = new List<string>();
        foreach (var sentence in Sentences(draft).Select(s => s.Text).Prepend(draft.Headline))
        {
            var headline = sentence == draft.Headline;
            var text = Flatten(sentence);
            foreach (Match m in Quoted().Matches(text))
            {
                if (!flat.Contains(m.Groups[1].Value.TrimEnd(',', '.'), StringComparison.Ordinal))
                {
                    problems.Add($"quote “{m.Groups[1].Value}” in: {sentence}");
                }
            }

            foreach (Match m in Number().Matches(text))
            {
                if (!flat.Contains(m.Value, StringComparison.Ordinal))
                {
                    problems.Add($"number {m.Value} in: {sentence}");
                }
            }

            foreach (Match m in NumberWord().Matches(text))
            {
                if (!Regex.IsMatch(lower, $@"\b{m.Value.ToLowerInvariant()}\b"))
                {
                    problems.Add($"number {m.Value} in: {sentence}");
                }
            }

            foreach (Match m in CapitalisedWord().Matches(text))
            {
                var initial = m.Index == 0 || text[..m.Index].TrimEnd().EndsWith('“');
                // A title-cased headline word need only stand in the sources or, in another inflection, in the
                // draft's body (the headline is cut from the lede and may turn "fired" into "Fires").
                var found = headline
                    ? Has(lower, m.Value.ToLowerInvariant()) || Has(body, m.Value.ToLowerInvariant()) || Has(body, Stem(m.Value))
                    : initial ? Has(lower, m.Value.ToLowerInvariant()) : Has(flat, m.Value);
                if (!found && !initial)
                {
                    problems.Add($"name {m.Value} in: {sentence}");
                }
            }
        }

        return problems;
    }

    private static bool Has(string text, string word) => Regex.IsMatch(text, $@"(?<![\w]){Regex.Escape(word)}", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, string> IrregularPast = new(StringComparer.Ordinal)
    {
        ["makes"] = "made",
        ["make"] = "made",
        ["grows"] = "grew",
        ["grow"] = "grew",
        ["begins"] = "began",
        ["begin"] = "began",
        ["holds"] = "held",
        ["hold"] = "held",
        ["leaves"] = "left",
        ["rises"] = "rose",
        ["falls"] = "fell",
        ["meets"] = "met",
        ["speaks"] = "spoke",
        ["takes"] = "took",
        ["gives"] = "gave",
        ["sends"] = "sent",
        ["leads"] = "led",
        ["strikes"] = "struck",
        ["keeps"] = "kept",
        ["tells"] = "told",
        ["brings"] = "brought",
        ["pays"] = "paid",
        ["sees"] = "saw",
        ["becomes"] = "became",
        ["buys"] = "bought",
        ["sells"] = "sold",
        ["runs"] = "ran",
        ["draws"] = "drew",
        ["says"] = "said",
        ["is"] = "was",
        ["are"] = "were",
        ["has"] = "had",
        ["have"] = "had",
        ["wins"] = "won",
        ["loses"] = "lost",
    };

    /// <summary>A crude stem for inflection-blind lookups: "fires", "fired", "firing" → "fir"; "Makes" → "made".</summary>
    private static string Stem(string word)
    {
        var w = word.ToLowerInvariant();
        if (IrregularPast.TryGetValue(w, out var past))
        {
            return past;
        }

        foreach (var suffix in new[] { "ies", "es", "ed", "ing", "s", "e", "d" })
        {
            if (w.Length > suffix.Length + 2 && w.EndsWith(suffix, StringComparison.Ordinal))
            {
                return w[..^suffix.Length];
            }
        }

        return w;
    }

    /// <summary>One kind of quotation mark and apostrophe, single spaces: typography is not a fact.</summary>
    private static string Flatten(string text) =>
        Regex.Replace(text.Replace('“', '"').Replace('”', '"').Replace('’', '\'').Replace('‘', '\''), @"\s+", " ");

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozen)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"\b[A-Z][\w'.-]*[\w]|\b[A-Z]\b")]
    private static partial Regex CapitalisedWord();
}
