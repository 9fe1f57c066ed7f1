using System.Collections.Concurrent;
using Wiredesk.Alerts.Delivery;
using Wiredesk.App.Web;
using Wiredesk.Bus;
using Wiredesk.Storage;

namespace Wiredesk.App.Background;

/// <summary>Hosts webhook delivery and the e-mail digest in the server. It wakes on every <see cref="AlertRaised"/>,
/// when an attempt finishes, when the next retry or digest falls due, and at least every
/// <see cref="WebhookSettings.PollSeconds"/> (the alerts table is the outbox: a lost message, or an alert stored by
/// another process, only delays delivery). On start it carries on from the store: alerts after the delivery cursor are
/// fanned out and every pending delivery is tried when due, including those whose attempt the last process was
/// killed in the middle of (once their lease has run out).</summary>
public sealed class DeliveryWorker(Composition composition, ServeOptions options, ILogger<DeliveryWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = composition.Settings.Delivery;
        var site = SiteOf(settings, options);
        using var sender = new WebhookSender(settings.Webhooks);
        var dispatcher = new WebhookDispatcher(
            composition.Database, sender, RetrySchedule.From(settings.Webhooks, composition.Time, Random.Shared), settings, site, composition.Time);
        var digest = settings.Email is { Host.Length: > 0 } smtp
            ? new EmailDigest(composition.Database, smtp, site, composition.Time) { OnError = (owner, e) => log.LogWarning("E-mail digest for user {Owner} not sent: {Error}", owner, e.Message) }
            : null;
        using var wake = new SemaphoreSlim(0);
        // Subscribed before the first pass: an alert raised while the backlog is read still wakes the loop.
        var listening = ListenAsync(composition.Bus.SubscribeAsync<AlertRaised>(stoppingToken), wake, stoppingToken);
        var inFlight = new ConcurrentDictionary<long, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = settings.Webhooks.PollInterval;
            try
            {
                await dispatcher.EnqueueNewAlertsAsync(stoppingToken);
                var room = WebhookDispatcher.Parallelism - inFlight.Count;
                if (room > 0)
                {
                    foreach (var due in await dispatcher.ClaimDueAsync(room, stoppingToken))
                    {
                        inFlight[due.Id] = AttemptAsync(dispatcher, due, inFlight, wake, stoppingToken);
                    }
                }

                if (digest is not null)
                {
                    await digest.SendDueAsync(stoppingToken);
                }

                wait = await NextWaitAsync(dispatcher, digest, inFlight.Count >= WebhookDispatcher.Parallelism, wait, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Delivery pass failed; trying again shortly");
            }

            try
            {
                await wake.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        // Attempts cut short by the stop keep their lease and are tried again after the next start.
        await Task.WhenAll(inFlight.Values.Append(listening)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task AttemptAsync(WebhookDispatcher dispatcher, DueDelivery due, ConcurrentDictionary<long, Task> inFlight, SemaphoreSlim wake, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            var outcome = await dispatcher.AttemptAsync(due, ct);
            if (!outcome.Delivered && log.IsEnabled(LogLevel.Information))
            {
                var attempt = due.Attempts + 1;
                log.LogInformation("Webhook {Webhook} delivery {Delivery} attempt {Attempt} failed: {Error}", due.WebhookId, due.Id, attempt, outcome.Error);
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Webhook delivery {Delivery} could not be recorded", due.Id);
        }
        finally
        {
            inFlight.TryRemove(due.Id, out _);
            wake.Release();
        }
    }

    private async Task<TimeSpan> NextWaitAsync(WebhookDispatcher dispatcher, EmailDigest? digest, bool full, TimeSpan poll, CancellationToken ct)
    {
        if (full)
        {
            return poll; // An attempt finishing wakes the loop.
        }

        var now = composition.Time.GetUtcNow();
        var next = await dispatcher.NextDueAtAsync(ct);
        if (digest is not null && await digest.NextDueAtAsync(ct) is { } mail && (next is null || mail < next))
        {
            next = mail;
        }

        if (next is not { } at)
        {
            return poll;
        }

        var wait = at - now;
        return wait < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : wait > poll ? poll : wait;
    }

    private static async Task ListenAsync(IAsyncEnumerable<AlertRaised> alerts, SemaphoreSlim wake, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in alerts.WithCancellation(ct))
            {
                wake.Release();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>The public address links in payloads and e-mails use: the configured one, else the first listening
    /// address.</summary>
    public static Uri SiteOf(DeliverySettings settings, ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var url = settings.SiteUrl ?? (options.Urls.Count > 0 ? options.Urls[0] : "http://127.0.0.1:5080");
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }
}
