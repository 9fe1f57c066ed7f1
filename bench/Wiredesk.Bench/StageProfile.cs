using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.Dates;
using Wiredesk.Analysis.Entities;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Analysis.Numbers;
using Wiredesk.Analysis.Quotes;
using Wiredesk.Analysis.Sentences;
using Wiredesk.Analysis.Topics;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Ingest.Formats;
using Wiredesk.Stories;

namespace Wiredesk.Bench;

/// <summary>Where the time of one report goes, stage by stage, on one thread: the figures to read before
/// optimising anything.</summary>
public static class StageProfile
{
    public static void Run(int count)
    {
        Console.WriteLine();
        Console.WriteLine($"## Time per report by stage (one thread, {count:N0} reports)");
        var reports = SyntheticReports.Make(count);
        var inputs = reports.Select((r, i) => new RawInput($"bench-{i}.txt", Encoding.UTF8.GetBytes($"{r.Title}\n\n{r.Text}"), "text/plain")).ToArray();
        var settings = new Settings();
        var kb = KnowledgeBase.LoadDefault();
        var analyzer = new Analyzer(kb);
        var recognizer = new EntityRecognizer(kb);
        var parsed = inputs.Select(i => FormatReader.Read(i, settings)[0]).ToArray();

        var analyses = parsed.Select(p => analyzer.Analyze(p.Title, p.Text, p.Published)).ToArray();
        var at = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

        // CPU time is what other processes on the machine do not inflate; wall time is printed beside it.
        // Allocation does not depend on load at all, and every byte allocated is later paid for in collections.
        Console.WriteLine($"| stage | µs per report (fastest of {Repetitions} runs) | µs per report (wall) | µs per report (CPU) | KB allocated per report |");
        Console.WriteLine("|---|---|---|---|---|");
        Time("parse + clean (FormatReader)", inputs, i => FormatReader.Read(i, settings));
        Time("fingerprint (hash, shingles, MinHash)", parsed, p => DedupFingerprint.Of(p.Title, p.Text));
        Time("sentences", parsed, p => SentenceSplitter.Split(p.Text));
        Time("entities (title only)", parsed, p => recognizer.Recognize(p.Title));
        Time("entities (text, title seeding it)", parsed, p => recognizer.Recognize(p.Text, p.Title));
        Time("numbers", parsed, p => NumberExtractor.Extract(p.Text));
        Time("dates", parsed, p => DateExtractor.Extract(p.Text, null));
        Time("entities + quotes", parsed, p => QuoteExtractor.Extract(p.Text, recognizer.Recognize(p.Text)));
        Time("topics", parsed, p => TopicClassifier.Classify(p.Title, p.Text));
        Time("whole analysis (Analyzer)", parsed, p => analyzer.Analyze(p.Title, p.Text, p.Published));
        Time("analysis JSON", analyses, a => JsonSerializer.Serialize(a, JsonDefaults.Options));
        Time("story features", [.. parsed.Zip(analyses)], x => StoryFeatures.Of(x.First.Title, x.First.Text, x.Second, at));
        Time("preparation (all of the above the pipeline runs)", inputs, i =>
        {
            var p = FormatReader.Read(i, settings)[0];
            var analysis = analyzer.Analyze(p.Title, p.Text, at);
            return (DedupFingerprint.Of(p.Title, p.Text), JsonSerializer.Serialize(analysis, JsonDefaults.Options), StoryFeatures.Of(p.Title, p.Text, analysis, at));
        });
    }

    /// <summary>Runs each item <see cref="Repetitions"/> times and keeps its fastest run. One item's work (well under a
    /// millisecond) fits in one scheduler time slice, so on a machine shared with other processes at least one run is
    /// usually not interrupted: the sum of the fastest runs is close to the stage's own cost, while the plain wall and
    /// CPU times of a pass grow with the load.</summary>
    private const int Repetitions = 5;

    private static void Time<T>(string stage, IReadOnlyList<T> items, Func<T, object> work)
    {
        // A whole pass first: hot code reaches its optimised tier before the clock starts, whatever the order of stages.
        foreach (var item in items)
        {
            work(item);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var fastestTicks = 0L;
        foreach (var item in items)
        {
            var fastest = long.MaxValue;
            for (var r = 0; r < Repetitions; r++)
            {
                var start = Stopwatch.GetTimestamp();
                work(item);
                fastest = Math.Min(fastest, Stopwatch.GetTimestamp() - start);
            }

            fastestTicks += fastest;
        }

        var runs = items.Count * Repetitions;
        var wall = stopwatch.Elapsed.TotalMicroseconds / runs;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var best = fastestTicks * 1e6 / Stopwatch.Frequency / items.Count;
        Console.WriteLine($"| {stage} | {best:F0} | {wall:F0} | {cpu.TotalMicroseconds / runs:F0} | {allocated / 1024.0 / runs:F1} |");
    }
}
