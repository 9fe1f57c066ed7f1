using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Wiredesk.Storage;

/// <summary>Opens connections to the store and brings its schema up to date. The one place that knows
/// the store is SQLite; the stores speak plain SQL through <see cref="SqlDialect"/> for what differs.</summary>
public sealed class Database : IDisposable
{
    /// <summary>Leases out at once. Unbounded, a burst of 100 concurrent searches opened 100 connections, each compiling
    /// its statements and filling its page cache afresh. Measured on 2 cores (the web benchmark's search p99): 62 ms
    /// unbounded, 43 ms at 4 leases, 20 ms at 16.</summary>
    private static readonly int MaxReaders = Math.Max(16, 8 * Environment.ProcessorCount);

    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private readonly SemaphoreSlim _readerSlots = new(MaxReaders, MaxReaders);
    private bool _disposed;

    public Database(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public SqlDialect Dialect { get; } = SqlDialect.Sqlite;

    /// <summary>Creates the file and folder if needed and applies every migration not yet applied.</summary>
    public static async Task<Database> OpenAsync(string path, CancellationToken ct = default)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var database = new Database(path);
        await database.MigrateAsync(ct);
        return database;
    }

    public async Task<DbConnection> ConnectAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // WAL lets readers (the web server, `sources`) run while an ingest writes; NORMAL sync is durable
        // across process crashes in WAL mode, which is the failure the store must survive.
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;");
        return connection;
    }

    /// <summary>An open connection for reads, kept open between leases so that a reader page's few indexed reads do
    /// not each pay for opening a connection and compiling their statements: the statements a lease runs through
    /// <see cref="PreparedStatements"/> stay compiled on the connection for the next lease. The connection is
    /// query-only (a write through it fails), and is the caller's alone until the lease is disposed. At most
    /// <see cref="MaxReaders"/> leases are out at once; a caller beyond waits (without holding a thread) for one to be
    /// given back, so a caller must never ask for a second lease while it holds one.</summary>
    public async ValueTask<ReadLease> LeaseReaderAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _readerSlots.WaitAsync(ct);
        try
        {
            if (_readers.TryTake(out var idle))
            {
                return new ReadLease(this, idle);
            }

            var connection = (SqliteConnection)await ConnectAsync(ct);
            await connection.ExecuteAsync("PRAGMA query_only=1");
            return new ReadLease(this, connection);
        }
        catch
        {
            _readerSlots.Release();
            throw;
        }
    }

    /// <summary>A leased read connection; disposing it gives the connection back.</summary>
    public readonly struct ReadLease(Database database, SqliteConnection connection) : IAsyncDisposable
    {
        public DbConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (database._disposed || connection.State != System.Data.ConnectionState.Open)
                {
                    await connection.DisposeAsync();
                }
                else
                {
                    database._readers.Add(connection);
                }
            }
            finally
            {
                if (!database._disposed)
                {
                    database._readerSlots.Release();
                }
            }
        }
    }

    /// <summary>Closes the idle read connections; leases still out close theirs when disposed.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var connection))
        {
            connection.Dispose();
        }

        _readerSlots.Dispose();
    }

    /// <summary>Page cache of a long writer (a batched ingest): 32 MB instead of SQLite's 2 MB, so the band and key
    /// indexes it updates for every report stay in memory.</summary>
    public const int WriterPageCacheKiB = 32 * 1024;

    private const int DefaultPageCacheKiB = 2000;

    /// <summary>Sets the connection's page cache, or puts back SQLite's default (null) before the connection goes back
    /// to the pool, so pooled handles do not keep a writer's cache.</summary>
    public static async Task SetPageCacheAsync(DbConnection connection, int? kib)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.ExecuteAsync($"PRAGMA cache_size=-{kib ?? DefaultPageCacheKiB}");
    }

    /// <summary>WAL pages a long writer lets accumulate before it checkpoints itself: 40,000 pages (160 MB) instead of
    /// SQLite's 1,000. A batched ingest has its commits checkpointed on another connection as it goes
    /// (<see cref="WalCheckpointer"/>), and the WAL starts again from its beginning at the next commit once that has
    /// copied every page; the writer's own checkpoint is the backstop for when it falls behind. (At 10,000 pages the
    /// writer's own checkpoint still ran every third commit, copying what the other had not reached yet.)</summary>
    public const int WriterAutoCheckpointPages = 40_000;

    private const int DefaultAutoCheckpointPages = 1000;

    /// <summary>Makes the connection a long writer's (<paramref name="writer"/> true: the writer's page cache, checkpoints
    /// every <see cref="WriterAutoCheckpointPages"/>) or puts SQLite's defaults back before it returns to the pool.</summary>
    public static async Task SetWriterAsync(DbConnection connection, bool writer)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await SetPageCacheAsync(connection, writer ? WriterPageCacheKiB : null);
        await connection.ExecuteAsync($"PRAGMA wal_autocheckpoint={(writer ? WriterAutoCheckpointPages : DefaultAutoCheckpointPages)}");
    }

    /// <summary>Checkpoints a long writer's commits on another connection as it goes (<see cref="WalCheckpointer"/>).</summary>
    public WalCheckpointer CheckpointInBackground() => new(this);

    private async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToHashSet();
        foreach (var (version, name, sql) in Migrations())
        {
            if (applied.Contains(version))
            {
                continue;
            }

            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(sql, transaction: tx);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                new { version, name },
                tx);
            await tx.CommitAsync(ct);
        }
    }

    private static IEnumerable<(long Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(Database).Assembly;
        const string prefix = "Wiredesk.Storage.Migrations.";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            var version = long.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)));
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, name, reader.ReadToEnd());
        }
    }
}
