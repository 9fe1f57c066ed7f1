using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>The writer's row-at-a-time statements run on the connection's SQLite handle: they must take part in the
/// connection's transaction (a rollback undoes them), fail as a command does, and be compiled again for each open
/// connection (a pooled handle must not keep a closed connection's statements).</summary>
public sealed class NativeStatementTests
{
    private const string Insert = "INSERT OR IGNORE INTO items (name, size) VALUES (?1, ?2)";

    [Fact]
    public async Task Rows_are_written_in_the_open_transaction_and_an_ignored_insert_changes_none()
    {
        var database = await NewDatabaseAsync();
        await using var connection = await database.ConnectAsync();
        await using (var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            var insert = NativeStatement.Kept(connection, Insert);
            Assert.Equal(1, Run(insert, "one", 1));
            Assert.Equal(0, Run(insert, "one", 2));
            Assert.Equal(1, Run(insert, "two", null));
            await tx.RollbackAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM items"));
        await using (var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable))
        {
            Run(NativeStatement.Kept(connection, Insert), "three", 3);
            await tx.CommitAsync();
        }

        Assert.Equal(["three 3"], await connection.QueryAsync<string>("SELECT name || ' ' || size FROM items"));
    }

    [Fact]
    public async Task A_failing_row_throws_a_sqlite_exception_and_the_statement_runs_again_after_it()
    {
        var database = await NewDatabaseAsync();
        await using var connection = await database.ConnectAsync();
        await connection.ExecuteAsync("CREATE TRIGGER no_big BEFORE INSERT ON items WHEN new.size > 100 BEGIN SELECT RAISE(ABORT, 'too big'); END");
        var insert = NativeStatement.Kept(connection, Insert);
        var error = Assert.Throws<SqliteException>(() => Run(insert, "big", 101));
        Assert.Contains("too big", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Run(insert, "small", 1));
        Assert.Equal(["small"], await connection.QueryAsync<string>("SELECT name FROM items"));
    }

    [Fact]
    public async Task Rows_returned_are_read_and_a_reopened_connection_compiles_its_own_statement()
    {
        var database = await NewDatabaseAsync();
        await using (var first = await database.ConnectAsync())
        {
            Run(NativeStatement.Kept(first, Insert), "one", 1);
        }

        // The pooled handle comes back under a new connection object, which must not run the closed one's statement.
        await using var second = await database.ConnectAsync();
        Run(NativeStatement.Kept(second, Insert), "two", 2);
        var grow = NativeStatement.Kept(second, "UPDATE items SET size = size + ?2 WHERE name = ?1 RETURNING name, size");
        grow.Bind(1, "one");
        grow.Bind(2, 10);
        var returned = new List<string>();
        while (grow.Next())
        {
            returned.Add($"{grow.Text(0)} {grow.Text(1)}");
        }

        Assert.Equal(["one 11"], returned);
        Assert.Equal(["one 11", "two 2"], await second.QueryAsync<string>("SELECT name || ' ' || size FROM items ORDER BY name"));
    }

    private static int Run(NativeStatement statement, string name, double? size)
    {
        statement.Bind(1, name);
        statement.Bind(2, size);
        return statement.Run();
    }

    private static async Task<Database> NewDatabaseAsync()
    {
        var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "native.db"));
        await using var connection = await database.ConnectAsync();
        await connection.ExecuteAsync("CREATE TABLE items (name TEXT PRIMARY KEY, size INTEGER)");
        return database;
    }
}
