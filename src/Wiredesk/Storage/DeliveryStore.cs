using System.Globalization;
using Dapper;

namespace Wiredesk.Storage;

/// <summary>Where a webhook delivery stands.</summary>
public enum DeliveryStatus
{
    Pending,
    Delivered,
    Dead,
}

/// <summary>One alert's delivery to one webhook, as its owner sees it.</summary>
public sealed record Delivery(
    long Id, long AlertId, long WebhookId, string IdempotencyKey, DeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt,
    int? LastStatus, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>A delivery claimed for an attempt: where to post and the secret to sign with.</summary>
public sealed record DueDelivery(long Id, long AlertId, long WebhookId, string Url, string Secret, string IdempotencyKey, int Attempts);

/// <summary>What a payload says about an alert: the stored alert, the matched watchlist item (null when the watchlist
/// was deleted since), and what the story did (<c>published</c> unless the alerts table records a correction or kill).</summary>
public sealed record AlertDetails(StoredAlert Alert, string? WatchlistName, string? ItemKind, string? ItemValue, string Change, string? Note);

/// <summary>Webhook deliveries: fanned out from the alerts outbox, claimed when due, finished as delivered, retried
/// or dead, replayed by their owner. Retry times live in the table, so a restart keeps every schedule.</summary>
public sealed class DeliveryStore(Database database)
{
    public const string WebhookCursor = "webhooks";

    /// <summary>Turns alerts after the cursor into one pending delivery per active webhook of the alert's owner, due
    /// now, and moves the cursor past them — in one transaction, so an alert is either fanned out and passed or
    /// neither. Reads at most <paramref name="batch"/> alerts; returns how many deliveries were created.</summary>
    public async Task<(int Alerts, int Deliveries)> EnqueueNewAlertsAsync(DateTimeOffset now, int batch = 500, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var cursor = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT alert_id FROM delivery_cursor WHERE name = @name", new { name = WebhookCursor }, tx, cancellationToken: ct));
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT max(id) FROM (SELECT id FROM alerts WHERE id > @cursor ORDER BY id LIMIT @batch)", new { cursor, batch }, tx, cancellationToken: ct));
        if (last is not { } upTo)
        {
            return (0, 0);
        }

        var at = ReportStore.Format(now);
        var created = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (alert_id, webhook_id, idempotency_key, status, attempts, next_attempt_at, created_at)
            SELECT a.id, w.id, 'wd-' || a.id || '-' || w.id, 'pending', 0, @at, @at
            FROM alerts a JOIN webhooks w ON w.owner_id = a.owner_id AND w.active = 1
            WHERE a.id > @cursor AND a.id <= @upTo
            ON CONFLICT DO NOTHING
            """,
            new { cursor, upTo, at }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE delivery_cursor SET alert_id = @upTo WHERE name = @name", new { upTo, name = WebhookCursor }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return ((int)(upTo - cursor), created);
    }

    /// <summary>Claims up to <paramref name="limit"/> pending deliveries due at <paramref name="now"/> for an attempt:
    /// their next attempt time becomes <paramref name="leaseUntil"/>, so no other pass takes them meanwhile, and a
    /// process killed mid-attempt tries again once the lease has run out.</summary>
    public async Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = (await connection.QueryAsync<DueRow>(new CommandDefinition(
            """
            SELECT d.id AS Id, d.alert_id AS AlertId, d.webhook_id AS WebhookId, w.url AS Url, w.secret AS Secret,
                d.idempotency_key AS IdempotencyKey, d.attempts AS Attempts
            FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= @now AND w.active = 1
            ORDER BY d.next_attempt_at, d.id LIMIT @limit
            """,
            new { now = ReportStore.Format(now), limit }, tx, cancellationToken: ct))).Select(r => r.ToDue()).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET next_attempt_at = @lease, last_attempt_at = @now WHERE id = @Id",
            rows.Select(r => new { r.Id, lease = ReportStore.Format(leaseUntil), now = ReportStore.Format(now) }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return rows;
    }

    /// <summary>The receiver answered 2xx.</summary>
    public async Task MarkDeliveredAsync(long id, int attempts, int status, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = 'delivered', attempts = @attempts, last_status = @status, last_error = NULL, next_attempt_at = NULL, delivered_at = @at WHERE id = @id",
            new { id, attempts, status, at = ReportStore.Format(at) }, cancellationToken: ct));
    }

    /// <summary>The attempt failed: try again at <paramref name="nextAttemptAt"/>, or, when null, the delivery is dead.</summary>
    public async Task MarkFailedAsync(long id, int attempts, int? status, string error, DateTimeOffset? nextAttemptAt, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET status = @state, attempts = @attempts, last_status = @status, last_error = @error, next_attempt_at = @next WHERE id = @id",
            new { id, attempts, status, error, state = nextAttemptAt is null ? "dead" : "pending", next = nextAttemptAt is { } n ? ReportStore.Format(n) : null },
            cancellationToken: ct));
    }

    /// <summary>The earliest time a pending delivery falls due (leases included), or null when none is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT min(d.next_attempt_at) FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id WHERE d.status = 'pending' AND w.active = 1",
            cancellationToken: ct));
        return next is null ? null : Parse(next);
    }

    /// <summary>The deliveries of one of the owner's webhooks, newest first; null when the owner has no such webhook.</summary>
    public async Task<IReadOnlyList<Delivery>?> OfWebhookAsync(long ownerId, long webhookId, DeliveryStatus? status = null, int limit = 100, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var owned = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM webhooks WHERE id = @webhookId AND owner_id = @ownerId", new { webhookId, ownerId }, cancellationToken: ct));
        if (owned == 0)
        {
            return null;
        }

        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE webhook_id = @webhookId {(status is null ? "" : "AND status = @state")} ORDER BY id DESC LIMIT @limit",
            new { webhookId, state = status is { } s ? Name(s) : null, limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToDelivery())];
    }

    public async Task<Delivery?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct)))?.ToDelivery();
    }

    /// <summary>Puts one of the owner's dead deliveries back in the queue, due now, with a fresh set of attempts and
    /// the same idempotency key. False when the owner has no such dead delivery on that webhook.</summary>
    public async Task<bool> ReplayAsync(long ownerId, long webhookId, long deliveryId, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = @now
            WHERE id = @deliveryId AND webhook_id = @webhookId AND status = 'dead'
              AND webhook_id IN (SELECT id FROM webhooks WHERE owner_id = @ownerId)
            """,
            new { ownerId, webhookId, deliveryId, now = ReportStore.Format(now) }, cancellationToken: ct)) == 1;
    }

    /// <summary>The alert as a payload describes it: the stored alert (with its change and note) and the watchlist
    /// item as the reader typed it (null once the watchlist is gone).</summary>
    public async Task<AlertDetails?> AlertDetailsAsync(long alertId, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var ownerId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT owner_id FROM alerts WHERE id = @alertId", new { alertId }, cancellationToken: ct));
        if (ownerId is null || await new AlertStore(database).GetAsync(ownerId.Value, alertId, ct) is not { } alert)
        {
            return null;
        }

        var item = await connection.QuerySingleOrDefaultAsync<(string Name, string Kind, string Value)?>(new CommandDefinition(
            "SELECT w.name, i.kind, i.value FROM watchlists w JOIN watchlist_items i ON i.watchlist_id = w.id WHERE w.id = @WatchlistId AND i.position = @ItemIndex",
            new { alert.WatchlistId, alert.ItemIndex }, cancellationToken: ct));
        return new AlertDetails(alert, item?.Name, item?.Kind, item?.Value, alert.Change.ToString().ToLowerInvariant(), alert.Note);
    }

    /// <summary>The owner's alerts after <paramref name="afterId"/>, oldest first (the e-mail digest's input).</summary>
    public async Task<IReadOnlyList<AlertDetails>> AlertsOfOwnerAfterAsync(long ownerId, long afterId, int limit, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM alerts WHERE owner_id = @ownerId AND id > @afterId ORDER BY id LIMIT @limit", new { ownerId, afterId, limit }, cancellationToken: ct));
        var details = new List<AlertDetails>();
        foreach (var id in ids)
        {
            if (await AlertDetailsAsync(id, ct) is { } d)
            {
                details.Add(d);
            }
        }

        return details;
    }

    private const string Select =
        """
        SELECT id AS Id, alert_id AS AlertId, webhook_id AS WebhookId, idempotency_key AS IdempotencyKey, status AS Status, attempts AS Attempts,
            next_attempt_at AS NextAttemptAt, last_status AS LastStatus, last_error AS LastError, created_at AS CreatedAt,
            last_attempt_at AS LastAttemptAt, delivered_at AS DeliveredAt
        FROM webhook_deliveries
        """;

    public static string Name(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record DueRow(long Id, long AlertId, long WebhookId, string Url, string Secret, string IdempotencyKey, long Attempts)
    {
        public DueDelivery ToDue() => new(Id, AlertId, WebhookId, Url, Secret, IdempotencyKey, (int)Attempts);
    }

    private sealed record Row(
        long Id, long AlertId, long WebhookId, string IdempotencyKey, string Status, long Attempts, string? NextAttemptAt,
        long? LastStatus, string? LastError, string CreatedAt, string? LastAttemptAt, string? DeliveredAt)
    {
        public Delivery ToDelivery() => new(
            Id, AlertId, WebhookId, IdempotencyKey, Enum.Parse<DeliveryStatus>(Status, ignoreCase: true), (int)Attempts,
            NextAttemptAt is null ? null : Parse(NextAttemptAt), LastStatus is null ? null : (int)LastStatus, LastError, Parse(CreatedAt),
            LastAttemptAt is null ? null : Parse(LastAttemptAt), DeliveredAt is null ? null : Parse(DeliveredAt));
    }
}
