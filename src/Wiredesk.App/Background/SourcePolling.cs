using Wiredesk.App.Web;
using Wiredesk.Ingest.Sources;

namespace Wiredesk.App.Background;

/// <summary>Polls the configured feed sources in the background (what `wiredesk poll --loop` does) and tells the
/// newsroom about every report stored. Each source keeps its own interval and backoff; this loop only looks for the
/// due ones every <see cref="Nap"/>.</summary>
public sealed class SourcePolling(Composition composition, ServeOptions options, ILogger<SourcePolling> log) : BackgroundService
{
    public static TimeSpan Nap { get; } = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.PollSources)
        {
            return;
        }

        var poller = new SourcePoller(composition.Database, composition.Http, composition.Settings, composition.Time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var feed in await poller.PollDueAsync(stoppingToken))
                {
                    foreach (var report in feed.Reports)
                    {
                        var outcome = await composition.Pipeline.StoreAsync(feed.Raw, report, stoppingToken);
                        await composition.Bus.AnnounceAsync(outcome, composition.Time.GetUtcNow(), stoppingToken);
                    }
                }

                await Task.Delay(Nap, composition.Time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A store hiccup must not end polling for the life of the server.
                log.LogError(e, "Polling sources failed; trying again in {Nap}", Nap);
                await Task.Delay(Nap, composition.Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
