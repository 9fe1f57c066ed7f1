using System.Data.Common;
using Wiredesk.Publishing;

namespace Wiredesk.Storage;

/// <summary>Published stories. CONTRACT STUB: the publishing work implements these bodies (and adds queries for the
/// reader site); the signatures are what editorial calls, inside its own transaction so a status change and the
/// publication commit together. After commit the caller publishes a Bus.StoryPublished message.</summary>
public sealed class ArticleStore(Database database)
{
    public Database Database { get; } = database;

    /// <summary>Publishes the story: its first version, or, when it is already published, a new version (a
    /// correction: the old version is kept and the correction note shown).</summary>
    public static Task<Article> PublishAsync(DbConnection connection, DbTransaction tx, Publication publication, CancellationToken ct = default) =>
        throw new NotImplementedException();

    /// <summary>Withdraws a published story from the site and feeds, keeping it (and every version) in the store;
    /// readers who open its page see the notice. Null when the story was never published.</summary>
    public static Task<Article?> KillAsync(DbConnection connection, DbTransaction tx, long storyId, string notice, string editorName, DateTimeOffset at, CancellationToken ct = default) =>
        throw new NotImplementedException();

    /// <summary>The current version of the story's published article, live or killed; null if never published.</summary>
    public Task<Article?> GetByStoryAsync(long storyId, CancellationToken ct = default) =>
        throw new NotImplementedException();
}
