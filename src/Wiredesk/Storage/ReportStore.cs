using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Wiredesk.Ingest;

namespace Wiredesk.Storage;

/// <summary>Reports, their versions, their de-duplication bands and their analyses. Callers pass the open
/// transaction so that a report, its bands and its analysis are written together or not at all.</summary>
public sealed class ReportStore(Database database)
{
    public Database Database { get; } = database;

    public static async Task<long?> FindByContentHashAsync(DbConnection connection, DbTransaction? tx, string hash) =>
        (long?)await connection.ScalarAsync(tx, "SELECT report_id FROM report_versions WHERE content_hash = @hash LIMIT 1", ("@hash", hash));

    public static async Task<long?> FindByGuidAsync(DbConnection connection, DbTransaction? tx, string? source, string guid) =>
        (long?)await connection.ScalarAsync(tx, "SELECT id FROM reports WHERE guid = @guid AND source IS @source LIMIT 1", ("@guid", guid), ("@source", source));

    /// <summary>Reports sharing at least one LSH band with the given ones, those sharing the most bands first and, among
    /// those sharing as many, the newest first; <see cref="MaxCandidates"/> at most. The SQL is one statement whose OR
    /// terms SQLite answers with one index search per band and table (a MULTI-INDEX OR plan), whatever the number of
    /// stored reports.</summary>
    public static async Task<IReadOnlyList<long>> FindNearDuplicateCandidatesAsync(DbConnection connection, DbTransaction? tx, long[] bandHashes)
    {
        ArgumentNullException.ThrowIfNull(bandHashes);
        var cache = StoryStateCache.Of(connection);
        var matches = new List<long>();
        if (cache.BandFilter is { } filter)
        {
            // The batched writer's rows of its open transaction are in memory, not yet in a table: the newest, so read
            // first. Then it asks its filter: no band of the report may be stored, no candidate in the tables.
            cache.PendingBands?.AddMatches(bandHashes, matches, MaxBandMatches);
            await cache.CheckAsync(connection, tx);
            if (await filter.MayHoldAnyAsync(connection, tx, bandHashes))
            {
                await ReadBandMatchesAsync(connection, tx, bandHashes, matches);
            }
        }
        else
        {
            await ReadBandMatchesAsync(connection, tx, bandHashes, matches);
        }

        return Ranked(matches);
    }

    /// <summary>Reports compared exactly at most. A stored copy of the same text shares about 7 of 32 bands at Jaccard 0.6
    /// and nearly all of them above 0.9; an unrelated report on the same subject shares one now and then. Ranking by
    /// bands shared puts the copies first, and the newest first among equals (a re-send follows its original closely),
    /// so a store holding thousands of reports that share a band or two with a new one compares 16, not all of them:
    /// most of those are old, and comparing one whose shingles are no longer kept means reading and shingling its text
    /// again (docs/ingest.md, "Writer speed, session 7").</summary>
    internal const int MaxCandidates = 16;

    /// <summary>Band rows read at most for one lookup from the tables: a band shared by thousands of reports (a short
    /// stock text) cannot make one lookup read them all. The newest rows are read first (the open transaction's, then
    /// report_bands_recent's), so a crowd of old rows never hides a recent original.</summary>
    private const int MaxBandMatches = 1024;

    private static List<long> Ranked(List<long> matches)
    {
        if (matches.Count <= 1)
        {
            return matches;
        }

        var shared = new Dictionary<long, int>();
        foreach (var id in matches)
        {
            shared[id] = shared.GetValueOrDefault(id) + 1;
        }

        return [.. shared.OrderByDescending(s => s.Value).ThenByDescending(s => s.Key).Take(MaxCandidates).Select(s => s.Key)];
    }

    private static async Task ReadBandMatchesAsync(DbConnection connection, DbTransaction? tx, long[] bandHashes, List<long> matches)
    {
        await using var reader = await connection.ReadAsync(tx, BandQuery(bandHashes.Length), BandValues(bandHashes));
        while (await reader.ReadAsync())
        {
            matches.Add(reader.GetInt64(0));
        }
    }

    public static async Task<string?> GetTextAsync(DbConnection connection, DbTransaction? tx, long id) =>
        (string?)await connection.ScalarAsync(tx, "SELECT text FROM reports WHERE id = @id", ("@id", id));

    /// <summary>Stores a new report with its first version and its bands. The rows are written through statements kept
    /// compiled on the connection's handle and bound by position (<see cref="NativeStatement"/>): every report writes
    /// them, and binding a dozen values by name cost more than writing the rows.</summary>
    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction tx, Report report, byte[] raw, string? rawType, long[] bandHashes)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(raw);
        var insert = NativeStatement.Kept(
            connection,
            """
            INSERT INTO reports (title, text, source, url, guid, language, published_at, received_at, content_hash, raw, raw_type,
                                 image_credit, image_url, boilerplate, version, updated_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?8)
            RETURNING id
            """);
        insert.Bind(1, report.Title);
        insert.Bind(2, report.Text);
        insert.Bind(3, report.Source);
        insert.Bind(4, report.Url);
        insert.Bind(5, report.Guid);
        insert.Bind(6, report.Language);
        insert.Bind(7, report.PublishedAt is { } published ? Format(published) : null);
        insert.Bind(8, Format(report.ReceivedAt));
        insert.Bind(9, report.ContentHash);
        insert.BindBlob(10, raw);
        insert.Bind(11, rawType);
        insert.Bind(12, report.ImageCredit);
        insert.Bind(13, report.ImageUrl);
        insert.Bind(14, JsonSerializer.Serialize(report.Boilerplate));
        long? id = null;
        while (insert.Next())
        {
            id = insert.Int64(0);
        }

        InsertVersion(connection, id!.Value, 1, report);
        await InsertBandsAsync(connection, tx, id.Value, bandHashes);
        return id.Value;
    }

    /// <summary>Makes the given content the report's current version, keeping every earlier version.</summary>
    public static async Task<int> AddVersionAsync(DbConnection connection, DbTransaction tx, long id, Report report, byte[] raw, string? rawType, long[] bandHashes)
    {
        var version = 1 + await connection.ExecuteScalarAsync<int>("SELECT max(version) FROM report_versions WHERE report_id = @id", new { id }, tx);
        // The version being replaced keeps its text and bytes in its own row from now on (migration 010).
        await connection.RunAsync(
            tx,
            """
            UPDATE report_versions SET text = r.text, raw = r.raw
            FROM (SELECT text, raw, version FROM reports WHERE id = @id) AS r
            WHERE report_id = @id AND report_versions.version = r.version
            """,
            ("@id", id));
        var p = Parameters(report, raw, rawType);
        p.Add("id", id);
        p.Add("version", version);
        await connection.ExecuteAsync(
            """
            UPDATE reports SET title = @Title, text = @Text, content_hash = @ContentHash, raw = @raw, raw_type = @rawType,
                   published_at = coalesce(@PublishedAt, published_at), image_credit = coalesce(@ImageCredit, image_credit),
                   image_url = coalesce(@ImageUrl, image_url), boilerplate = @boilerplate, version = @version, updated_at = @ReceivedAt
            WHERE id = @id
            """,
            p, tx);
        InsertVersion(connection, id, version, report);
        await InsertBandsAsync(connection, tx, id, bandHashes);
        return version;
    }

    public static async Task SaveAnalysisAsync(DbConnection connection, DbTransaction tx, long id, int analyzerVersion, string analysisJson, DateTimeOffset at) =>
        await connection.RunAsync(
            tx,
            """
            INSERT INTO report_analyses (report_id, analyzer_version, analysis, analyzed_at) VALUES (@id, @analyzerVersion, @analysisJson, @at)
            ON CONFLICT (report_id) DO UPDATE SET analyzer_version = excluded.analyzer_version, analysis = excluded.analysis, analyzed_at = excluded.analyzed_at
            """,
            ("@id", id),
            ("@analyzerVersion", analyzerVersion),
            ("@analysisJson", analysisJson),
            ("@at", Format(at)));

    public async Task<Report?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>($"{SelectReport} WHERE id = @id", new { id });
        return row?.ToReport();
    }

    public async Task<IReadOnlyList<Report>> LatestAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<ReportRow>($"{SelectReport} ORDER BY id DESC LIMIT @limit", new { limit });
        return [.. rows.Select(r => r.ToReport())];
    }

    public async Task<string?> GetAnalysisJsonAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<string?>("SELECT analysis FROM report_analyses WHERE report_id = @id", new { id });
    }

    public async Task<int> VersionCountAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM report_versions WHERE report_id = @id", new { id });
    }

    /// <summary>The text of one version of a report: an earlier version's from its own row, the current one's from
    /// the report (migration 010 keeps it there only).</summary>
    public async Task<string?> VersionTextAsync(long id, int version, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(
            """
            SELECT CASE WHEN v.version = r.version THEN r.text ELSE v.text END
            FROM report_versions v JOIN reports r ON r.id = v.report_id
            WHERE v.report_id = @id AND v.version = @version
            """,
            new { id, version });
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM reports");
    }

    private const string SelectReport =
        """
        SELECT id, title, text, source, url, guid, language, published_at AS PublishedAt, received_at AS ReceivedAt,
               updated_at AS UpdatedAt, content_hash AS ContentHash, version, image_credit AS ImageCredit,
               image_url AS ImageUrl, boilerplate
        FROM reports
        """;

    /// <summary>The row of the report's current version: its text and bytes are the report row's (NULL here) until a
    /// newer version replaces it.</summary>
    private static void InsertVersion(DbConnection connection, long id, int version, Report report)
    {
        var insert = NativeStatement.Kept(
            connection,
            """
            INSERT INTO report_versions (report_id, version, title, text, content_hash, raw, received_at)
            VALUES (?1, ?2, ?3, NULL, ?4, NULL, ?5)
            """);
        insert.Bind(1, id);
        insert.Bind(2, version);
        insert.Bind(3, report.Title);
        insert.Bind(4, report.ContentHash);
        insert.Bind(5, Format(report.ReceivedAt));
        insert.Run();
    }

    private static async Task InsertBandsAsync(DbConnection connection, DbTransaction tx, long id, long[] bandHashes)
    {
        var cache = StoryStateCache.Of(connection);
        if (cache.PendingBands is { } pending)
        {
            // The batched writer writes a transaction's rows at once, in key order, before it commits.
            pending.Add(id, bandHashes);
        }
        else
        {
            await connection.RunAsync(tx, BandInsert(bandHashes.Length), [.. BandValues(bandHashes), ("@id", id)]);
        }

        cache.BandFilter?.Add(bandHashes);
    }

    private static readonly Dictionary<int, string> BandQueries = [];
    private static readonly Dictionary<int, string> BandInserts = [];

    /// <summary>The report of every row of report_bands_recent and report_bands (in that order: newest first) that holds
    /// one of the bands: a report once per band it shares.</summary>
    internal static string BandQuery(int bands)
    {
        lock (BandQueries)
        {
            if (!BandQueries.TryGetValue(bands, out var sql))
            {
                var terms = string.Join(" OR ", Enumerable.Range(0, bands).Select(b => $"(band = {b} AND hash = @h{b})"));
                BandQueries[bands] = sql =
                    $"SELECT report_id FROM report_bands_recent WHERE {terms} UNION ALL SELECT report_id FROM report_bands WHERE {terms} LIMIT {MaxBandMatches}";
            }

            return sql;
        }
    }

    private static string BandInsert(int bands)
    {
        lock (BandInserts)
        {
            if (!BandInserts.TryGetValue(bands, out var sql))
            {
                var rows = Enumerable.Range(0, bands).Select(b => $"({b}, @h{b}, @id)");
                BandInserts[bands] = sql = $"INSERT OR IGNORE INTO report_bands (band, hash, report_id) VALUES {string.Join(", ", rows)}";
            }

            return sql;
        }
    }

    private static (string Name, object? Value)[] BandValues(long[] bandHashes) =>
        [.. bandHashes.Select((hash, band) => (band < BandNames.Length ? BandNames[band] : $"@h{band}", (object?)hash))];

    /// <summary>"@h0" to "@h63", built once instead of twice per report.</summary>
    private static readonly string[] BandNames = [.. Enumerable.Range(0, 64).Select(b => string.Create(CultureInfo.InvariantCulture, $"@h{b}"))];

    private static DynamicParameters Parameters(Report report, byte[] raw, string? rawType)
    {
        var p = new DynamicParameters(new
        {
            report.Title,
            report.Text,
            report.Source,
            report.Url,
            report.Guid,
            report.Language,
            PublishedAt = report.PublishedAt is { } published ? Format(published) : null,
            ReceivedAt = Format(report.ReceivedAt),
            report.ContentHash,
            report.ImageCredit,
            report.ImageUrl,
        });
        p.Add("raw", raw);
        p.Add("rawType", rawType);
        p.Add("boilerplate", JsonSerializer.Serialize(report.Boilerplate));
        return p;
    }

    /// <summary>Times are stored as UTC ISO 8601 text, which sorts correctly and reads the same in any tool.</summary>
    internal static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record ReportRow(
        long Id, string Title, string Text, string? Source, string? Url, string? Guid, string Language, string? PublishedAt,
        string ReceivedAt, string UpdatedAt, string ContentHash, long Version, string? ImageCredit, string? ImageUrl, string Boilerplate)
    {
        public Report ToReport() => new()
        {
            Id = Id,
            Title = Title,
            Text = Text,
            Source = Source,
            Url = Url,
            Guid = Guid,
            Language = Language,
            PublishedAt = PublishedAt is null ? null : Parse(PublishedAt),
            ReceivedAt = Parse(ReceivedAt),
            UpdatedAt = Parse(UpdatedAt),
            ContentHash = ContentHash,
            Version = (int)Version,
            ImageCredit = ImageCredit,
            ImageUrl = ImageUrl,
            Boilerplate = JsonSerializer.Deserialize<string[]>(Boilerplate) ?? [],
        };
    }
}
