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
    public static async Task RunAsync(int count, bool peer)
    {
        Console.WriteLine();
        Console.WriteLine($"## Ingest + analysis into SQLite: {count:N0} reports");
        var reports = SyntheticReports.Make(count);
        var inputs = reports.Select((r, i) => new RawInput($"bench-{i}.txt", Encoding.UTF8.GetBytes($"{r.Title}\n\n{r.Text}"), "text/plain")).ToArray();
        var totalBytes = inputs.Sum(i => (long)i.Bytes.Length);

        var folder = Directory.CreateTempSubdirectory("wiredesk-bench-").FullName;
        try
        {
            var settings = new Settings { DataFolder = folder };
            var database = await Database.OpenAsync(settings.DatabasePath);
            var pipeline = new IngestPipeline(database, new Analyzer(KnowledgeBase.LoadDefault()), settings, TimeProvider.System);

            // Warm-up outside the measurement: JIT and the knowledge base's first use.
            await pipeline.IngestAsync(new RawInput("warm-up.txt", Encoding.UTF8.GetBytes("Warm-up report\n\nThe Federal Reserve met in Washington on Monday."), "text/plain"));

            var done = 0;
            var checkpoints = new List<string>();
            var statuses = new int[4];
            var digest = new OutcomeDigest();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await foreach (var result in pipeline.IngestManyAsync(inputs, (input, _) => Task.FromResult(input)))
            {
                foreach (var outcome in result.Result.Outcomes)
                {
                    statuses[(int)outcome.Status]++;
                    digest.Add(outcome.Status.ToString(), outcome.ReportId, outcome.Story?.StoryId);
                }

                if (++done % Math.Max(1, count / 4) == 0)
                {
                    checkpoints.Add($"{done,8:N0} reports: managed heap {GC.GetTotalMemory(false) / 1048576.0,6:F1} MB, working set {Environment.WorkingSet / 1048576.0,6:F1} MB");
                }
            }

            stopwatch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            var seconds = stopwatch.Elapsed.TotalSeconds;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine($"| engine | reports | seconds | reports/s | MB/s | peak memory (MB) |");
            Console.WriteLine($"|---|---|---|---|---|---|");
            Console.WriteLine($"| Wiredesk (ingest + analysis + SQLite) | {count:N0} | {seconds:F1} | {count / seconds:N0} | {totalBytes / 1048576.0 / seconds:F2} | {peak / 1048576.0:F0} |");
            if (peer)
            {
                await RunPeerAsync(reports);
            }

            Console.WriteLine();
            Console.WriteLine($"Outcomes: new {statuses[(int)IngestStatus.New]:N0}, updates {statuses[(int)IngestStatus.Update]:N0}, duplicates {statuses[(int)IngestStatus.Duplicate]:N0}, failed {statuses[(int)IngestStatus.Failed]:N0}; store {new FileInfo(settings.DatabasePath).Length / 1048576.0:F0} MB");
            // CPU time does not depend on what else the machine runs: the ceiling on an idle machine is cores / CPU per report.
            Console.WriteLine($"CPU time (all threads): {cpu.TotalMilliseconds * 1000 / count:F0} µs per report; at {Environment.ProcessorCount} cores fully ours that is at most {Environment.ProcessorCount / (cpu.TotalSeconds / count):N0} reports/s");
            Console.WriteLine($"Outcomes digest (status, report id, story id of every report; equal = same outcomes): {digest}");
            Console.WriteLine("Memory as the run goes (flat = does not grow with reports processed):");
            checkpoints.ForEach(c => Console.WriteLine($"  {c}"));
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
