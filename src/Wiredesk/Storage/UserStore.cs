using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Wiredesk.Storage;

/// <summary>An account. PasswordHash is whatever the app's hasher produced; the store never sees a password.</summary>
public sealed record User(long Id, string Name, string DisplayName, string Role, string PasswordHash, DateTimeOffset CreatedAt, bool Disabled);

/// <summary>A personal API key as listed to its owner: never the key itself.</summary>
public sealed record ApiKeyInfo(long Id, long UserId, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Named queries over accounts and their API keys.</summary>
public sealed class UserStore(Database database)
{
    private const string UserColumns = "id AS Id, name AS Name, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash, created_at AS CreatedAt, disabled AS Disabled";

    /// <summary>Adds an account; throws <see cref="DuplicateNameException"/> when the name is taken (names are
    /// compared without case).</summary>
    public async Task<User> AddAsync(string name, string displayName, string role, string passwordHash, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"INSERT INTO users (name, display_name, role, password_hash, created_at) VALUES (@name, @displayName, @role, @passwordHash, @at) {database.Dialect.InsertReturningId}",
                new { name, displayName, role, passwordHash, at = Format(at) },
                cancellationToken: ct));
            return new User(id, name, displayName, role, passwordHash, at, false);
        }
        catch (DbException e) when (e.Message.Contains("UNIQUE", StringComparison.Ordinal))
        {
            throw new DuplicateNameException($"an account named '{name}' already exists");
        }
    }

    public async Task<User?> FindByNameAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"SELECT {UserColumns} FROM users WHERE name = @name", new { name }, cancellationToken: ct)))?.ToUser();
    }

    public async Task<User?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"SELECT {UserColumns} FROM users WHERE id = @id", new { id }, cancellationToken: ct)))?.ToUser();
    }

    public async Task<IReadOnlyList<User>> AllAsync(CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return [.. (await connection.QueryAsync<UserRow>(new CommandDefinition($"SELECT {UserColumns} FROM users ORDER BY name", cancellationToken: ct))).Select(r => r.ToUser())];
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM users", cancellationToken: ct));
    }

    public async Task SetPasswordHashAsync(long id, string passwordHash, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE users SET password_hash = @passwordHash WHERE id = @id", new { id, passwordHash }, cancellationToken: ct));
    }

    /// <summary>Creates a key for the user and returns it: the only time the key exists outside its owner's hands.</summary>
    public async Task<(string Key, ApiKeyInfo Info)> CreateApiKeyAsync(long userId, string name, DateTimeOffset at, CancellationToken ct = default)
    {
        var key = "wd_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var prefix = key[..9];
        await using var connection = await database.ConnectAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"INSERT INTO api_keys (user_id, name, prefix, key_hash, created_at) VALUES (@userId, @name, @prefix, @hash, @at) {database.Dialect.InsertReturningId}",
            new { userId, name, prefix, hash = HashKey(key), at = Format(at) },
            cancellationToken: ct));
        return (key, new ApiKeyInfo(id, userId, name, prefix, at, null, null));
    }

    /// <summary>The enabled account a presented key belongs to, or null for an unknown, revoked or malformed key.</summary>
    public async Task<User?> FindByApiKeyAsync(string key, DateTimeOffset at, CancellationToken ct = default)
    {
        if (key.Length is < 10 or > 200)
        {
            return null;
        }

        await using var connection = await database.ConnectAsync(ct);
        var hash = HashKey(key);
        var user = (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT u.id AS Id, u.name AS Name, u.display_name AS DisplayName, u.role AS Role, u.password_hash AS PasswordHash, u.created_at AS CreatedAt, u.disabled AS Disabled FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = @hash AND k.revoked_at IS NULL AND u.disabled = 0",
            new { hash },
            cancellationToken: ct)))?.ToUser();
        if (user is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE api_keys SET last_used_at = @at WHERE key_hash = @hash", new { hash, at = Format(at) }, cancellationToken: ct));
        }

        return user;
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ApiKeysOfAsync(long userId, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(
            "SELECT id AS Id, user_id AS UserId, name AS Name, prefix AS Prefix, created_at AS CreatedAt, last_used_at AS LastUsedAt, revoked_at AS RevokedAt FROM api_keys WHERE user_id = @userId ORDER BY id",
            new { userId },
            cancellationToken: ct));
        return [.. rows.Select(r => new ApiKeyInfo(r.Id, r.UserId, r.Name, r.Prefix, Parse(r.CreatedAt), r.LastUsedAt is null ? null : Parse(r.LastUsedAt), r.RevokedAt is null ? null : Parse(r.RevokedAt)))];
    }

    public async Task<bool> RevokeApiKeyAsync(long userId, long keyId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @at WHERE id = @keyId AND user_id = @userId AND revoked_at IS NULL",
            new { userId, keyId, at = Format(at) },
            cancellationToken: ct)) == 1;
    }

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private sealed record UserRow(long Id, string Name, string DisplayName, string Role, string PasswordHash, string CreatedAt, long Disabled)
    {
        public User ToUser() => new(Id, Name, DisplayName, Role, PasswordHash, Parse(CreatedAt), Disabled != 0);
    }

    private sealed record ApiKeyRow(long Id, long UserId, string Name, string Prefix, string CreatedAt, string? LastUsedAt, string? RevokedAt);

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}

/// <summary>A name that must be unique is taken.</summary>
public sealed class DuplicateNameException(string message) : Exception(message);
