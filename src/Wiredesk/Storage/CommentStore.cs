using System.Globalization;
using Dapper;

namespace Wiredesk.Storage;

/// <summary>A reader's comment on a published story. A hidden comment keeps its text, with who hid it and when.</summary>
public sealed record Comment(long Id, long ArticleId, long UserId, string AuthorName, string Text, DateTimeOffset CreatedAt, string? HiddenBy, DateTimeOffset? HiddenAt)
{
    public bool IsHidden => HiddenAt is not null;
}

/// <summary>Comments: added by signed-in readers, hidden and restored by editors, never deleted.</summary>
public sealed class CommentStore(Database database)
{
    public const int MaxLength = 2000;

    public async Task<Comment> AddAsync(long articleId, long userId, string authorName, string text, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new ArgumentException($"a comment is at most {MaxLength} characters", nameof(text));
        }

        await using var connection = await database.ConnectAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"INSERT INTO comments (article_id, user_id, author_name, text, created_at) VALUES (@articleId, @userId, @authorName, @text, @at) {database.Dialect.InsertReturningId}",
            new { articleId, userId, authorName, text, at = ReportStore.Format(at) }, cancellationToken: ct));
        return new Comment(id, articleId, userId, authorName, text, at, null, null);
    }

    /// <summary>How many comments the user wrote since <paramref name="since"/>: the per-user rate limit reads it, so
    /// the limit holds across restarts.</summary>
    public async Task<int> CountByUserSinceAsync(long userId, DateTimeOffset since, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM comments WHERE user_id = @userId AND created_at > @since", new { userId, since = ReportStore.Format(since) }, cancellationToken: ct));
    }

    /// <summary>The story's comments, oldest first; hidden ones only when asked (an editor's view).</summary>
    public async Task<IReadOnlyList<Comment>> ForArticleAsync(long articleId, bool includeHidden, CancellationToken ct = default)
    {
        await using var lease = await database.LeaseReaderAsync(ct);
        var rows = await lease.Connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE article_id = @articleId {(includeHidden ? "" : "AND hidden_at IS NULL")} ORDER BY created_at, id",
            new { articleId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToComment())];
    }

    public async Task<Comment?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToComment();
    }

    /// <summary>Hides the comment (kept in the store); false when there is no such comment.</summary>
    public async Task<bool> HideAsync(long id, string editorName, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE comments SET hidden_by = @editorName, hidden_at = @at WHERE id = @id", new { id, editorName, at = ReportStore.Format(at) }, cancellationToken: ct)) == 1;
    }

    /// <summary>Shows a hidden comment again; false when there is no such comment.</summary>
    public async Task<bool> RestoreAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await database.ConnectAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE comments SET hidden_by = NULL, hidden_at = NULL WHERE id = @id", new { id }, cancellationToken: ct)) == 1;
    }

    private const string Select =
        "SELECT id AS Id, article_id AS ArticleId, user_id AS UserId, author_name AS AuthorName, text AS Text, created_at AS CreatedAt, hidden_by AS HiddenBy, hidden_at AS HiddenAt FROM comments";

    private sealed record Row(long Id, long ArticleId, long UserId, string AuthorName, string Text, string CreatedAt, string? HiddenBy, string? HiddenAt)
    {
        public Comment ToComment() => new(Id, ArticleId, UserId, AuthorName, Text, Parse(CreatedAt), HiddenBy, HiddenAt is null ? null : Parse(HiddenAt));

        private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }
}
