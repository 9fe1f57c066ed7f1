using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Wiredesk.Storage;

/// <summary>One statement compiled on the connection's SQLite handle and run once per row, its values bound by
/// position. For the writer's row-at-a-time inserts (a transaction's 8,192 band rows): through a command, each run
/// binds every value by name (the driver converts each name to UTF-8 and SQLite looks it up in a list), which cost more
/// than the row's insert. It runs inside whatever transaction the connection has open, like any command, and fails
/// with a <see cref="SqliteException"/> as a command does. Disposing it finalizes the statement: the writer compiles
/// it once per transaction, so it never outlives the connection.</summary>
internal sealed class NativeStatement : IDisposable
{
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

    /// <summary>Binds value number <paramref name="position"/> (from 1, as ?1 in the SQL).</summary>
    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

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
