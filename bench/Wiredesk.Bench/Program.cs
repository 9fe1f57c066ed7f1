using Wiredesk.Bench;

// Usage: dotnet run -c Release --project bench/Wiredesk.Bench -- [quality] [profile] [ingest] [stories] [alerts] [digest] [stages] [--reports N] [--no-peer]
// write (only when named): the writer's cost per step alone, over --reports N reports
// alert-latency (only when named): [--pushes N] report pushed → alert over SSE and webhook
// alerts (only when named): [--watchlists N] [--stories N] [--subset N] [--sample N]
var reports = args.SkipWhile(a => a != "--reports").Skip(1).Select(int.Parse).FirstOrDefault(20_000);
var peer = !args.Contains("--no-peer");
var warmUp = args.SkipWhile(a => a != "--warm-up").Skip(1).Select(int.Parse).FirstOrDefault(IngestBenchmark.DefaultWarmUpReports);
var all = !args.Contains("ingest") && !args.Contains("quality") && !args.Contains("profile") && !args.Contains("stories") && !args.Contains("alerts");

Console.WriteLine($"Wiredesk benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
if (args.Contains("drafts")) { await DraftsBenchmark.RunAsync(reports, warmUp > 0); return; }
if (args.Contains("web")) { await WebBenchmark.RunAsync(args); return; }
if (args.Contains("alert-latency")) { await AlertLatencyBenchmark.RunAsync(args); return; }
if (args.Contains("write")) { await WriteProfile.RunAsync(reports); return; }
if (args.Contains("digest")) { PreparationDigest.Run(reports); return; }
if (args.Contains("stages")) { StageProfile.Run(reports); return; }

if (all || args.Contains("quality"))
{
    await QualityComparison.RunAsync(peer);
}

if (all || args.Contains("profile"))
{
    StageProfile.Run(Math.Min(reports, 2_000));
    await WriteProfile.RunAsync(Math.Min(reports, 3_000));
}

if (all || args.Contains("ingest"))
{
    await IngestBenchmark.RunAsync(reports, peer, warmUp);
}

if (all || args.Contains("stories"))
{
    await StoryAssignmentBenchmark.RunAsync([1_000, 10_000, 100_000]);
}

if (args.Contains("alerts"))
{
    await AlertsBenchmark.RunAsync(args);
}
