using System.Diagnostics;
using Dapper;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Drafting;
using Wiredesk.Storage;
using Wiredesk.Stories;
using Wiredesk.Tests.Support;
using Wiredesk.Verification;

namespace Wiredesk.Bench;

/// <summary>Story assignment, drafting and verification over the corpus repeated as synthetic reports (issue 3 §5).
/// Reports are analysed first (ingest's work, timed apart): drafting, like the newsroom, reads the stored analysis.
/// Story assignment runs report by report into SQLite, as ingest does; then every story gets one draft, written and
/// then verified again independently (as `wiredesk verify` would), one worker per core.</summary>
public static class DraftsBenchmark
{
    /// <summary>A story's draft rests on its first report and its latest ones, as `wiredesk draft STORY-ID` does.</summary>
    private const int ReportsPerDraft = StoryDraftReports.MaxReports;

    /// <summary>Earlier reports offered as background: the ones received just before the story began.</summary>
    private const int EarlierCandidates = 100;

    /// <summary>Another seed for the warm-up pass: its texts are not the measured ones.</summary>
    private const int WarmUpSeed = 7;

    public static async Task RunAsync(int count, bool warmUp = true)
    {
        Console.WriteLine();
        Console.WriteLine($"## Drafting and verification: {count:N0} reports, {Environment.ProcessorCount} workers");
        var kb = KnowledgeBase.LoadDefault();
        var analyzer = new Analyzer(kb);
        var exposure = ExposureMap.LoadDefault();

        var analysing = Stopwatch.StartNew();
        var reports = Analyse(analyzer, SyntheticReports.Make(count));
        analysing.Stop();
        Console.WriteLine($"Analysis beforehand (ingest's stage, not counted below): {analysing.Elapsed.TotalSeconds:F1} s");

        var (storyOf, assignTimes, assignSeconds) = await AssignStoriesAsync(reports);
        var stories = storyOf.Select((story, i) => (Story: story, Index: i)).GroupBy(x => x.Story, x => x.Index).Select(g => g.ToList()).ToList();

        if (warmUp)
        {
            // The JIT compiles a method unoptimised first and again, optimised, once it is hot. The drafting pass
            // lasts about a second, much of which went to running and replacing first versions; a newsroom drafts
            // all day. So passes over the same stories made of other texts (another seed, a writer and a verifier
            // of their own: nothing they kept is asked again) run first; the first is what a cold process sees.
            // Two passes: the optimised versions are compiled in the background as methods get hot, and after
            // one pass of about a second some were still being replaced during the measured one.
            var other = Analyse(analyzer, SyntheticReports.Make(count, WarmUpSeed));
            for (var round = 1; round <= 2; round++)
            {
                var verifierA = new Verifier(analyzer);
                var warm = Pass(new DraftWriter(analyzer, kb, exposure, verifierA), verifierA, other, stories);
                Console.WriteLine($"Warm-up pass {round} (JIT; same stories made of other texts, own writer and verifier; not counted): {stories.Count:N0} drafts in {warm.Seconds:F1} s, {stories.Count / warm.Seconds:N0}/s, CPU {warm.CpuMs / stories.Count:F2} ms a draft");
            }
        }
        else
        {
            // Warm-up outside the measurement: first use of the lexicons.
            var verifierA = new Verifier(analyzer);
            var writerA = new DraftWriter(analyzer, kb, exposure, verifierA);
            foreach (var story in stories.Take(20))
            {
                writerA.Write(Request(reports, story));
            }
        }

        var verifier = new Verifier(analyzer);
        var writer = new DraftWriter(analyzer, kb, exposure, verifier);
        var run = Pass(writer, verifier, reports, stories);

        // The timed verification above re-asks the writer's questions and is answered from the verifier's verdict
        // memo; this measures judging a draft afresh (a new verifier: no memo, no claim readings), outside the
        // figures above, on a sample.
        var sample = Math.Min(200, stories.Count);
        var fresh = new double[sample];
        for (var i = 0; i < sample; i++)
        {
            var request = Request(reports, stories[i]);
            var draft = System.Text.Json.JsonSerializer.Deserialize<Draft>(run.Outputs[i], JsonDefaults.Options)!;
            var byId = request.Reports.Concat(request.Earlier ?? []).ToDictionary(r => r.Id, StringComparer.Ordinal);
            var sources = draft.Sources.Select(s => byId[s.Report]).Select(r => VerificationSource.FromAnalysis(r.Id, r.Text, r.Analysis!, r.Published, r.Source)).ToList();
            var watch = Stopwatch.StartNew();
            DraftVerification.Verify(new Verifier(analyzer), draft, sources);
            fresh[i] = watch.Elapsed.TotalMilliseconds;
        }

        var seconds = run.Seconds;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        Console.WriteLine($"| reports | stories | story assignment s | stories/s | drafts | draft + verify s | drafts written and verified/s | sentences | unsupported | peak memory (MB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {count:N0} | {stories.Count:N0} | {assignSeconds:F1} | {stories.Count / assignSeconds:N0} | {stories.Count:N0} | {seconds:F1} | {stories.Count / seconds:N0} | {run.Sentences:N0} | {run.Unsupported} | {peak:F0} |");
        Console.WriteLine();
        Console.WriteLine("| stage (per item, one worker) | mean ms | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|");
        Row("story assignment (per report)", assignTimes);
        Row("drafting (per story, writer incl. its own verification)", run.Drafting);
        Row("verification (per story, independent)", run.Verifying);
        Row($"verification afresh (per story, new verifier, {sample} stories, not in the figures above)", fresh);
        Console.WriteLine();
        Console.WriteLine($"CPU time {run.CpuMs / stories.Count:F2} ms per draft written and verified; drafts digest {Digest(run.Outputs)} (equal digests = identical drafts and verdicts)");
        // Allocation does not depend on what else runs on the machine, unlike the CPU time: a steadier yardstick.
        Console.WriteLine($"Allocated {run.Allocated / 1024.0 / stories.Count:N0} KB per draft written and verified; {run.Gc}");
        var sizes = stories.Select(s => s.Count).Order().ToList();
        Console.WriteLine();
        Console.WriteLine($"Reports per story: mean {sizes.Average():F1}, p50 {sizes[sizes.Count / 2]}, max {sizes[^1]}; a draft uses at most {ReportsPerDraft} (first + latest).");
    }

    private static SourceReport[] Analyse(Analyzer analyzer, IReadOnlyList<(string Title, string Text, DateTimeOffset Published)> synthetic)
    {
        var docs = Corpus.Documents;
        var reports = new SourceReport[synthetic.Count];
        Parallel.For(0, synthetic.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (title, text, published) = synthetic[i];
            reports[i] = new SourceReport
            {
                Id = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = title,
                Text = text,
                Source = docs[i % docs.Count].Source,
                Published = published,
                Analysis = analyzer.Analyze(title, text, published),
            };
        });
        return reports;
    }

    private sealed record PassResult(double Seconds, double CpuMs, long Allocated, GcCounts Gc, double[] Drafting, double[] Verifying, int Sentences, int Unsupported, string[] Outputs);

    /// <summary>Every story drafted, and each draft verified again independently as `wiredesk verify` would,
    /// one worker per core.</summary>
    private static PassResult Pass(DraftWriter writer, Verifier verifier, SourceReport[] reports, List<List<int>> stories)
    {
        var drafting = new double[stories.Count];
        var verifying = new double[stories.Count];
        var sentences = new int[stories.Count];
        var unsupported = 0;
        var outputs = new string[stories.Count];
        // Counted per item on the thread that does it: under the server collector the process-wide total was seen to
        // go backwards.
        long allocated = 0;
        var gcBefore = GcCounts.Now();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        Parallel.For(0, stories.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var request = Request(reports, stories[i]);
            var watch = Stopwatch.StartNew();
            var draft = writer.Write(request);
            drafting[i] = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            // The draft's own source list, in its order, as `wiredesk verify` reads it.
            var byId = request.Reports.Concat(request.Earlier ?? []).ToDictionary(r => r.Id, StringComparer.Ordinal);
            var sources = draft.Sources.Select(s => byId[s.Report])
                .Select(r => VerificationSource.FromAnalysis(r.Id, r.Text, r.Analysis!, r.Published, r.Source)).ToList();
            var verdicts = DraftVerification.Verify(verifier, draft, sources).Sentences;
            verifying[i] = watch.Elapsed.TotalMilliseconds;
            sentences[i] = verdicts.Count;
            Interlocked.Add(ref unsupported, verdicts.Count(v => !v.Supported));
            outputs[i] = System.Text.Json.JsonSerializer.Serialize(draft, JsonDefaults.Options);
            Interlocked.Add(ref allocated, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
        });
        wall.Stop();
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        return new PassResult(wall.Elapsed.TotalSeconds, cpuMs, allocated, GcCounts.Now() - gcBefore, drafting, verifying, sentences.Sum(), unsupported, outputs);
    }

    private static DraftRequest Request(SourceReport[] reports, List<int> story)
    {
        var chosen = StoryDraftReports.Choose(story);
        var first = story[0];
        var earlier = Enumerable.Range(Math.Max(0, first - EarlierCandidates), Math.Min(first, EarlierCandidates)).Select(i => reports[i]).ToList();
        return new DraftRequest([.. chosen.Select(i => reports[i])], earlier);
    }

    /// <summary>Each report into the story index in its own committed transaction, in received order, as ingest
    /// does (report rows are not inserted: foreign keys off, so the figures are the story step alone).</summary>
    private static async Task<(long[] StoryOf, double[] Times, double Seconds)> AssignStoriesAsync(SourceReport[] reports)
    {
        var folder = Directory.CreateTempSubdirectory("wiredesk-bench-drafts-").FullName;
        try
        {
            var database = await Database.OpenAsync(Path.Combine(folder, "wiredesk.db"));
            var clusterer = new Clusterer(new Settings());
            await using var connection = await database.ConnectAsync();
            await connection.ExecuteAsync("PRAGMA foreign_keys=OFF");
            var storyOf = new long[reports.Length];
            var times = new double[reports.Length];
            var total = Stopwatch.StartNew();
            for (var i = 0; i < reports.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                var r = reports[i];
                var features = StoryFeatures.Of(r.Title, r.Text, r.Analysis!, r.Published!.Value);
                await using var tx = await connection.BeginTransactionAsync();
                storyOf[i] = (await clusterer.AssignAsync(connection, tx, i + 1, features)).StoryId;
                await tx.CommitAsync();
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            return (storyOf, times, total.Elapsed.TotalSeconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Digest(string[] outputs) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", outputs))))[..16];

    private static void Row(string stage, double[] values)
    {
        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        Console.WriteLine($"| {stage} | {sorted.Average():F2} | {At(0.50):F2} | {At(0.99):F2} |");
    }
}
