using Wiredesk.Alerts;
using Wiredesk.Bus;

namespace Wiredesk.App.Background;

/// <summary>Hosts <see cref="Alerting"/> in the server: loads every watchlist into the index, reads the publications
/// made since the last start (so a restart or a lost message loses no alert), then on every
/// <see cref="StoryPublished"/> reads the store again from its progress — the message only says "look" — and on every
/// <see cref="StoryUpdated"/> checks whether a breaking source's draft should alert before publication.</summary>
public sealed class AlertWorker(Composition composition, ILogger<AlertWorker> log) : BackgroundService
{
    /// <summary>How often the store is read even with no message: a message dropped by a slow bus still alerts.</summary>
    public static TimeSpan RescanInterval { get; } = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host finishes starting while the index is built.
        await Task.Yield();
        var alerting = composition.Alerting;
        try
        {
            // Subscribe before loading and catching up, so nothing published meanwhile is missed.
            var published = composition.Bus.SubscribeAsync<StoryPublished>(stoppingToken);
            var updated = composition.Bus.SubscribeAsync<StoryUpdated>(stoppingToken);
            var loaded = await alerting.LoadAsync(stoppingToken);
            if (log.IsEnabled(LogLevel.Information))
            {
                log.LogInformation("Alerting: {Count} watchlist(s) indexed", loaded);
            }
            await CatchUpAsync(alerting, stoppingToken);
            await Task.WhenAll(
                FollowPublicationsAsync(alerting, published, stoppingToken),
                FollowBreakingAsync(alerting, updated, stoppingToken),
                RescanAsync(alerting, stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever was not read is read on the next start, from the stored progress.
        }
    }

    private async Task FollowPublicationsAsync(Alerting alerting, IAsyncEnumerable<StoryPublished> messages, CancellationToken ct)
    {
        await foreach (var _ in messages.WithCancellation(ct))
        {
            await CatchUpAsync(alerting, ct);
        }
    }

    private async Task FollowBreakingAsync(Alerting alerting, IAsyncEnumerable<StoryUpdated> messages, CancellationToken ct)
    {
        await foreach (var message in messages.WithCancellation(ct))
        {
            try
            {
                await alerting.BreakingAsync(message.StoryId, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogError(e, "Breaking alerts for story {Story} failed", message.StoryId);
            }
        }
    }

    private async Task RescanAsync(Alerting alerting, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(RescanInterval, composition.Time, ct);
            await CatchUpAsync(alerting, ct);
        }
    }

    private async Task CatchUpAsync(Alerting alerting, CancellationToken ct)
    {
        try
        {
            await alerting.CatchUpAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "Alerting could not read the latest publications");
        }
    }
}
