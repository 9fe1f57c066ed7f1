using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Wiredesk.Drafting;

namespace Wiredesk.Storage;

/// <summary>A story as the desk sees it: its editorial status, its current draft revision (and the one last
/// published), how many reports and unsupported sentences it has, and its importance for the queue.</summary>
public sealed record DeskStory
{
    public required long StoryId { get; init; }
    public required string Status { get; init; }
    public required long CurrentDraftId { get; init; }
    public long? PublishedDraftId { get; init; }
    /// <summary>The newest report update (stored time text) the current machine draft was written from.</summary>
    public required string ReportsSeenAt { get; init; }
    public required int ReportCount { get; init; }
    public required double Importance { get; init; }
    public required int Unsupported { get; init; }
    public required string Headline { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Why the status was last changed, when the editor said (a rejection reason, a kill notice).</summary>
    public string? StatusNote { get; init; }
}

/// <summary>One saved version of a story's draft: written by the machine or saved by an editor.</summary>
public sealed record DraftRevision(long Id, long StoryId, int Revision, Draft Draft, int Unsupported, string Author, long? UserId, string Kind, string? Note, DateTimeOffset CreatedAt)
{
    public const string Machine = "machine";
    public const string Edit = "edit";
}

/// <summary>Drafts and their revisions, and each story's place on the desk. The static writers take the caller's
/// transaction: a revision, the status it moves the story to, its audit entry and a publication commit together.</summary>
public sealed class DraftStore(Database database)
{
    public Database Database { get; } = database;

    /// <summary>Adds the next revision of the story's draft.</summary>
    public static async Task<DraftRevision> AddRevisionAsync(
        DbConnection connection, DbTransaction tx, long storyId, Draft draft, string author, long? userId, string kind, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var revision = 1 + await connection.ExecuteScalarAsync<int>(
            "SELECT coalesce(max(revision), 0) FROM draft_revisions WHERE story_id = @storyId", new { storyId }, tx);
        var unsupported = UnsupportedCount(draft);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO draft_revisions (story_id, revision, draft, unsupported, author, user_id, kind, note, created_at)
            VALUES (@storyId, @revision, @json, @unsupported, @author, @userId, @kind, @note, @at)
            RETURNING id
            """,
            new { storyId, revision, json = JsonSerializer.Serialize(draft, JsonDefaults.Options), unsupported, author, userId, kind, note, at = ReportStore.Format(at) },
            tx);
        return new DraftRevision(id, storyId, revision, draft, unsupported, author, userId, kind, note, at);
    }

    /// <summary>Writes the story's desk row whole (insert or replace).</summary>
    public static async Task SaveDeskAsync(DbConnection connection, DbTransaction tx, DeskStory desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        await connection.ExecuteAsync(
            """
            INSERT INTO desk_stories (story_id, status, current_draft_id, published_draft_id, reports_seen_at, report_count, importance, unsupported, headline, updated_at, status_note)
            VALUES (@StoryId, @Status, @CurrentDraftId, @PublishedDraftId, @ReportsSeenAt, @ReportCount, @Importance, @Unsupported, @Headline, @updatedAt, @StatusNote)
            ON CONFLICT (story_id) DO UPDATE SET status = excluded.status, current_draft_id = excluded.current_draft_id,
                published_draft_id = excluded.published_draft_id, reports_seen_at = excluded.reports_seen_at,
                report_count = excluded.report_count, importance = excluded.importance, unsupported = excluded.unsupported,
                headline = excluded.headline, updated_at = excluded.updated_at, status_note = excluded.status_note
            """,
            new
            {
                desk.StoryId,
                desk.Status,
                desk.CurrentDraftId,
                desk.PublishedDraftId,
                desk.ReportsSeenAt,
                desk.ReportCount,
                desk.Importance,
                desk.Unsupported,
                desk.Headline,
                updatedAt = ReportStore.Format(desk.UpdatedAt),
                desk.StatusNote,
            },
            tx);
    }

    public static async Task<DeskStory?> GetDeskAsync(DbConnection connection, DbTransaction? tx, long storyId) =>
        (await connection.QuerySingleOrDefaultAsync<DeskRow>($"{SelectDesk} WHERE story_id = @storyId", new { storyId }, tx))?.ToDesk();

    public static async Task<DraftRevision?> GetRevisionAsync(DbConnection connection, DbTransaction? tx, long draftId) =>
        (await connection.QuerySingleOrDefaultAsync<RevisionRow>($"{SelectRevision} WHERE id = @draftId", new { draftId }, tx))?.ToRevision();

    /// <summary>Stories whose reports were updated after their draft was written (or that have no draft): the
    /// newsroom's backlog. <paramref name="since"/> limits the look to reports updated from then on (the index
    /// makes that cheap); null looks at every report, as on start after a crash.</summary>
    public static async Task<IReadOnlyList<long>> StaleStoriesAsync(DbConnection connection, DateTimeOffset? since, CancellationToken ct = default)
    {
        var rows = await connection.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT sr.story_id FROM reports r JOIN story_reports sr ON sr.report_id = r.id
            {(since is null ? "" : "WHERE r.updated_at >= @since")}
            GROUP BY sr.story_id
            HAVING max(r.updated_at) > coalesce((SELECT d.reports_seen_at FROM desk_stories d WHERE d.story_id = sr.story_id), '')
            ORDER BY sr.story_id
            """,
            new { since = since is { } s ? ReportStore.Format(s) : null },
            cancellationToken: ct));
        return [.. rows];
    }

    public async Task<DeskStory?> GetDeskAsync(long storyId, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await GetDeskAsync(connection, null, storyId);
    }

    public async Task<DraftRevision?> GetRevisionAsync(long draftId, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await GetRevisionAsync(connection, null, draftId);
    }

    /// <summary>Every revision of the story's draft, oldest first.</summary>
    public async Task<IReadOnlyList<DraftRevision>> RevisionsAsync(long storyId, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<RevisionRow>(new CommandDefinition(
            $"{SelectRevision} WHERE story_id = @storyId ORDER BY revision", new { storyId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToRevision())];
    }

    /// <summary>The most recently updated desk stories (optionally of one status), newest first.</summary>
    public async Task<IReadOnlyList<DeskStory>> RecentAsync(int limit, string? status = null, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<DeskRow>(new CommandDefinition(
            status is null
                ? $"{SelectDesk} ORDER BY updated_at DESC LIMIT @limit"
                : $"{SelectDesk} WHERE status = @status ORDER BY updated_at DESC LIMIT @limit",
            new { limit, status },
            cancellationToken: ct));
        return [.. rows.Select(r => r.ToDesk())];
    }

    public static int UnsupportedCount(Draft draft) =>
        draft.Sections.Sum(s => s.Sentences.Count(x => x.Verdict != Verdicts.Supported));

    private const string SelectDesk =
        """
        SELECT story_id AS StoryId, status AS Status, current_draft_id AS CurrentDraftId, published_draft_id AS PublishedDraftId,
               reports_seen_at AS ReportsSeenAt, report_count AS ReportCount, importance AS Importance, unsupported AS Unsupported,
               headline AS Headline, updated_at AS UpdatedAt, status_note AS StatusNote
        FROM desk_stories
        """;

    private const string SelectRevision =
        """
        SELECT id AS Id, story_id AS StoryId, revision AS Revision, draft AS Draft, unsupported AS Unsupported, author AS Author,
               user_id AS UserId, kind AS Kind, note AS Note, created_at AS CreatedAt
        FROM draft_revisions
        """;

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record DeskRow(long StoryId, string Status, long CurrentDraftId, long? PublishedDraftId, string ReportsSeenAt, long ReportCount, double Importance, long Unsupported, string Headline, string UpdatedAt, string? StatusNote)
    {
        public DeskStory ToDesk() => new()
        {
            StoryId = StoryId,
            Status = Status,
            CurrentDraftId = CurrentDraftId,
            PublishedDraftId = PublishedDraftId,
            ReportsSeenAt = ReportsSeenAt,
            ReportCount = (int)ReportCount,
            Importance = Importance,
            Unsupported = (int)Unsupported,
            Headline = Headline,
            UpdatedAt = Parse(UpdatedAt),
            StatusNote = StatusNote,
        };
    }

    private sealed record RevisionRow(long Id, long StoryId, long Revision, string Draft, long Unsupported, string Author, long? UserId, string Kind, string? Note, string CreatedAt)
    {
        public DraftRevision ToRevision() => new(
            Id, StoryId, (int)Revision, JsonSerializer.Deserialize<Draft>(Draft, JsonDefaults.Options)!, (int)Unsupported, Author, UserId, Kind, Note, DraftStore.Parse(CreatedAt));
    }
}
