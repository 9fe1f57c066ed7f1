using System.Data;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Storage;
using Wiredesk.Stories;

namespace Wiredesk.Bench;

/// <summary>Where the writer's time goes, step by step, on one thread: the same steps as the batched pipeline's
/// writer (one connection, many reports per transaction), run one step at a time over prepared reports.</summary>
public static class WriteProfile
{
    private const int PerTransaction = IngestPipeline.MaxReportsPerTransaction;

    public static async Task RunAsync(int count)
    {
        Console.WriteLine();
        Console.WriteLine($"## Write step: time per report by step (one thread, {count:N0} reports, {PerTransaction} per transaction)");
        var analyzer = new Analyzer(KnowledgeBase.LoadDefault());
        var now = DateTimeOffset.UtcNow;
        var prepared = SyntheticReports.Make(count).Select(r => Prepare(analyzer, r.Title, r.Text, r.Published, now)).ToList();

        var folder = Directory.CreateTempSubdirectory("wiredesk-bench-").FullName;
        try
        {
            var settings = new Settings { DataFolder = folder };
            var database = await Database.OpenAsync(settings.DatabasePath);
            var clusterer = new Clusterer(settings);
            var times = new double[6];
            var joined = 0;
            var outcomes = new OutcomeDigest();
            await using var connection = await database.ConnectAsync();
            await Database.SetWriterAsync(connection, writer: true);
            await using var checkpoints = database.CheckpointInBackground();

            // As the pipeline's writer: its connection settings, the candidate index in memory, story rows written once
            // per transaction, and the story found once (Clusterer.AssignNewAsync is BestMatchAsync + AssignToBestAsync).
            StoryStore.KeepWriterState(connection);
            var wall = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var threadCpu = new double[6];
            var allocatedByStep = new long[6];
            foreach (var batch in prepared.Chunk(PerTransaction))
            {
                var stopwatch = Stopwatch.StartNew();
                await using var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable);
                foreach (var (parsed, report, raw, fingerprint, json, features) in batch)
                {
                    var mark = stopwatch.Elapsed;
                    var cpuMark = StartLap();
                    var decision = await Deduplicator.DecideAsync(connection, tx, parsed, fingerprint);
                    mark = Lap(stopwatch, mark, ref times[0]);
                    cpuMark = CpuLap(cpuMark, ref threadCpu[0], ref allocatedByStep[0]);
                    if (decision.Verdict != DedupVerdict.New)
                    {
                        outcomes.Add(decision.Verdict.ToString(), decision.ReportId, null);
                        continue;
                    }

                    var id = await ReportStore.InsertAsync(connection, tx, report, raw, "text/plain", fingerprint.BandHashes);
                    Deduplicator.Stored(connection, id, fingerprint);
                    mark = Lap(stopwatch, mark, ref times[1]);
                    cpuMark = CpuLap(cpuMark, ref threadCpu[1], ref allocatedByStep[1]);
                    await ReportStore.SaveAnalysisAsync(connection, tx, id, Analyzer.Version, json, now);
                    mark = Lap(stopwatch, mark, ref times[2]);
                    cpuMark = CpuLap(cpuMark, ref threadCpu[2], ref allocatedByStep[2]);
                    var best = await clusterer.BestMatchAsync(connection, tx, features);
                    mark = Lap(stopwatch, mark, ref times[3]);
                    cpuMark = CpuLap(cpuMark, ref threadCpu[3], ref allocatedByStep[3]);
                    var story = await Clusterer.AssignToBestAsync(connection, tx, id, features, best);
                    Lap(stopwatch, mark, ref times[4]);
                    CpuLap(cpuMark, ref threadCpu[4], ref allocatedByStep[4]);
                    joined += story.Kind == StoryAssignmentKind.Joined ? 1 : 0;
                    outcomes.Add(decision.Verdict.ToString(), id, story.StoryId);
                }

                var beforeCommit = stopwatch.Elapsed;
                var cpuBeforeCommit = StartLap();
                await StoryStore.WritePendingAsync(connection, tx);
                await tx.CommitAsync();
                checkpoints.Committed();
                Lap(stopwatch, beforeCommit, ref times[5]);
                CpuLap(cpuBeforeCommit, ref threadCpu[5], ref allocatedByStep[5]);
            }

            // The steps run on one thread, so the process's CPU time over the loop is the writer's; the wall-clock
            // times are scaled by CPU time / wall time, which takes out the time other processes held the cores.
            // Allocation does not depend on the load of the machine: the figure to compare on a shared one.
            // The steps' own counts (the writer's thread): under the server collector the process-wide total was seen
            // to go backwards (a negative figure at 60,000 reports).
            var allocated = allocatedByStep.Sum() / 1024.0 / count;
            var cpuScale = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / wall.Elapsed.TotalSeconds;
            // Where the thread's own CPU clock can be read, it is the figure to compare: it does not count time other
            // processes held the cores (nor the garbage collector's own threads: the allocation stands for those).
            double Scaled(int step) => times[step] * 1e6 / count * cpuScale;
            string Own(int step) => ThreadCpuTime.IsAvailable ? $"{threadCpu[step] * 1e6 / count:F0}" : "n/a";
            Console.WriteLine($"CPU time / wall time over the loop: {cpuScale:F2} (load average {LoadAverage()})");
            Console.WriteLine("| step | µs per report (writer thread's CPU clock) | µs per report (wall × CPU/wall) |");
            Console.WriteLine("|---|---|---|");
            string[] steps =
            [
                "de-duplicate (content hash, bands, compare candidates)", "insert report, version, bands", "store analysis",
                "story: find and score candidates (read only)", "story: assign (write story, timeline, key index)",
                "write joined stories' rows + commit (per report)",
            ];
            for (var step = 0; step < steps.Length; step++)
            {
                Console.WriteLine($"| {steps[step]} | {Own(step)} | {Scaled(step):F0} |");
            }

            var ownTotal = ThreadCpuTime.IsAvailable ? $"{threadCpu.Sum() * 1e6 / count:F0}" : "n/a";
            Console.WriteLine($"| writer total | {ownTotal} | {times.Sum() * 1e6 / count * cpuScale:F0} |");
            Console.WriteLine();
            Console.WriteLine($"{joined:N0} of {count:N0} reports joined a story.");
            Console.WriteLine($"Allocated by the writer: {allocated:F1} KB per report.");
            Console.WriteLine($"Allocated by step, in the table's order (KB per report): {string.Join(" | ", allocatedByStep.Select(b => $"{b / 1024.0 / count:F1}"))}");
            Console.WriteLine($"Outcomes digest (verdict, report id, story id of every report; equal = same outcomes): {outcomes}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Adds the thread's CPU time since <paramref name="since"/> to the step, and the bytes the thread allocated
    /// since the last lap (the allocation counter is read right after the CPU clock, so the two laps cover the same work).</summary>
    private static double CpuLap(double since, ref double total, ref long allocated)
    {
        var now = ThreadCpuTime.Seconds();
        total += now - since;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        allocated += bytes - _allocatedMark;
        _allocatedMark = bytes;
        return now;
    }

    private static long _allocatedMark;

    private static double StartLap()
    {
        var now = ThreadCpuTime.Seconds();
        _allocatedMark = GC.GetAllocatedBytesForCurrentThread();
        return now;
    }

    private static TimeSpan Lap(Stopwatch stopwatch, TimeSpan since, ref double total)
    {
        var now = stopwatch.Elapsed;
        total += (now - since).TotalSeconds;
        return now;
    }

    private static (ParsedReport, Report, byte[], DedupFingerprint, string, StoryFeatures) Prepare(Analyzer analyzer, string title, string text, DateTimeOffset published, DateTimeOffset now)
    {
        var parsed = new ParsedReport { Title = title, Text = text, Published = published };
        var fingerprint = DedupFingerprint.Of(title, text);
        var analysis = analyzer.Analyze(title, text, published);
        var report = new Report { Title = title, Text = text, PublishedAt = published, ReceivedAt = now, UpdatedAt = now, ContentHash = fingerprint.ContentHash };
        return (parsed, report, Encoding.UTF8.GetBytes($"{title}\n\n{text}"), fingerprint, JsonSerializer.Serialize(analysis, JsonDefaults.Options), StoryFeatures.Of(title, text, analysis, published));
    }
}
