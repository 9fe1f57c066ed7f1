using System.Globalization;
using System.Text.Json;
using Dapper;
using Wiredesk.Alerts;

namespace Wiredesk.Storage;

/// <summary>Which change of a story an alert is about: its publication (or re-publication), a correction, a kill,
/// or — for a source set to breaking — a fully supported draft not yet published.</summary>
public enum AlertChange
{
    Published,
    Corrected,
    Killed,
    Breaking,
}

/// <summary>What an alert is about, as it stood when the alert was raised: the story, its article (null for a
/// breaking draft), the change and article version, the correction note or kill notice, the headline and a short
/// summary (the lede).</summary>
public sealed record AlertOrigin(string StoryId, long? ArticleId, AlertChange Change, int Version, string? Note, string Headline, string Summary);

/// <summary>An alert as stored for its reader: which story and change, which watchlist item (by position, and as the
/// reader had written it), direct or exposure, and the reason path (steps with fact ids).</summary>
public sealed record StoredAlert(
    long Id, long OwnerId, long WatchlistId, int ItemIndex, string ItemLabel, string StoryId, long? ArticleId, AlertChange Change, int Version,
    string? Note, string Headline, string Summary, MatchKind Kind, IReadOnlyList<ReasonStep> Reason, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public string ReasonText => string.Join(" → ", Reason.Select(s => s.Label));

    public bool IsRead => ReadAt is not null;
}

/// <summary>An alert just written: its id and its reader, which is all an <c>AlertRaised</c> message carries.</summary>
public sealed record NewAlert(long Id, long OwnerId, long? ArticleId);

/// <summary>A publication alerting has to read: an article version published (or corrected), or a kill.</summary>
public sealed record PublicationEvent(long ArticleId, long StoryId, int Version, AlertChange Change, string At);

/// <summary>Named queries over alerts. Alerts are written before any delivery is tried, so a restart loses none;
/// writing the same story change's matches again adds nothing (one alert per reader, story, change, version and
/// watchlist item).</summary>
public sealed class AlertStore(Database database)
{
    public const int MaxPage = 200;

    /// <summary>Stores the matches of one story change in one transaction; returns the alerts that were new.</summary>
    public async Task<IReadOnlyList<NewAlert>> AddAsync(AlertOrigin origin, IReadOnlyList<AlertMatch> matches, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(matches);
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var added = new List<NewAlert>();
        var createdAt = Format(at);
        foreach (var m in matches)
        {
            // The item's label is copied as the reader had written it: a later edit of the list does not rewrite
            // what an old alert said.
            var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                INSERT INTO alerts (owner_id, watchlist_id, item_position, item_label, story_id, article_id, change, version, note, headline, summary, kind, reason_json, created_at)
                VALUES (@OwnerId, @WatchlistId, @ItemIndex,
                    COALESCE((SELECT kind || ': ' || value FROM watchlist_items WHERE watchlist_id = @WatchlistId AND position = @ItemIndex), ''),
                    @StoryId, @ArticleId, @change, @Version, @Note, @Headline, @Summary, @kind, @reason, @createdAt)
                ON CONFLICT DO NOTHING RETURNING id
                """,
                new
                {
                    m.OwnerId,
                    m.WatchlistId,
                    m.ItemIndex,
                    origin.StoryId,
                    origin.ArticleId,
                    change = ChangeName(origin.Change),
                    origin.Version,
                    origin.Note,
                    origin.Headline,
                    origin.Summary,
                    kind = KindName(m.Kind),
                    reason = JsonSerializer.Serialize(m.Reason.Path, JsonDefaults.Options),
                    createdAt,
                },
                tx, cancellationToken: ct));
            if (id is { } newId)
            {
                added.Add(new NewAlert(newId, m.OwnerId, origin.ArticleId));
            }
        }

        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>Stores the matches of a story's first publication; returns how many were new.</summary>
    public async Task<int> AddAsync(string storyId, IReadOnlyList<AlertMatch> matches, DateTimeOffset at, CancellationToken ct = default) =>
        (await AddAsync(new AlertOrigin(storyId, null, AlertChange.Published, 1, null, "", ""), matches, at, ct)).Count;

    /// <summary>Tells every reader already alerted on the story (by any earlier change) about this change, once each,
    /// with the item and reason of their first alert on it — whether or not their watchlist still matches: a reader
    /// who acted on a story must hear that it was corrected or withdrawn.</summary>
    public async Task<IReadOnlyList<NewAlert>> AddFollowUpsAsync(AlertOrigin origin, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(origin);
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<(long Id, long OwnerId)>(new CommandDefinition(
            """
            INSERT INTO alerts (owner_id, watchlist_id, item_position, item_label, story_id, article_id, change, version, note, headline, summary, kind, reason_json, created_at)
            SELECT owner_id, watchlist_id, item_position, item_label, story_id, @ArticleId, @change, @Version, @Note, @Headline, @Summary, kind, reason_json, @createdAt
            FROM alerts
            WHERE id IN (SELECT MIN(id) FROM alerts WHERE story_id = @StoryId AND NOT (change = @change AND version = @Version) GROUP BY owner_id)
            ORDER BY id
            ON CONFLICT DO NOTHING RETURNING id, owner_id
            """,
            new { origin.StoryId, origin.ArticleId, change = ChangeName(origin.Change), origin.Version, origin.Note, origin.Headline, origin.Summary, createdAt = Format(at) },
            cancellationToken: ct));
        return [.. rows.OrderBy(r => r.Id).Select(r => new NewAlert(r.Id, r.OwnerId, origin.ArticleId))];
    }

    /// <summary>The readers already alerted on the story.</summary>
    public async Task<IReadOnlySet<long>> OwnersAlertedOnAsync(string storyId, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT owner_id FROM alerts WHERE story_id = @storyId", new { storyId }, cancellationToken: ct))).ToHashSet();
    }

    /// <summary>The owner's alerts, newest first: at most <paramref name="limit"/>, older than <paramref name="beforeId"/>
    /// when given (paging by id keeps pages stable while new alerts arrive).</summary>
    public async Task<IReadOnlyList<StoredAlert>> OfOwnerAsync(long ownerId, bool unreadOnly = false, int limit = 100, long? beforeId = null, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE owner_id = @ownerId {(unreadOnly ? "AND read_at IS NULL" : "")} {(beforeId is null ? "" : "AND id < @beforeId")} ORDER BY id DESC LIMIT @limit",
            new { ownerId, beforeId, limit = Math.Clamp(limit, 1, MaxPage) }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToAlert())];
    }

    /// <summary>One of the owner's alerts; null when the owner has no such alert (another reader's included).</summary>
    public async Task<StoredAlert?> GetAsync(long ownerId, long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"{Select} WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }, cancellationToken: ct));
        return row?.ToAlert();
    }

    /// <summary>Every reader's alerts with an id above <paramref name="afterId"/>, oldest first: what a delivery worker
    /// reads from its cursor.</summary>
    public async Task<IReadOnlyList<StoredAlert>> AfterAsync(long afterId, int limit = 100, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE id > @afterId ORDER BY id LIMIT @limit", new { afterId, limit = Math.Clamp(limit, 1, 10_000) }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToAlert())];
    }

    public async Task<int> UnreadCountAsync(long ownerId, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM alerts WHERE owner_id = @ownerId AND read_at IS NULL", new { ownerId }, cancellationToken: ct));
    }

    /// <summary>Marks one of the owner's alerts read; false when the owner has no such unread alert.</summary>
    public async Task<bool> MarkReadAsync(long ownerId, long id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET read_at = @at WHERE id = @id AND owner_id = @ownerId AND read_at IS NULL",
            new { id, ownerId, at = Format(at) }, cancellationToken: ct)) == 1;
    }

    /// <summary>Marks one of the owner's alerts unread again; false when the owner has no such read alert.</summary>
    public async Task<bool> MarkUnreadAsync(long ownerId, long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET read_at = NULL WHERE id = @id AND owner_id = @ownerId AND read_at IS NOT NULL",
            new { id, ownerId }, cancellationToken: ct)) == 1;
    }

    /// <summary>Marks every unread alert of the owner read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(long ownerId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alerts SET read_at = @at WHERE owner_id = @ownerId AND read_at IS NULL",
            new { ownerId, at = Format(at) }, cancellationToken: ct));
    }

    /// <summary>Where alerting stopped reading publications (the time of the newest one it handled).</summary>
    public async Task<string> ProgressAsync(CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT publications_at FROM alert_progress WHERE id = 1", cancellationToken: ct)) ?? "";
    }

    /// <summary>Moves the progress forward (never back) to <paramref name="at"/>.</summary>
    public async Task AdvanceProgressAsync(string at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alert_progress (id, publications_at) VALUES (1, @at) ON CONFLICT (id) DO UPDATE SET publications_at = MAX(publications_at, excluded.publications_at)",
            new { at }, cancellationToken: ct));
    }

    /// <summary>Moves the progress forward to the newest publication made (version published or kill).</summary>
    public async Task AdvanceProgressToNewestAsync(CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO alert_progress (id, publications_at)
            SELECT 1, COALESCE(MAX(at), '') FROM (
                SELECT max(published_at) AS at FROM article_versions
                UNION ALL
                SELECT max(killed_at) FROM articles WHERE killed_at IS NOT NULL)
            WHERE true
            ON CONFLICT (id) DO UPDATE SET publications_at = MAX(publications_at, excluded.publications_at)
            """, cancellationToken: ct));
    }

    /// <summary>Whether any alert was ever stored.</summary>
    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM alerts)", cancellationToken: ct)) == 1;
    }

    /// <summary>Publications (versions published and kills) at or after <paramref name="since"/>, oldest first. At,
    /// not after: two publications in the same instant are both read, and reading one twice adds no alert.</summary>
    public async Task<IReadOnlyList<PublicationEvent>> PublicationsSinceAsync(string since, int limit, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<(long ArticleId, long StoryId, long Version, string Change, string At)>(new CommandDefinition(
            """
            SELECT * FROM (
                SELECT v.article_id, a.story_id, v.version, CASE WHEN v.correction_note IS NULL THEN 'published' ELSE 'corrected' END AS change, v.published_at AS at
                FROM article_versions v JOIN articles a ON a.id = v.article_id WHERE v.published_at >= @since
                UNION ALL
                SELECT id, story_id, version, 'killed', killed_at FROM articles WHERE killed_at IS NOT NULL AND killed_at >= @since
            ) ORDER BY at, article_id LIMIT @limit
            """,
            new { since, limit }, cancellationToken: ct));
        return [.. rows.Select(r => new PublicationEvent(r.ArticleId, r.StoryId, (int)r.Version, ParseChange(r.Change), r.At))];
    }

    public static string ChangeName(AlertChange change) => change.ToString().ToLowerInvariant();

    public static AlertChange ParseChange(string change) => Enum.Parse<AlertChange>(change, ignoreCase: true);

    private const string Select =
        """
        SELECT id AS Id, owner_id AS OwnerId, watchlist_id AS WatchlistId, item_position AS ItemIndex, item_label AS ItemLabel, story_id AS StoryId,
            article_id AS ArticleId, change AS Change, version AS Version, note AS Note, headline AS Headline, summary AS Summary, kind AS Kind,
            reason_json AS ReasonJson, created_at AS CreatedAt, read_at AS ReadAt
        FROM alerts
        """;

    private static string KindName(MatchKind kind) => kind == MatchKind.Direct ? "direct" : "exposure";

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Settable properties: Dapper matches a constructor by column types, which a nullable column cannot give.</summary>
    private sealed class Row
    {
        public long Id { get; init; }
        public long OwnerId { get; init; }
        public long WatchlistId { get; init; }
        public long ItemIndex { get; init; }
        public string ItemLabel { get; init; } = "";
        public string StoryId { get; init; } = "";
        public long? ArticleId { get; init; }
        public string Change { get; init; } = "published";
        public long Version { get; init; }
        public string? Note { get; init; }
        public string Headline { get; init; } = "";
        public string Summary { get; init; } = "";
        public string Kind { get; init; } = "direct";
        public string ReasonJson { get; init; } = "[]";
        public string CreatedAt { get; init; } = "";
        public string? ReadAt { get; init; }

        public StoredAlert ToAlert() => new(
            Id, OwnerId, WatchlistId, (int)ItemIndex, ItemLabel, StoryId, ArticleId, ParseChange(Change), (int)Version, Note, Headline, Summary,
            Kind == "direct" ? MatchKind.Direct : MatchKind.Exposure,
            JsonSerializer.Deserialize<List<ReasonStep>>(ReasonJson, JsonDefaults.Options) ?? [],
            Parse(CreatedAt), ReadAt is null ? null : Parse(ReadAt));
    }
}
