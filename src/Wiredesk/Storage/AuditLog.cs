using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Wiredesk.Storage;

/// <summary>One audit entry: who (user id may be null for the system itself), what, on which target.</summary>
public sealed record AuditEntry(DateTimeOffset At, long? UserId, string UserName, string Action, string TargetType, string TargetId, string? Detail = null)
{
    public long Id { get; init; }
}

/// <summary>The append-only audit log. Entries are written in the transaction of the action they record, so an
/// action and its entry commit or fail together.</summary>
public sealed class AuditLog(Database database)
{
    private const string Columns = "id AS Id, at AS At, user_id AS UserId, user_name AS UserName, action AS Action, target_type AS TargetType, target_id AS TargetId, detail AS Detail";

    public static Task RecordAsync(DbConnection connection, DbTransaction tx, AuditEntry entry, CancellationToken ct = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, user_id, user_name, action, target_type, target_id, detail) VALUES (@at, @UserId, @UserName, @Action, @TargetType, @TargetId, @Detail)",
            new { at = entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture), entry.UserId, entry.UserName, entry.Action, entry.TargetType, entry.TargetId, entry.Detail },
            tx,
            cancellationToken: ct));

    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await RecordAsync(connection, tx, entry, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Newest first; optionally only the entries of one target.</summary>
    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(int limit, string? targetType = null, string? targetId = null, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            targetType is null
                ? $"SELECT {Columns} FROM audit_log ORDER BY id DESC LIMIT @limit"
                : $"SELECT {Columns} FROM audit_log WHERE target_type = @targetType AND target_id = @targetId ORDER BY id DESC LIMIT @limit",
            new { limit, targetType, targetId },
            cancellationToken: ct));
        return [.. rows.Select(r => new AuditEntry(DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture), r.UserId, r.UserName, r.Action, r.TargetType, r.TargetId, r.Detail) { Id = r.Id })];
    }

    private sealed record AuditRow(long Id, string At, long? UserId, string UserName, string Action, string TargetType, string TargetId, string? Detail);
}
