using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Wiredesk.Storage;

/// <summary>Statements compiled once per open connection and re-run with new values. Microsoft.Data.Sqlite compiles a
/// statement per command object, and compiling costs more than running a small indexed query, so the statements a
/// batched ingest runs for every report (de-duplication, inserts, story lookup) are kept here by SQL text.</summary>
internal static class PreparedStatements
{
    /// <summary>Bounds the cache of one connection: SQL built for a varying number of values has a few hundred forms
    /// (a list of 1 to 60 keys in five statements), and emptying the cache means compiling them all again.</summary>
    private const int MaxStatements = 1024;

    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Caches = [];

    public static async Task<object?> ScalarAsync(this DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] values)
    {
        var command = Bind(connection, tx, sql, values);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
    }

    public static async Task<int> RunAsync(this DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] values) =>
        await Bind(connection, tx, sql, values).ExecuteNonQueryAsync();

    /// <summary>The rows of a query; the reader must be disposed before the same SQL is run again.</summary>
    public static async Task<DbDataReader> ReadAsync(this DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] values) =>
        await Bind(connection, tx, sql, values).ExecuteReaderAsync();

    private static DbCommand Bind(DbConnection connection, DbTransaction? tx, string sql, (string Name, object? Value)[] values)
    {
        var cache = Caches.GetOrCreateValue(connection);
        if (!cache.TryGetValue(sql, out var command))
        {
            if (cache.Count >= MaxStatements)
            {
                foreach (var old in cache.Values)
                {
                    old.Dispose();
                }

                cache.Clear();
            }

            command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is the stores' own text; values are always bound as parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            foreach (var (name, _) in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            cache[sql] = command;
        }

        command.Transaction = tx;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
        }

        return command;
    }
}
