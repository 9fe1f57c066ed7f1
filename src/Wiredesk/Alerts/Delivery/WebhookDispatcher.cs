using System.Text.Json;
using Wiredesk.Storage;

namespace Wiredesk.Alerts.Delivery;

/// <summary>What one pass did.</summary>
public sealed record DispatchPass(int AlertsRead, int DeliveriesCreated, int Attempts, int Delivered, int Failed);

/// <summary>Delivers alerts to webhooks, at least once: reads new alerts from the alerts table (the outbox) into
/// deliveries, claims the due ones, posts each signed payload with its idempotency key, and records the outcome —
/// 2xx delivered; anything else retried on the <see cref="RetrySchedule"/>; dead after the last attempt. Every
/// state lives in the store, so a pass after a restart carries on where the killed process stopped.</summary>
public sealed class WebhookDispatcher(Database database, WebhookSender sender, RetrySchedule schedule, DeliverySettings settings, Uri site, TimeProvider time)
{
    /// <summary>Deliveries in flight at once, so one slow receiver does not hold up everyone else's.</summary>
    public const int Parallelism = 8;

    private readonly DeliveryStore _deliveries = new(database);
    private readonly ArticleStore _articles = new(database);

    /// <summary>Fans out every alert stored since the last pass.</summary>
    public async Task<(int Alerts, int Deliveries)> EnqueueNewAlertsAsync(CancellationToken ct)
    {
        var alerts = 0;
        var deliveries = 0;
        while (true)
        {
            var (read, created) = await _deliveries.EnqueueNewAlertsAsync(time.GetUtcNow(), ct: ct);
            alerts += read;
            deliveries += created;
            if (read == 0)
            {
                return (alerts, deliveries);
            }
        }
    }

    /// <summary>Claims up to <paramref name="limit"/> due deliveries. The lease (two attempt timeouts) is how long a
    /// delivery stays taken: a process that dies mid-attempt leaves it to be tried again after that.</summary>
    public Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(int limit, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return _deliveries.ClaimDueAsync(now, now + (2 * settings.Webhooks.AttemptTimeout), limit, ct);
    }

    /// <summary>One attempt at a claimed delivery, recorded in the store.</summary>
    public async Task<AttemptOutcome> AttemptAsync(DueDelivery delivery, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var attempts = delivery.Attempts + 1;
        var details = await _deliveries.AlertDetailsAsync(delivery.AlertId, ct);
        if (details is null)
        {
            // The alert is gone (its reader's account was deleted): nothing to deliver, ever.
            await _deliveries.MarkFailedAsync(delivery.Id, attempts, null, "the alert no longer exists", null, ct);
            return new AttemptOutcome(false, null, "the alert no longer exists");
        }

        var article = await WebhookPayload.ArticleOfAsync(_articles, details.Alert.StoryId, ct);
        var body = JsonSerializer.Serialize(WebhookPayload.From(details, article, site, delivery.IdempotencyKey), JsonDefaults.Options);
        var signature = WebhookSignature.Sign(delivery.Secret, time.GetUtcNow(), body);
        var outcome = await sender.PostAsync(new Uri(delivery.Url), body, signature, delivery.IdempotencyKey, ct);
        if (outcome.Delivered)
        {
            await _deliveries.MarkDeliveredAsync(delivery.Id, attempts, outcome.Status ?? 200, time.GetUtcNow(), ct);
        }
        else
        {
            await _deliveries.MarkFailedAsync(delivery.Id, attempts, outcome.Status, outcome.Error ?? "failed", schedule.NextAttemptAt(attempts), ct);
        }

        return outcome;
    }

    /// <summary>A whole pass, awaited: fan out new alerts, then attempt everything due now, <see cref="Parallelism"/>
    /// at a time. The worker runs attempts without waiting for them; tests and tools call this.</summary>
    public async Task<DispatchPass> RunOnceAsync(CancellationToken ct)
    {
        var (alerts, created) = await EnqueueNewAlertsAsync(ct);
        var due = await ClaimDueAsync(1000, ct);
        var delivered = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (d, token) =>
        {
            if ((await AttemptAsync(d, token)).Delivered)
            {
                Interlocked.Increment(ref delivered);
            }
        });
        return new DispatchPass(alerts, created, due.Count, delivered, due.Count - delivered);
    }

    /// <summary>When the next pending delivery falls due, or null when none is pending.</summary>
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct) => _deliveries.NextDueAtAsync(ct);
}
