using System.Globalization;
using Dapper;

namespace Wiredesk.Storage;

/// <summary>A feed or page URL polled on its own interval, with its conditional-GET validators and health.</summary>
public sealed record Source
{
    public required long Id { get; init; }
    public required string Url { get; init; }
    public string? Name { get; init; }
    public required TimeSpan PollInterval { get; init; }
    public required DateTimeOffset NextPollAt { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastPolledAt { get; init; }
    public DateTimeOffset? LastSuccessAt { get; init; }
    public string? LastStatus { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }
    public long ItemsSeen { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Named queries over the sources table. Times are stored as sortable UTC text, so "due" is an index
/// range scan on next_poll_at.</summary>
public sealed class SourceStore(Database database)
{
    private const string Columns = """
        id AS Id, url AS Url, name AS Name, poll_interval_s AS PollIntervalSeconds, next_poll_at AS NextPollAt, etag AS ETag,
        last_modified AS LastModified, last_polled_at AS LastPolledAt, last_success_at AS LastSuccessAt,
        last_status AS LastStatus, last_error AS LastError, consecutive_failures AS ConsecutiveFailures,
        items_seen AS ItemsSeen, created_at AS CreatedAt
        """;

    /// <summary>Registers the URL (due at once) or returns the source already registered under it.</summary>
    public async Task<Source> AddOrGetAsync(string url, TimeSpan interval, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sources (url, poll_interval_s, next_poll_at, created_at)
            VALUES (@url, @interval, @now, @now)
            ON CONFLICT(url) DO NOTHING
            """,
            new { url, interval = (long)Math.Max(1, interval.TotalSeconds), now = Format(now) },
            tx,
            cancellationToken: ct));
        var row = await connection.QuerySingleAsync<SourceRow>(new CommandDefinition($"SELECT {Columns} FROM sources WHERE url = @url", new { url }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row.ToSource();
    }

    /// <summary>Sources whose next poll time has come, earliest first.</summary>
    public async Task<IReadOnlyList<Source>> DueSourcesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM sources WHERE next_poll_at <= @now ORDER BY next_poll_at, id",
            new { now = Format(now) },
            cancellationToken: ct));
        return rows.Select(r => r.ToSource()).ToList();
    }

    public async Task<IReadOnlyList<Source>> AllAsync(CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<SourceRow>(new CommandDefinition($"SELECT {Columns} FROM sources ORDER BY url", cancellationToken: ct));
        return rows.Select(r => r.ToSource()).ToList();
    }

    /// <summary>A 200 with a parsed body: new validators, failures reset, next poll one interval on.</summary>
    public async Task RecordSuccessAsync(long id, int status, string? etag, string? lastModified, int itemCount, DateTimeOffset now, CancellationToken ct)
    {
        await ExecuteAsync(
            """
            UPDATE sources SET etag = @etag, last_modified = @lastModified, last_polled_at = @now, last_success_at = @now,
                last_status = @status, last_error = NULL, consecutive_failures = 0, items_seen = items_seen + @itemCount,
                next_poll_at = strftime('%Y-%m-%dT%H:%M:%fZ', @now, '+' || poll_interval_s || ' seconds')
            WHERE id = @id
            """,
            new { id, status = status.ToString(CultureInfo.InvariantCulture), etag, lastModified, itemCount, now = Format(now) },
            ct);
    }

    /// <summary>A 304: the source is healthy and unchanged; validators stay.</summary>
    public async Task RecordNotModifiedAsync(long id, DateTimeOffset now, CancellationToken ct)
    {
        await ExecuteAsync(
            """
            UPDATE sources SET last_polled_at = @now, last_success_at = @now, last_status = '304', last_error = NULL,
                consecutive_failures = 0, next_poll_at = strftime('%Y-%m-%dT%H:%M:%fZ', @now, '+' || poll_interval_s || ' seconds')
            WHERE id = @id
            """,
            new { id, now = Format(now) },
            ct);
    }

    /// <summary>A failed poll: the next poll waits interval × 2^failures, capped at <paramref name="maxBackoff"/>.</summary>
    public async Task RecordFailureAsync(long id, string error, DateTimeOffset now, TimeSpan maxBackoff, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = await connection.QuerySingleAsync<(long Interval, int Failures)>(new CommandDefinition(
            "SELECT poll_interval_s, consecutive_failures FROM sources WHERE id = @id", new { id }, tx, cancellationToken: ct));
        var failures = current.Failures + 1;
        var delay = Backoff(TimeSpan.FromSeconds(current.Interval), failures, maxBackoff);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE sources SET last_polled_at = @now, last_status = 'failed', last_error = @error,
                consecutive_failures = @failures, next_poll_at = @next
            WHERE id = @id
            """,
            new { id, error, failures, now = Format(now), next = Format(now + delay) },
            tx,
            cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>interval × 2^failures, never more than the cap (and never overflowing on a long outage).</summary>
    public static TimeSpan Backoff(TimeSpan interval, int failures, TimeSpan cap)
    {
        var factor = Math.Pow(2, Math.Clamp(failures, 0, 40));
        var seconds = interval.TotalSeconds * factor;
        return seconds >= cap.TotalSeconds ? cap : TimeSpan.FromSeconds(seconds);
    }

    internal static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record SourceRow
    {
        public long Id { get; init; }
        public string Url { get; init; } = "";
        public string? Name { get; init; }
        public long PollIntervalSeconds { get; init; }
        public string NextPollAt { get; init; } = "";
        public string? ETag { get; init; }
        public string? LastModified { get; init; }
        public string? LastPolledAt { get; init; }
        public string? LastSuccessAt { get; init; }
        public string? LastStatus { get; init; }
        public string? LastError { get; init; }
        public long ConsecutiveFailures { get; init; }
        public long ItemsSeen { get; init; }
        public string CreatedAt { get; init; } = "";

        public Source ToSource() => new()
        {
            Id = Id,
            Url = Url,
            Name = Name,
            PollInterval = TimeSpan.FromSeconds(PollIntervalSeconds),
            NextPollAt = ParseTime(NextPollAt),
            ETag = ETag,
            LastModified = LastModified,
            LastPolledAt = LastPolledAt is null ? null : ParseTime(LastPolledAt),
            LastSuccessAt = LastSuccessAt is null ? null : ParseTime(LastSuccessAt),
            LastStatus = LastStatus,
            LastError = LastError,
            ConsecutiveFailures = (int)ConsecutiveFailures,
            ItemsSeen = ItemsSeen,
            CreatedAt = ParseTime(CreatedAt),
        };
    }
}
