using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Wiredesk.Alerts;

namespace Wiredesk.Storage;

/// <summary>Named queries over watchlists and their items. Every write is one transaction; the caller validates
/// items first (<see cref="WatchlistItemResolver"/>) so the store keeps only what the matcher can use.</summary>
public sealed class WatchlistStore(Database database)
{
    public async Task<Watchlist> AddAsync(long ownerId, string name, IReadOnlyList<WatchlistItem> items, DateTimeOffset at, CancellationToken ct = default)
    {
        CheckShape(name, items);
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        long id;
        try
        {
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"INSERT INTO watchlists (owner_id, name, created_at, updated_at) VALUES (@ownerId, @name, @at, @at) {database.Dialect.InsertReturningId}",
                new { ownerId, name, at = Format(at) }, tx, cancellationToken: ct));
        }
        catch (DbException e) when (e.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            throw new DuplicateNameException($"a watchlist named '{name}' already exists");
        }

        await InsertItemsAsync(connection, tx, id, items, ct);
        await tx.CommitAsync(ct);
        return new Watchlist(id, ownerId, name, items);
    }

    /// <summary>Renames the watchlist and replaces its items; false when the owner has no such watchlist.</summary>
    public async Task<bool> ReplaceAsync(long ownerId, long id, string name, IReadOnlyList<WatchlistItem> items, DateTimeOffset at, CancellationToken ct = default)
    {
        CheckShape(name, items);
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        int updated;
        try
        {
            updated = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE watchlists SET name = @name, updated_at = @at WHERE id = @id AND owner_id = @ownerId",
                new { id, ownerId, name, at = Format(at) }, tx, cancellationToken: ct));
        }
        catch (DbException e) when (e.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            throw new DuplicateNameException($"a watchlist named '{name}' already exists");
        }

        if (updated == 0)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM watchlist_items WHERE watchlist_id = @id", new { id }, tx, cancellationToken: ct));
        await InsertItemsAsync(connection, tx, id, items, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<bool> DeleteAsync(long ownerId, long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM watchlists WHERE id = @id AND owner_id = @ownerId", new { id, ownerId }, cancellationToken: ct)) == 1;
    }

    public async Task<Watchlist?> GetAsync(long ownerId, long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var head = await connection.QuerySingleOrDefaultAsync<HeadRow>(new CommandDefinition(
            "SELECT id AS Id, owner_id AS OwnerId, name AS Name FROM watchlists WHERE id = @id AND owner_id = @ownerId",
            new { id, ownerId }, cancellationToken: ct));
        if (head is null)
        {
            return null;
        }

        var items = await connection.QueryAsync<ItemRow>(new CommandDefinition(
            "SELECT watchlist_id AS WatchlistId, kind AS Kind, value AS Value FROM watchlist_items WHERE watchlist_id = @id ORDER BY position",
            new { id }, cancellationToken: ct));
        return new Watchlist(head.Id, head.OwnerId, head.Name, [.. items.Select(i => i.ToItem())]);
    }

    public async Task<IReadOnlyList<Watchlist>> OfOwnerAsync(long ownerId, CancellationToken ct = default)
    {
        var lists = new List<Watchlist>();
        await foreach (var w in ReadAsync("WHERE w.owner_id = @ownerId", new { ownerId }, ct))
        {
            lists.Add(w);
        }

        return lists;
    }

    /// <summary>Every watchlist, streamed in id order: what the matcher's index is built from at start.</summary>
    public IAsyncEnumerable<Watchlist> AllAsync(CancellationToken ct = default) => ReadAsync("", null, ct);

    private async IAsyncEnumerable<Watchlist> ReadAsync(string where, object? parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await database.ConnectAsync(ct);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT w.id, w.owner_id, w.name, i.kind, i.value FROM watchlists w LEFT JOIN watchlist_items i ON i.watchlist_id = w.id {where} ORDER BY w.id, i.position",
            parameters, cancellationToken: ct));
        Watchlist? current = null;
        var items = new List<WatchlistItem>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetInt64(0);
            if (current is not null && current.Id != id)
            {
                yield return current with { Items = [.. items] };
                items.Clear();
            }

            if (current is null || current.Id != id)
            {
                current = new Watchlist(id, reader.GetInt64(1), reader.GetString(2), []);
            }

            if (!reader.IsDBNull(3))
            {
                items.Add(new ItemRow(id, reader.GetString(3), reader.GetString(4)).ToItem());
            }
        }

        if (current is not null)
        {
            yield return current with { Items = [.. items] };
        }
    }

    private static async Task InsertItemsAsync(DbConnection connection, DbTransaction tx, long id, IReadOnlyList<WatchlistItem> items, CancellationToken ct)
    {
        for (var i = 0; i < items.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO watchlist_items (watchlist_id, position, kind, value) VALUES (@id, @position, @kind, @value)",
                new { id, position = i, kind = KindName(items[i].Kind), value = items[i].Value }, tx, cancellationToken: ct));
        }
    }

    private static void CheckShape(string name, IReadOnlyList<WatchlistItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (string.IsNullOrWhiteSpace(name) || name.Length > Watchlist.MaxNameLength)
        {
            throw new ArgumentException($"a watchlist needs a name of 1 to {Watchlist.MaxNameLength} characters", nameof(name));
        }

        if (items.Count > Watchlist.MaxItems)
        {
            throw new ArgumentException($"a watchlist holds at most {Watchlist.MaxItems} items", nameof(items));
        }
    }

    public static string KindName(WatchlistItemKind kind) => kind.ToString().ToLowerInvariant();

    public static WatchlistItemKind ParseKind(string kind) => Enum.Parse<WatchlistItemKind>(kind, ignoreCase: true);

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private sealed record HeadRow(long Id, long OwnerId, string Name);

    private sealed record ItemRow(long WatchlistId, string Kind, string Value)
    {
        public WatchlistItem ToItem() => new(ParseKind(Kind), Value);
    }
}
