using System.Diagnostics;
using System.Globalization;
using Wiredesk.Drafting;
using Wiredesk.Tests.Support;
using Xunit.Abstractions;

namespace Wiredesk.Tests.Drafting;

/// <summary>Issue 3, section 4: a machine draft for every corpus document and for every corpus event (its documents
/// as one story). Every sentence must come back supported from the verifier, and, checked without the verifier's
/// code, no number, capitalised name or quote may appear that the sources and the facts used do not contain.
/// Prints the copy metrics over the corpus.</summary>
public sealed class DraftCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryCorpusDraftIsSupportedAndAddsNothing()
    {
        var documents = Corpus.Documents;
        var reports = documents.ToDictionary(d => d.Id, DraftTestKit.Read);
        var stories = documents.Select(d => (Name: d.Id, Reports: new[] { reports[d.Id] }))
            .Concat(documents.Where(d => d.Event is not null).GroupBy(d => d.Event!).Where(g => g.Count() > 1)
                .Select(g => (Name: g.Key, Reports: g.Select(d => reports[d.Id]).ToArray())))
            .ToList();
        var all = reports.Values.ToList();

        var sentences = 0;
        var unsupported = new List<string>();
        var absent = new List<string>();
        var empty = new List<string>();
        var metrics = new List<(string Name, DraftMetrics Metrics, int Words)>();
        var headlines = new List<string>();
        var clock = Stopwatch.StartNew();
        var drafts = stories.Select(s => DraftTestKit.Writer.Write(new DraftRequest(s.Reports, all))).ToList();
        clock.Stop();
        foreach (var ((name, story), draft) in stories.Zip(drafts))
        {
            var drafted = DraftTestKit.Sentences(draft).ToList();
            sentences += drafted.Count;
            unsupported.AddRange(drafted.Where(s => s.Verdict != Verdicts.Supported).Select(s => $"{name}: {s.Text} [{string.Join("; ", s.Reasons)}]"));
            var cited = all.Where(r => draft.Sources.Any(s => s.Report == r.Id)).ToList();
            absent.AddRange(DraftTestKit.Absent(draft, cited).Select(p => $"{name}: {p}"));
            headlines.Add($"{name}: {draft.Headline}");
            if (draft.HeadlineVerdict != Verdicts.Supported)
            {
                unsupported.Add($"{name}: headline {draft.Headline} [{string.Join("; ", draft.HeadlineReasons)}]");
            }

            metrics.Add((name, draft.Metrics!, drafted.Sum(s => DraftTestKit.Words(s.Text))));
            if (draft.Sections.Any(s => s.Sentences.Count == 0))
            {
                empty.Add($"{name}: empty section(s) {string.Join(", ", draft.Sections.Where(s => s.Sentences.Count == 0).Select(s => s.Title))}");
            }
        }

        output.WriteLine($"drafts: {stories.Count} ({documents.Count} documents, {stories.Count - documents.Count} multi-report events); sentences: {sentences}; unsupported: {unsupported.Count}; absent from sources: {absent.Count}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"writing and verifying: {clock.Elapsed.TotalMilliseconds:0} ms, {clock.Elapsed.TotalMilliseconds / stories.Count:0.0} ms per draft (one thread, including the analysis of every report and earlier-report candidate)"));
        output.WriteLine("draft                              words  longest run  copied share");
        foreach (var (name, m, words) in metrics)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-34} {words,5}  {m.LongestVerbatimRun,11}  {m.CopiedShare,12:0.000}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"longest verbatim run: mean {metrics.Average(m => m.Metrics.LongestVerbatimRun):0.0}, max {metrics.Max(m => m.Metrics.LongestVerbatimRun)}; copied share: mean {metrics.Average(m => m.Metrics.CopiedShare):0.000}, max {metrics.Max(m => m.Metrics.CopiedShare):0.000}"));
        foreach (var line in headlines.Concat(unsupported).Concat(absent).Concat(empty))
        {
            output.WriteLine(line);
        }

        Assert.Empty(unsupported);
        Assert.Empty(absent);
        Assert.Empty(empty);
    }
}
