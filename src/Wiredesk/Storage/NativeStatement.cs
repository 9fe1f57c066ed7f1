using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Wiredesk.Storage;

/// <summary>One statement compiled on the connection's SQLite handle and run once per row, its values bound by
/// position. For the writer's row-at-a-time inserts (a transaction's 8,192 band rows): through a command, each run
/// binds every value by name (the driver converts each name to UTF-8 and SQLite looks it up in a list), which cost more
/// than the row's insert. It runs inside whatever transaction the connection has open, like any command, and fails
/// with a <see cref="SqliteException"/> as a command does. Disposing it finalizes the statement; statements kept with
/// a connection (<see cref="Kept"/>) are finalized when it closes.</summary>
internal sealed class NativeStatement : IDisposable
{
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, NativeStatement>> KeptByConnection = [];

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    private NativeStatement(sqlite3 db, sqlite3_stmt statement)
    {
        _db = db;
        _statement = statement;
    }

    public static NativeStatement Prepare(DbConnection connection, string sql)
    {
        var db = ((SqliteConnection)connection).Handle
            ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK || statement is null)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_OK ? raw.SQLITE_MISUSE : rc, db);
        }

        return new NativeStatement(db, statement!);
    }

    /// <summary>The statement compiled once per open connection (for statements run for every report): the kept
    /// statements are finalized when the connection closes.</summary>
    public static NativeStatement Kept(DbConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!KeptByConnection.TryGetValue(connection, out var kept))
        {
            kept = [];
            KeptByConnection.Add(connection, kept);
            connection.StateChange += (_, change) =>
            {
                if (change.CurrentState != System.Data.ConnectionState.Open)
                {
                    foreach (var statement in kept.Values)
                    {
                        statement.Dispose();
                    }

                    kept.Clear();
                }
            };
        }

        if (!kept.TryGetValue(sql, out var prepared))
        {
            kept[sql] = prepared = Prepare(connection, sql);
        }

        return prepared;
    }

    /// <summary>Binds value number <paramref name="position"/> (from 1, as ?1 in the SQL).</summary>
    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    public void Bind(int position, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, position) : raw.sqlite3_bind_text(_statement, position, value));

    public void BindBlob(int position, ReadOnlySpan<byte> bytes) => Check(raw.sqlite3_bind_blob(_statement, position, bytes));

    /// <summary>Binds UTF-8 bytes as text (what binding their string would store).</summary>
    public void BindText(int position, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, position, utf8));

    public void Bind(int position, double? value) =>
        Check(value is { } number ? raw.sqlite3_bind_double(_statement, position, number) : raw.sqlite3_bind_null(_statement, position));

    /// <summary>Steps to the next row the statement returns (an UPDATE ... RETURNING, a SELECT): false when it is done,
    /// and then it is reset for the next run. A caller that stops before false must call <see cref="Reset"/>.</summary>
    public bool Next()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>Runs the statement with the values bound and readies it for the next row; returns the rows it changed
    /// (for an INSERT OR IGNORE: 1 inserted, 0 ignored).</summary>
    public int Run()
    {
        var rc = raw.sqlite3_step(_statement);
        // Reset before throwing: a statement left mid-run would hold its table open.
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? raw.SQLITE_MISUSE : rc, _db);
        }

        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
