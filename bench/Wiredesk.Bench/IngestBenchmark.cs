using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Ingest;
using Wiredesk.Storage;

namespace Wiredesk.Bench;

/// <summary>Ingest + analysis into SQLite, end to end through the real pipeline (parse, clean, fingerprint,
/// analyze, de-duplicate, store) in its batched form: CPU work on every core, one writer; then compromise on the same texts.</summary>
public static class IngestBenchmark
{
    /// <summary>Reports ingested into a throwaway store before the measured run. The JIT compiles a method
    /// unoptimised first and again, optimised with what the first version observed, once it is hot; in a run of
    /// 20 seconds that takes a large share of the time, while an ingest service runs for days. So the measured
    /// run starts warm, and the warm-up's own rate is printed too: it is what a cold one-off `wiredesk ingest` sees.</summary>
    public const int DefaultWarmUpReports = 5_000;

    /// <summary>Another seed: the warm-up's texts are not the measured ones.</summary>
    private const int WarmUpSeed = 7;

    public static async Task RunAsync(int count, bool peer, int warmUp = DefaultWarmUpReports)
    {
        Console.WriteLine();
        Console.WriteLine($"## Ingest + analysis into SQLite: {count:N0} reports");
        if (warmUp > 0)
        {
            var warm = await IngestAsync(Inputs(SyntheticReports.Make(warmUp, WarmUpSeed)), checkpoints: null);
            Console.WriteLine($"Warm-up (JIT, not counted): {warmUp:N0} other reports into another store in {warm.Seconds:F1} s, {warmUp / warm.Seconds:N0} reports/s, CPU {warm.CpuMicroseconds / warmUp:F0} µs per report");
        }

        var reports = SyntheticReports.Make(count);
        var inputs = Inputs(reports);
        var totalBytes = inputs.Sum(i => (long)i.Bytes.Length);
        var checkpoints = new List<string>();
        var run = await IngestAsync(inputs, checkpoints);

        var seconds = run.Seconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine($"| engine | reports | seconds | reports/s | MB/s | peak memory (MB) |");
        Console.WriteLine($"|---|---|---|---|---|---|");
        Console.WriteLine($"| Wiredesk (ingest + analysis + SQLite) | {count:N0} | {seconds:F1} | {count / seconds:N0} | {totalBytes / 1048576.0 / seconds:F2} | {peak / 1048576.0:F0} |");
        if (peer)
        {
            await RunPeerAsync(reports);
        }

        Console.WriteLine();
        Console.WriteLine($"Outcomes: new {run.Statuses[(int)IngestStatus.New]:N0}, updates {run.Statuses[(int)IngestStatus.Update]:N0}, duplicates {run.Statuses[(int)IngestStatus.Duplicate]:N0}, failed {run.Statuses[(int)IngestStatus.Failed]:N0}; store {run.StoreMegabytes:F0} MB");
        // CPU time does not depend on what else the machine runs: the ceiling on an idle machine is cores / CPU per report.
        Console.WriteLine($"CPU time (all threads): {run.CpuMicroseconds / count:F0} µs per report; at {Environment.ProcessorCount} cores fully ours that is at most {Environment.ProcessorCount / (run.CpuMicroseconds / 1e6 / count):N0} reports/s; {run.Gc}");
        Console.WriteLine($"Outcomes digest (status, report id, story id of every report; equal = same outcomes): {run.Digest}");
        Console.WriteLine("Memory and pace as the run goes (flat = does not grow with reports processed):");
        checkpoints.ForEach(c => Console.WriteLine($"  {c}"));
    }

    private static RawInput[] Inputs(IReadOnlyList<(string Title, string Text, DateTimeOffset Published)> reports) =>
        [.. reports.Select((r, i) => new RawInput($"bench-{i}.txt", Encoding.UTF8.GetBytes($"{r.Title}\n\n{r.Text}"), "text/plain"))];

    private sealed record IngestRun(double Seconds, double CpuMicroseconds, int[] Statuses, OutcomeDigest Digest, double StoreMegabytes, GcCounts Gc);

    /// <summary>Every input through a new pipeline into a new store, which is deleted afterwards.</summary>
    private static async Task<IngestRun> IngestAsync(RawInput[] inputs, List<string>? checkpoints)
    {
        var folder = Directory.CreateTempSubdirectory("wiredesk-bench-").FullName;
        try
        {
            var settings = new Settings { DataFolder = folder };
            var database = await Database.OpenAsync(settings.DatabasePath);
            var pipeline = new IngestPipeline(database, new Analyzer(KnowledgeBase.LoadDefault()), settings, TimeProvider.System);

            // The knowledge base's first use, outside the measurement.
            await pipeline.IngestAsync(new RawInput("warm-up.txt", Encoding.UTF8.GetBytes("Warm-up report\n\nThe Federal Reserve met in Washington on Monday."), "text/plain"));

            var done = 0;
            var statuses = new int[4];
            var digest = new OutcomeDigest();
            var gcBefore = GcCounts.Now();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var lastCheckpoint = TimeSpan.Zero;
            await foreach (var result in pipeline.IngestManyAsync(inputs, (input, _) => Task.FromResult(input)))
            {
                foreach (var outcome in result.Result.Outcomes)
                {
                    statuses[(int)outcome.Status]++;
                    digest.Add(outcome.Status.ToString(), outcome.ReportId, outcome.Story?.StoryId);
                }

                if (++done % Math.Max(1, inputs.Length / 4) == 0)
                {
                    // The rate over the quarter just done: whether the pace holds as the store grows.
                    var quarter = stopwatch.Elapsed - lastCheckpoint;
                    lastCheckpoint = stopwatch.Elapsed;
                    checkpoints?.Add($"{done,8:N0} reports: managed heap {GC.GetTotalMemory(false) / 1048576.0,6:F1} MB (GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0,6:F1} MB), working set {Environment.WorkingSet / 1048576.0,6:F1} MB; this quarter {inputs.Length / 4 / quarter.TotalSeconds:N0} reports/s");
                }
            }

            stopwatch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var gc = GcCounts.Now() - gcBefore;
            return new IngestRun(stopwatch.Elapsed.TotalSeconds, cpu.TotalMilliseconds * 1000, statuses, digest, new FileInfo(settings.DatabasePath).Length / 1048576.0, gc);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunPeerAsync(IReadOnlyList<(string Title, string Text, DateTimeOffset Published)> reports)
    {
        var texts = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(texts, reports.Select(r => JsonSerializer.Serialize(new { title = r.Title, text = $"{r.Title}\n\n{r.Text}" })));
            var output = await Peer.RunAsync("speed", texts);
            if (output is null)
            {
                Console.WriteLine("| compromise 14.17.0 (analysis only, Node.js) | not run | | | | |");
                return;
            }

            var figures = JsonDocument.Parse(output).RootElement;
            var seconds = figures.GetProperty("seconds").GetDouble();
            var count = figures.GetProperty("reports").GetInt32();
            var mb = figures.GetProperty("bytes").GetInt64() / 1048576.0;
            var peak = figures.GetProperty("peakRssBytes").GetInt64() / 1048576.0;
            Console.WriteLine($"| compromise 14.17.0 (analysis only, Node.js, 1 thread) | {count:N0} | {seconds:F1} | {count / seconds:N0} | {mb / seconds:F2} | {peak:F0} |");
        }
        finally
        {
            File.Delete(texts);
        }
    }
}
