using System.Globalization;
using Dapper;

namespace Wiredesk.Storage;

/// <summary>A reader's e-mail digest: where, how often, and how far it has got (the last alert id sent).</summary>
public sealed record DigestSubscription(long OwnerId, string Address, TimeSpan Interval, long LastAlertId, DateTimeOffset? LastSentAt, DateTimeOffset CreatedAt)
{
    /// <summary>The next digest is due one interval after the last one (or after subscribing).</summary>
    public DateTimeOffset DueAt => (LastSentAt ?? CreatedAt) + Interval;
}

/// <summary>E-mail digest subscriptions, one per reader.</summary>
public sealed class EmailDigestStore(Database database)
{
    /// <summary>Subscribes the owner (or changes address and interval). A new subscription starts after the owner's
    /// newest alert: the first digest holds what comes next, not the whole history.</summary>
    public async Task<DigestSubscription> SubscribeAsync(long ownerId, string address, TimeSpan interval, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await database.ConnectAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO email_digests (owner_id, address, interval_minutes, last_alert_id, created_at)
            VALUES (@ownerId, @address, @minutes, (SELECT coalesce(max(id), 0) FROM alerts WHERE owner_id = @ownerId), @at)
            ON CONFLICT (owner_id) DO UPDATE SET address = excluded.address, interval_minutes = excluded.interval_minutes
            """,
            new { ownerId, address, minutes = (long)interval.TotalMinutes, at = ReportStore.Format(at) }, cancellationToken: ct));
        return (await GetAsync(ownerId, ct))!;
    }

    public async Task<bool> UnsubscribeAsync(long ownerId, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition("DELETE FROM email_digests WHERE owner_id = @ownerId", new { ownerId }, cancellationToken: ct)) == 1;
    }

    public async Task<DigestSubscription?> GetAsync(long ownerId, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE owner_id = @ownerId", new { ownerId }, cancellationToken: ct)))?.ToSubscription();
    }

    /// <summary>Every subscription (few: one per subscribed reader), for the digest pass.</summary>
    public async Task<IReadOnlyList<DigestSubscription>> AllAsync(CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return [.. (await connection.QueryAsync<Row>(new CommandDefinition($"{Select} ORDER BY owner_id", cancellationToken: ct))).Select(r => r.ToSubscription())];
    }

    /// <summary>Records a digest the SMTP server accepted (or an interval with nothing to send): the next one starts
    /// after <paramref name="lastAlertId"/>.</summary>
    public async Task MarkSentAsync(long ownerId, long lastAlertId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE email_digests SET last_alert_id = max(last_alert_id, @lastAlertId), last_sent_at = @at WHERE owner_id = @ownerId",
            new { ownerId, lastAlertId, at = ReportStore.Format(at) }, cancellationToken: ct));
    }

    private const string Select =
        "SELECT owner_id AS OwnerId, address AS Address, interval_minutes AS IntervalMinutes, last_alert_id AS LastAlertId, last_sent_at AS LastSentAt, created_at AS CreatedAt FROM email_digests";

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record Row(long OwnerId, string Address, long IntervalMinutes, long LastAlertId, string? LastSentAt, string CreatedAt)
    {
        public DigestSubscription ToSubscription() =>
            new(OwnerId, Address, TimeSpan.FromMinutes(IntervalMinutes), LastAlertId, LastSentAt is null ? null : Parse(LastSentAt), Parse(CreatedAt));
    }
}
