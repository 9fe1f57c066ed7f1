using System.Globalization;
using System.Text.Json;
using Dapper;
using Wiredesk.Alerts;

namespace Wiredesk.Storage;

/// <summary>An alert as stored for its reader: which story, which watchlist item, direct or exposure, and the reason
/// path (steps with fact ids).</summary>
public sealed record StoredAlert(long Id, long OwnerId, long WatchlistId, int ItemIndex, string StoryId, MatchKind Kind, IReadOnlyList<ReasonStep> Reason, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>Named queries over alerts. Alerts are written before any delivery is tried, so a restart loses none;
/// writing the same story's matches again adds nothing (one alert per reader, story and watchlist item).</summary>
public sealed class AlertStore(Database database)
{
    /// <summary>Stores the matches of one story in one transaction; returns how many were new.</summary>
    public async Task<int> AddAsync(string storyId, IReadOnlyList<AlertMatch> matches, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(storyId);
        ArgumentNullException.ThrowIfNull(matches);
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var added = 0;
        var createdAt = Format(at);
        foreach (var m in matches)
        {
            added += await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO alerts (owner_id, watchlist_id, item_position, story_id, kind, reason_json, created_at) " +
                "VALUES (@OwnerId, @WatchlistId, @ItemIndex, @storyId, @kind, @reason, @createdAt) ON CONFLICT DO NOTHING",
                new { m.OwnerId, m.WatchlistId, m.ItemIndex, storyId, kind = KindName(m.Kind), reason = JsonSerializer.Serialize(m.Reason.Path, JsonDefaults.Options), createdAt },
                tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>The owner's alerts, newest first.</summary>
    public async Task<IReadOnlyList<StoredAlert>> OfOwnerAsync(long ownerId, bool unreadOnly = false, int limit = 100, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id AS Id, owner_id AS OwnerId, watchlist_id AS WatchlistId, item_position AS ItemIndex, story_id AS StoryId, kind AS Kind, reason_json AS ReasonJson, created_at AS CreatedAt, read_at AS ReadAt " +
            $"FROM alerts WHERE owner_id = @ownerId {(unreadOnly ? "AND read_at IS NULL" : "")} ORDER BY created_at DESC, id DESC LIMIT @limit",
            new { ownerId, limit }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToAlert())];
    }

    /// <summary>Marks one of the owner's alerts read; false when the owner has no such unread alert.</summary>
    public async Task<bool> MarkReadAsync(long ownerId, long id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET read_at = @at WHERE id = @id AND owner_id = @ownerId AND read_at IS NULL",
            new { id, ownerId, at = Format(at) }, cancellationToken: ct)) == 1;
    }

    private static string KindName(MatchKind kind) => kind == MatchKind.Direct ? "direct" : "exposure";

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private sealed record Row(long Id, long OwnerId, long WatchlistId, long ItemIndex, string StoryId, string Kind, string ReasonJson, string CreatedAt, string? ReadAt)
    {
        public StoredAlert ToAlert() => new(
            Id, OwnerId, WatchlistId, (int)ItemIndex, StoryId, Kind == "direct" ? MatchKind.Direct : MatchKind.Exposure,
            JsonSerializer.Deserialize<List<ReasonStep>>(ReasonJson, JsonDefaults.Options) ?? [],
            Parse(CreatedAt), ReadAt is null ? null : Parse(ReadAt));
    }
}
