using System.Globalization;
using Dapper;
using Wiredesk.Alerts.Delivery;

namespace Wiredesk.Storage;

/// <summary>A registered webhook as its owner sees it: never the secret (shown once, at registration).</summary>
public sealed record Webhook(long Id, long OwnerId, string Url, DateTimeOffset CreatedAt, bool Active);

/// <summary>A webhook with how its deliveries stand.</summary>
public sealed record WebhookSummary(Webhook Webhook, int Pending, int Delivered, int Dead);

/// <summary>Named queries over webhooks. Every query that takes an owner is scoped to that owner: another reader's
/// webhook is simply not found.</summary>
public sealed class WebhookStore(Database database)
{
    /// <summary>Registers the URL (checked by the caller with <see cref="WebhookUrlRules"/>) with a fresh secret and
    /// returns both: the only time the secret leaves the store.</summary>
    public async Task<(Webhook Webhook, string Secret)> AddAsync(long ownerId, string url, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var secret = WebhookSignature.NewSecret();
        await using var connection = await database.ConnectAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"INSERT INTO webhooks (owner_id, url, secret, created_at, active) VALUES (@ownerId, @url, @secret, @at, 1) {database.Dialect.InsertReturningId}",
            new { ownerId, url, secret, at = ReportStore.Format(at) }, cancellationToken: ct));
        return (new Webhook(id, ownerId, url, at, true), secret);
    }

    /// <summary>The owner's webhooks, oldest first, with their delivery counts by status.</summary>
    public async Task<IReadOnlyList<WebhookSummary>> OfOwnerAsync(long ownerId, CancellationToken ct = default) =>
        await QueryAsync("w.owner_id = @ownerId", new { ownerId }, ct);

    public async Task<WebhookSummary?> GetAsync(long ownerId, long id, CancellationToken ct = default) =>
        (await QueryAsync("w.owner_id = @ownerId AND w.id = @id", new { ownerId, id }, ct)).SingleOrDefault();

    public async Task<int> CountOfOwnerAsync(long ownerId, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM webhooks WHERE owner_id = @ownerId", new { ownerId }, cancellationToken: ct));
    }

    /// <summary>Deletes the webhook and its deliveries; false when the owner has no such webhook.</summary>
    public async Task<bool> DeleteAsync(long ownerId, long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhooks WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }, cancellationToken: ct)) == 1;
    }

    /// <summary>Stops (or resumes) new deliveries to the webhook; false when the owner has no such webhook.</summary>
    public async Task<bool> SetActiveAsync(long ownerId, long id, bool active, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks SET active = @active, disabled_at = CASE WHEN @active = 1 THEN NULL ELSE @at END WHERE id = @id AND owner_id = @ownerId",
            new { id, ownerId, active = active ? 1 : 0, at = ReportStore.Format(at) }, cancellationToken: ct)) == 1;
    }

    private async Task<IReadOnlyList<WebhookSummary>> QueryAsync(string where, object parameters, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT w.id AS Id, w.owner_id AS OwnerId, w.url AS Url, w.created_at AS CreatedAt, w.active AS Active,
                (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'pending') AS Pending,
                (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'delivered') AS Delivered,
                (SELECT count(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.status = 'dead') AS Dead
            FROM webhooks w WHERE {where} ORDER BY w.id
            """,
            parameters, cancellationToken: ct));
        return [.. rows.Select(r => new WebhookSummary(
            new Webhook(r.Id, r.OwnerId, r.Url, DateTimeOffset.Parse(r.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), r.Active != 0),
            (int)r.Pending, (int)r.Delivered, (int)r.Dead))];
    }

    // Settable properties rather than a constructor: the count columns are expressions without a declared type, so
    // on an empty result SQLite reports them as blobs and Dapper would find no matching constructor.
    private sealed class Row
    {
        public long Id { get; init; }
        public long OwnerId { get; init; }
        public string Url { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public long Active { get; init; }
        public long Pending { get; init; }
        public long Delivered { get; init; }
        public long Dead { get; init; }
    }
}
