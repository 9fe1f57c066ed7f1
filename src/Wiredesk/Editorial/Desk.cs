using System.Globalization;
using Wiredesk.Analysis;
using Wiredesk.Bus;
using Wiredesk.Drafting;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Verification;

namespace Wiredesk.Editorial;

/// <summary>Who acts on the desk: the account's id, display name (the credit line's NAME) and role.</summary>
public sealed record DeskEditor(long UserId, string Name, string DisplayName, string Role);

/// <summary>The outcome of an editor's action: done (with the desk row after it) or refused with the reason shown
/// to the editor. <see cref="NeedsOverride"/> marks a publish refused for unsupported sentences: it may be repeated
/// with an override reason.</summary>
public sealed record DeskOutcome(DeskStory? Desk, string? Problem, bool NeedsOverride = false)
{
    public bool Ok => Problem is null;

    public static DeskOutcome Refused(string problem, bool needsOverride = false) => new(null, problem, needsOverride);
}

/// <summary>An edited draft as the editor's form sends it: the headline and, per section of the current draft, the
/// sentence texts in order (an empty text removes the sentence; a text beyond the old ones adds one).</summary>
public sealed record DraftEdit(string Headline, IReadOnlyList<IReadOnlyList<string>> Sections);

/// <summary>The editors' actions: save an edit (re-verified), publish (with an override when a sentence is
/// unsupported), reject, reopen, correct, kill. Each is one transaction with its audit entry and, for a publication,
/// the article; the bus hears of it after the commit. Moves are checked against <see cref="Workflow"/>.</summary>
public sealed class Desk(Database database, Analyzer analyzer, Verifier verifier, IBus bus, TimeProvider time)
{
    public const int MaxHeadlineLength = 200;
    public const int MaxSentenceLength = 1000;
    public const int MaxReasonLength = 1000;

    /// <summary>Saves the edit as a new revision, every sentence verified again against the story's reports.</summary>
    public async Task<DeskOutcome> SaveEditAsync(long storyId, DeskEditor editor, DraftEdit edit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(editor);
        ArgumentNullException.ThrowIfNull(edit);
        var headline = Clean(edit.Headline);
        if (headline.Length == 0 || headline.Length > MaxHeadlineLength)
        {
            return DeskOutcome.Refused($"a headline has 1 to {MaxHeadlineLength} characters");
        }

        if (edit.Sections.SelectMany(s => s).Any(t => t.Length > MaxSentenceLength))
        {
            return DeskOutcome.Refused($"a sentence has at most {MaxSentenceLength} characters");
        }

        await using var connection = await database.ConnectAsync(ct);
        var desk = await DraftStore.GetDeskAsync(connection, null, storyId);
        if (desk is null)
        {
            return DeskOutcome.Refused("no draft for this story");
        }

        if (!Workflow.CanEdit(desk.Status, editor.Role))
        {
            return DeskOutcome.Refused($"a {desk.Status} story cannot be edited");
        }

        var current = (await DraftStore.GetRevisionAsync(connection, null, desk.CurrentDraftId))!;
        var edited = Apply(current.Draft, headline, edit);
        var cited = edited.Sources.Select(s => long.TryParse(s.Report, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0);
        var material = await StoryMaterial.LoadAsync(connection, null, storyId, cited, ct);
        var verified = Verify(edited, material);

        var now = time.GetUtcNow();
        await using var tx = await connection.BeginTransactionAsync(ct);
        desk = (await DraftStore.GetDeskAsync(connection, tx, storyId))!;
        var revision = await DraftStore.AddRevisionAsync(connection, tx, storyId, verified, editor.DisplayName, editor.UserId, DraftRevision.Edit, null, now);
        var updated = desk with { CurrentDraftId = revision.Id, Unsupported = revision.Unsupported, Headline = verified.Headline, UpdatedAt = now };
        await DraftStore.SaveDeskAsync(connection, tx, updated);
        await AuditLog.RecordAsync(connection, tx, Entry(now, editor, "edit", storyId, $"revision {revision.Revision}, {revision.Unsupported} unsupported"), ct);
        await tx.CommitAsync(ct);
        await bus.PublishAsync(new StoryUpdated(storyId, revision.Id, now), ct);
        return new DeskOutcome(updated, null);
    }

    /// <summary>Approves the current draft and publishes it with the editor's credit line. Refused while a sentence is
    /// unsupported unless <paramref name="overrideReason"/> says why it may go anyway (recorded in the audit log).</summary>
    public Task<DeskOutcome> PublishAsync(long storyId, DeskEditor editor, string? overrideReason, CancellationToken ct = default) =>
        PublicationAsync(storyId, editor, "publish", null, overrideReason, ct);

    /// <summary>Publishes the current draft as a new version of a live story, with the correction note readers see.</summary>
    public Task<DeskOutcome> CorrectAsync(long storyId, DeskEditor editor, string note, string? overrideReason, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(note)
            ? Task.FromResult(DeskOutcome.Refused("a correction needs a note for readers"))
            : PublicationAsync(storyId, editor, "correct", Clean(note), overrideReason, ct);

    public Task<DeskOutcome> RejectAsync(long storyId, DeskEditor editor, string reason, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult(DeskOutcome.Refused("a rejection needs a reason"))
            : MoveAsync(storyId, editor, "reject", Clean(reason), null, ct);

    public Task<DeskOutcome> ReopenAsync(long storyId, DeskEditor editor, CancellationToken ct = default) =>
        MoveAsync(storyId, editor, "reopen", null, null, ct);

    /// <summary>Withdraws a live story from the site and feeds; readers see the notice. Kept in the store.</summary>
    public Task<DeskOutcome> KillAsync(long storyId, DeskEditor editor, string notice, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(notice)
            ? Task.FromResult(DeskOutcome.Refused("a kill needs a notice for readers"))
            : MoveAsync(storyId, editor, "kill", Clean(notice), async (connection, tx, now) =>
            {
                var article = await ArticleStore.KillAsync(connection, tx, storyId, Clean(notice), editor.DisplayName, now, ct);
                return article is null ? null : new StoryPublished(article.Id, storyId, article.Version, PublicationChange.Killed, now);
            }, ct);

    private async Task<DeskOutcome> PublicationAsync(long storyId, DeskEditor editor, string action, string? note, string? overrideReason, CancellationToken ct)
    {
        overrideReason = string.IsNullOrWhiteSpace(overrideReason) ? null : Clean(overrideReason);
        return await MoveAsync(storyId, editor, action, note, async (connection, tx, now) =>
        {
            var desk = (await DraftStore.GetDeskAsync(connection, tx, storyId))!;
            var revision = (await DraftStore.GetRevisionAsync(connection, tx, desk.CurrentDraftId))!;
            if (revision.Unsupported > 0 && overrideReason is null)
            {
                throw new OverrideNeededException($"{revision.Unsupported} sentence(s) unsupported: fix them, or publish with an override and its reason");
            }

            var draft = revision.Draft with { ClosingLine = DraftMarkdown.EditedClosingLine(editor.DisplayName) };
            var article = await ArticleStore.PublishAsync(connection, tx, new Publication
            {
                StoryId = storyId,
                DraftId = revision.Id,
                Draft = draft,
                EditorName = editor.DisplayName,
                At = now,
                CorrectionNote = note is not null && action == "correct" ? note : null,
            }, ct);
            if (overrideReason is not null && revision.Unsupported > 0)
            {
                await AuditLog.RecordAsync(connection, tx, Entry(now, editor, "override", storyId, $"{revision.Unsupported} unsupported sentence(s) published: {overrideReason}"), ct);
            }

            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE desk_stories SET published_draft_id = @id WHERE story_id = @storyId", new { id = revision.Id, storyId }, tx);
            return new StoryPublished(article.Id, storyId, article.Version, action == "correct" ? PublicationChange.Corrected : PublicationChange.Published, now);
        }, ct);
    }

    /// <summary>One workflow move in one transaction: check the table, run the action's own writes, set the status,
    /// record the audit entry; after the commit tell the bus.</summary>
    private async Task<DeskOutcome> MoveAsync(
        long storyId, DeskEditor editor, string action, string? note,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, DateTimeOffset, Task<StoryPublished?>>? effect, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.ConnectAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var desk = await DraftStore.GetDeskAsync(connection, tx, storyId);
        if (desk is null)
        {
            return DeskOutcome.Refused("no draft for this story");
        }

        if (Workflow.Find(desk.Status, action, editor.Role) is not { } move)
        {
            return DeskOutcome.Refused($"a {desk.Status} story cannot be {Past(action)}");
        }

        StoryPublished? published;
        try
        {
            published = effect is null ? null : await effect(connection, tx, now);
        }
        catch (OverrideNeededException e)
        {
            return DeskOutcome.Refused(e.Message, needsOverride: true);
        }

        desk = (await DraftStore.GetDeskAsync(connection, tx, storyId))!;
        var updated = desk with { Status = move.To, UpdatedAt = now, StatusNote = note };
        await DraftStore.SaveDeskAsync(connection, tx, updated);
        await AuditLog.RecordAsync(connection, tx, Entry(now, editor, action, storyId, note), ct);
        await tx.CommitAsync(ct);
        if (published is not null)
        {
            await bus.PublishAsync(published, ct);
        }

        return new DeskOutcome(updated, null);
    }

    private Draft Verify(Draft draft, StoryMaterial material)
    {
        var sources = material.VerificationSources(analyzer);
        var (verified, _, verdicts) = DraftVerification.Verify(verifier, draft, sources);
        // The evidence the verifier aligned each sentence to becomes its source spans: an edited sentence points at
        // what it now rests on, not at what the machine's sentence did.
        var i = 0;
        return verified with
        {
            Sections = [.. verified.Sections.Select(section => section with
            {
                Sentences = [.. section.Sentences.Select(sentence =>
                {
                    var evidence = verdicts[i++].Evidence;
                    return evidence.Count == 0 ? sentence : sentence with { Sources = [.. evidence.Select(e => new SourceSpan(e.Report, e.Start, e.End))] };
                })],
            })],
        };
    }

    private static Draft Apply(Draft current, string headline, DraftEdit edit)
    {
        var sections = new List<DraftSection>(current.Sections.Count);
        for (var s = 0; s < current.Sections.Count; s++)
        {
            var old = current.Sections[s];
            var texts = s < edit.Sections.Count ? edit.Sections[s] : [.. old.Sentences.Select(x => x.Text)];
            var sentences = new List<DraftSentence>();
            for (var i = 0; i < texts.Count; i++)
            {
                var text = Clean(texts[i]);
                if (text.Length == 0)
                {
                    continue;
                }

                // An unchanged sentence keeps its provenance and facts; a changed one keeps the facts it may rest on.
                sentences.Add(i < old.Sentences.Count
                    ? old.Sentences[i] with { Text = text, Sources = text == old.Sentences[i].Text ? old.Sentences[i].Sources : [] }
                    : new DraftSentence { Text = text });
            }

            sections.Add(old with { Sentences = sentences });
        }

        return current with { Headline = headline, Sections = sections, ClosingLine = null };
    }

    private static string Clean(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Past(string action) => action switch
    {
        "publish" => "published",
        "reject" => "rejected",
        "reopen" => "reopened",
        "correct" => "corrected",
        "kill" => "killed",
        _ => action,
    };

    private static AuditEntry Entry(DateTimeOffset at, DeskEditor editor, string action, long storyId, string? detail) =>
        new(at, editor.UserId, editor.Name, action, "story", storyId.ToString(CultureInfo.InvariantCulture), detail);

    private sealed class OverrideNeededException(string message) : Exception(message);
}
