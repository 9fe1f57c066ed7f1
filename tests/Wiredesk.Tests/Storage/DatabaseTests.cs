using Dapper;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

public class DatabaseTests
{
    [Fact]
    public async Task Opening_a_new_store_applies_every_migration_once()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "store", "wiredesk.db");
        await Database.OpenAsync(path);
        var again = await Database.OpenAsync(path);

        await using var connection = await again.ConnectAsync();
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToList();
        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.Contains(1L, versions);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM sqlite_master WHERE name = 'reports'"));
    }

    [Fact]
    public async Task A_read_lease_gives_back_one_open_query_only_connection_that_sees_every_commit()
    {
        using var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        System.Data.Common.DbConnection first;
        await using (var lease = await database.LeaseReaderAsync())
        {
            first = lease.Connection;
            Assert.Equal(0, await lease.Connection.ExecuteScalarAsync<int>("SELECT count(*) FROM reports"));
            var refused = await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() =>
                lease.Connection.ExecuteAsync("CREATE TABLE scratch (x INTEGER)"));
            Assert.Contains("readonly", refused.Message, StringComparison.OrdinalIgnoreCase);
        }

        await using (var writer = await database.ConnectAsync())
        {
            await writer.ExecuteAsync("CREATE TABLE scratch (x INTEGER); INSERT INTO scratch VALUES (7);");
        }

        await using (var again = await database.LeaseReaderAsync())
        {
            Assert.Same(first, again.Connection);
            Assert.Equal(7, await again.Connection.ExecuteScalarAsync<int>("SELECT x FROM scratch"));
            await using var other = await database.LeaseReaderAsync();
            Assert.NotSame(first, other.Connection);
        }

        database.Dispose();
        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await database.LeaseReaderAsync());
    }

    [Fact]
    public async Task Opening_a_store_of_migration_013_fills_the_recent_search_index_with_its_newest_stories()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db");
        var old = new Database(path);
        await using (var connection = await old.ConnectAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var (version, name, sql) in MigrationScripts().Where(m => m.Version <= 13))
            {
                await connection.ExecuteAsync(sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@version, @name, '2026-11-01T00:00:00Z')", new { version, name });
            }

            await connection.ExecuteAsync("INSERT INTO articles_fts (rowid, headline, body) VALUES (@id, @headline, 'body text')",
                Enumerable.Range(1, ArticleStore.RecentSearchStories + 30).Select(id => new { id, headline = $"story {id}" }));
        }

        var store = await Database.OpenAsync(path);

        await using var opened = await store.ConnectAsync();
        var recent = (await opened.QueryAsync<long>("SELECT rowid FROM articles_fts_recent ORDER BY rowid")).ToList();
        Assert.Equal(Enumerable.Range(31, ArticleStore.RecentSearchStories).Select(i => (long)i), recent);
        Assert.Equal("story 40", await opened.ExecuteScalarAsync<string>("SELECT headline FROM articles_fts_recent WHERE rowid = 40"));
    }

    /// <summary>A store made before migration 008 (alerts keyed per story only) keeps its alerts when it is opened by
    /// this version: each is copied as the story's first publication and tied to the story's article.</summary>
    [Fact]
    public async Task Opening_a_store_of_migration_007_keeps_its_alerts_and_ties_them_to_their_articles()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db");
        var old = new Database(path);
        await using (var connection = await old.ConnectAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var (version, name, sql) in MigrationScripts().Where(m => m.Version <= 7))
            {
                await connection.ExecuteAsync(sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@version, @name, '2026-11-01T00:00:00Z')", new { version, name });
            }

            await connection.ExecuteAsync("""
                INSERT INTO users (id, name, display_name, role, password_hash, created_at) VALUES (5, 'rhea', 'Rhea', 'reader', 'x', '2026-11-01T00:00:00Z');
                INSERT INTO articles (id, story_id, version, draft_id, slug, headline, draft, editor_name, first_published_at, updated_at, status)
                VALUES (40, 12, 1, 3, 'port-strike', 'Port Strike', '{}', 'Ed', '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z', 'live');
                INSERT INTO article_versions (article_id, version, draft_id, headline, draft, editor_name, published_at) VALUES (40, 1, 3, 'Port Strike', '{}', 'Ed', '2026-11-01T08:00:00Z');
                INSERT INTO alerts (id, owner_id, watchlist_id, item_position, story_id, kind, reason_json, created_at, read_at)
                VALUES (7, 5, 2, 0, '12', 'direct', '{"steps":[]}', '2026-11-01T08:00:01Z', NULL),
                       (8, 5, 2, 1, '99', 'exposure', '{"steps":[1]}', '2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z');
                """);
        }

        var upgraded = await Database.OpenAsync(path);

        await using var check = await upgraded.ConnectAsync();
        var rows = (await check.QueryAsync<(long Id, long Owner, long Position, string Story, long? Article, string Change, long Version, string Kind, string Reason, string? ReadAt)>(
            "SELECT id, owner_id, item_position, story_id, article_id, change, version, kind, reason_json, read_at FROM alerts ORDER BY id")).ToList();
        Assert.Equal(
            [
                (7L, 5L, 0L, "12", (long?)40L, "published", 1L, "direct", """{"steps":[]}""", (string?)null),
                (8L, 5L, 1L, "99", null, "published", 1L, "exposure", """{"steps":[1]}""", "2026-11-01T10:00:00Z"),
            ],
            rows);
        Assert.Equal("2026-11-01T08:00:00Z", await check.ExecuteScalarAsync<string>("SELECT publications_at FROM alert_progress"));
    }

    /// <summary>A store made before migration 016 keeps every band row, now without the foreign key, and a corrected
    /// re-send of a report stored then is still found as its update.</summary>
    [Fact]
    public async Task Opening_a_store_of_migration_015_keeps_its_band_rows_and_finds_near_duplicates_of_its_reports()
    {
        var folder = TestPaths.NewTempFolder();
        var settings = new Settings { DataFolder = folder };
        var (title, body) = ("Port authority raises harbour dues", "The port authority raised harbour dues by 12 percent on Monday, its director said.\n\nThe new dues take effect in March and apply to every cargo ship.");
        var fingerprint = Wiredesk.Ingest.Dedup.DedupFingerprint.Of(title, body);
        var old = new Database(settings.DatabasePath);
        await using (var connection = await old.ConnectAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            foreach (var (version, name, sql) in MigrationScripts().Where(m => m.Version <= 15))
            {
                await connection.ExecuteAsync(sql);
                await connection.ExecuteAsync("INSERT INTO schema_migrations VALUES (@version, @name, '2026-11-01T00:00:00Z')", new { version, name });
            }

            await connection.ExecuteAsync(
                """
                INSERT INTO reports (id, title, text, language, received_at, content_hash, raw, updated_at)
                VALUES (9, @title, @body, 'en', '2026-11-01T00:00:00Z', @hash, x'00', '2026-11-01T00:00:00Z');
                INSERT INTO report_versions (report_id, version, title, text, content_hash, raw, received_at)
                VALUES (9, 1, @title, NULL, @hash, NULL, '2026-11-01T00:00:00Z');
                """,
                new { title, body, hash = fingerprint.ContentHash });
            await connection.ExecuteAsync(
                "INSERT INTO report_bands (band, hash, report_id) VALUES (@band, @hash, 9)",
                fingerprint.BandHashes.Select((hash, band) => new { band, hash }));
        }

        var store = await TestPipeline.CreateAsync(settings);

        await using (var check = await store.Database.ConnectAsync())
        {
            var rows = (await check.QueryAsync<long>("SELECT hash FROM report_bands WHERE report_id = 9 ORDER BY band")).ToList();
            Assert.Equal(fingerprint.BandHashes, rows);
            Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM pragma_foreign_key_list('report_bands')"));
            Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM report_bands_recent"));
        }

        var update = await store.IngestTextAsync(title, body.Replace("12 percent", "14 percent", StringComparison.Ordinal));
        Assert.Equal(Wiredesk.Ingest.IngestStatus.Update, update.Status);
        Assert.Equal(9, update.ReportId);
    }

    private static IEnumerable<(long Version, string Name, string Sql)> MigrationScripts()
    {
        var assembly = typeof(Database).Assembly;
        const string prefix = "Wiredesk.Storage.Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (long.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture), name, reader.ReadToEnd());
        }
    }
}
