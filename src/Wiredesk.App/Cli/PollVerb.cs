using System.CommandLine;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Sources;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk poll [--loop]`: fetch every due source (conditional GET, backoff after failures) and ingest
/// what it brings. The web server (a later issue) runs the same poller on a timer.</summary>
public static class PollVerb
{
    private static readonly TimeSpan LoopNap = TimeSpan.FromSeconds(15);

    public static Command Create(CliOutput output)
    {
        var loop = new Option<bool>("--loop") { Description = "Keep polling until stopped (Ctrl+C)" };
        var command = new Command("poll", "Poll due sources once (or keep polling) and ingest their new reports") { loop };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            using var app = await Composition.CreateAsync(settings, ct);
            var poller = new SourcePoller(app.Database, app.Http, settings, app.Time);
            do
            {
                await PollOnceAsync(app, poller, output, ct);
                if (parsed.GetValue(loop))
                {
                    await Task.Delay(LoopNap, app.Time, ct);
                }
            }
            while (parsed.GetValue(loop) && !ct.IsCancellationRequested);

            return CommandLine.Ok;
        });
        return command;
    }

    private static async Task PollOnceAsync(Composition app, SourcePoller poller, CliOutput output, CancellationToken ct)
    {
        var outcomes = new List<IngestOutcome>();
        foreach (var feed in await poller.PollDueAsync(ct))
        {
            foreach (var report in feed.Reports)
            {
                outcomes.Add(await app.Pipeline.StoreAsync(feed.Raw, report, ct));
            }
        }

        var failing = (await poller.HealthAsync(ct)).Where(h => !h.Healthy).ToList();
        failing.ForEach(h => output.Error.WriteLine($"wiredesk: {h.Url}: {h.LastError} ({h.Failures} failures in a row, next try {h.NextPoll:yyyy-MM-dd HH:mm} UTC)"));
        output.Out.WriteLine($"{app.Time.GetUtcNow():HH:mm:ss} {IngestVerb.Tally(outcomes)}, failing sources: {failing.Count}");
    }
}
