using Wiredesk.Bus;
using Wiredesk.Drafting;
using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.Editorial;

/// <summary>What the newsroom did with one story: the desk row after it, and whether it auto-published.</summary>
public sealed record RedraftResult(DeskStory Desk, DraftRevision Revision, Article? AutoPublished);

/// <summary>The newsroom worker: turns every new or updated report's story into a draft. A story is redrafted when
/// one of its reports was updated after its current machine draft was written — the store, not the bus, says what is
/// stale — so a message lost in a crash or dropped by a slow subscriber only delays a draft: on start, and every
/// <see cref="RescanInterval"/>, the backlog is read from the store. Drafts are written one at a time. The writer is
/// asked for only when a draft is due, so a server with nothing to draft never loads the writer's data.</summary>
public sealed class Newsroom(Database database, Func<IDraftWriter> writer, IBus bus, Settings settings, TimeProvider time) : IDisposable
{
    /// <summary>For a writer already made.</summary>
    public Newsroom(Database database, IDraftWriter writer, IBus bus, Settings settings, TimeProvider time)
        : this(database, () => writer, bus, settings, time)
    {
    }

    public const string MachineAuthor = "Wiredesk";
    /// <summary>The editor name an auto-published story carries: nobody reviewed it, and readers are told so.</summary>
    public const string AutoPublisher = "Wiredesk (auto-published, not reviewed)";
    /// <summary>Recent reports outside a story the writer may cite as earlier coverage.</summary>
    public const int EarlierCandidates = 200;

    public static TimeSpan RescanInterval { get; } = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>How many readers' watchlists the draft matches (0 when alerting is not wired in): part of the queue's
    /// importance, so a story many readers follow rises.</summary>
    public Func<long, Draft, IReadOnlyList<SourceReport>, int>? WatchlistInterest { get; init; }

    /// <summary>Called when a story could not be drafted (the loop goes on with the next story).</summary>
    public Action<long, Exception>? OnError { get; init; }

    /// <summary>Drafts the backlog, then every story a <see cref="ReportStored"/> message names, until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        // Subscribe before catching up, so nothing stored during the catch-up is missed.
        var stored = bus.SubscribeAsync<ReportStored>(ct);
        await CatchUpAsync(null, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var rescan = RescanLoopAsync(stop.Token);
        try
        {
            await foreach (var message in stored.WithCancellation(ct))
            {
                if (message.StoryId is { } storyId)
                {
                    await TryRedraftAsync(storyId, ct);
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await rescan;
            }
            catch (OperationCanceledException)
            {
                // Stopping: the rescan loop ends with the worker.
            }
        }
    }

    /// <summary>Redrafts every stale story (reports updated since <paramref name="since"/>, or all when null).
    /// Returns how many drafts were written.</summary>
    public async Task<int> CatchUpAsync(DateTimeOffset? since, CancellationToken ct)
    {
        IReadOnlyList<long> stale;
        await using (var connection = await database.ConnectAsync(ct))
        {
            stale = await DraftStore.StaleStoriesAsync(connection, since, ct);
        }

        var written = 0;
        foreach (var storyId in stale)
        {
            written += await TryRedraftAsync(storyId, ct) is null ? 0 : 1;
        }

        return written;
    }

    /// <summary>Writes a new draft revision for the story when its reports changed since the current one; null when
    /// the draft is up to date (or the story has no reports).</summary>
    public async Task<RedraftResult?> RedraftAsync(long storyId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await RedraftLockedAsync(storyId, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RedraftResult?> TryRedraftAsync(long storyId, CancellationToken ct)
    {
        try
        {
            return await RedraftAsync(storyId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            OnError?.Invoke(storyId, e);
            return null;
        }
    }

    private async Task RescanLoopAsync(CancellationToken ct)
    {
        var since = time.GetUtcNow();
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(RescanInterval, time, ct);
            var now = time.GetUtcNow();
            // A little overlap: a report committed just before `since` with an older stamp is still seen.
            await CatchUpAsync(since - RescanInterval, ct);
            since = now;
        }
    }

    private async Task<RedraftResult?> RedraftLockedAsync(long storyId, CancellationToken ct)
    {
        StoryMaterial material;
        DeskStory? desk;
        IReadOnlyList<SourceReport> earlier;
        await using (var connection = await database.ConnectAsync(ct))
        {
            material = await StoryMaterial.LoadAsync(connection, null, storyId, ct: ct);
            desk = await DraftStore.GetDeskAsync(connection, null, storyId);
            if (material.Reports.Count == 0 || (desk is not null && string.CompareOrdinal(desk.ReportsSeenAt, material.LatestUpdate) >= 0))
            {
                return null;
            }

            earlier = await StoryMaterial.EarlierCandidatesAsync(connection, storyId, EarlierCandidates, ct);
        }

        // Drafting is the costly step: outside the write transaction, so pushes and editors never wait on it.
        var draft = await writer().WriteAsync(new DraftRequest(material.Reports, earlier), ct);
        var now = time.GetUtcNow();

        await using var conn = await database.ConnectAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Re-read inside the transaction: an editor may have acted while the draft was being written.
        desk = await DraftStore.GetDeskAsync(conn, tx, storyId);
        var status = desk?.Status ?? DeskStatus.None;
        var revision = await DraftStore.AddRevisionAsync(conn, tx, storyId, draft, MachineAuthor, null, DraftRevision.Machine, $"{material.Reports.Count} report(s)", now);
        var next = Workflow.Find(status, status == DeskStatus.None ? "draft" : "redraft", Workflow.System)?.To ?? status;
        var updated = new DeskStory
        {
            StoryId = storyId,
            Status = next,
            CurrentDraftId = revision.Id,
            PublishedDraftId = desk?.PublishedDraftId,
            ReportsSeenAt = material.LatestUpdate,
            ReportCount = material.Reports.Count,
            Importance = Importance(material, draft),
            Unsupported = revision.Unsupported,
            Headline = draft.Headline,
            UpdatedAt = now,
            StatusNote = next == status ? desk?.StatusNote : null,
        };

        Article? article = null;
        if (next == DeskStatus.Drafted && ShouldAutoPublish(material, revision))
        {
            // No editor read it: the closing line stays the machine's own ("This story was generated using Wiredesk.").
            article = await ArticleStore.PublishAsync(conn, tx, new Publication { StoryId = storyId, DraftId = revision.Id, Draft = draft, EditorName = AutoPublisher, At = now }, ct);
            updated = updated with { Status = DeskStatus.Published, PublishedDraftId = revision.Id };
            await AuditLog.RecordAsync(conn, tx, new AuditEntry(now, null, MachineAuthor, "auto-publish", "story", Id(storyId), "trusted source, every sentence supported"), ct);
        }

        await DraftStore.SaveDeskAsync(conn, tx, updated);
        await tx.CommitAsync(ct);

        await bus.PublishAsync(new StoryUpdated(storyId, revision.Id, now), ct);
        if (article is not null)
        {
            await bus.PublishAsync(new StoryPublished(article.Id, storyId, article.Version, PublicationChange.Published, now), ct);
        }

        return new RedraftResult(updated, revision, article);
    }

    /// <summary>Queue weight: the highest priority among the story's sources, then how many reports it has (each
    /// doubling of reports counts as much as one step of priority), then how many watchlists its draft matches (each
    /// doubling of 1 + that count counts as one step too: the first follower lifts a story by a step, a thousand by
    /// about ten).</summary>
    private double Importance(StoryMaterial material, Draft draft)
    {
        var priority = material.Reports.Max(r => settings.SourceSettingOf(r.Source).Priority);
        var interest = WatchlistInterest?.Invoke(material.StoryId, draft, material.Reports) ?? 0;
        return Importance(priority, material.Reports.Count, interest);
    }

    /// <summary>The importance formula (docs/newsroom.md): priority + log2(reports) + log2(1 + watchlists matched).</summary>
    public static double Importance(int priority, int reports, int watchlists) =>
        priority + Math.Log2(Math.Max(1, reports)) + Math.Log2(1 + Math.Max(0, watchlists));

    private bool ShouldAutoPublish(StoryMaterial material, DraftRevision revision) =>
        revision.Unsupported == 0
        && revision.Draft.Sections.Any(s => s.Sentences.Count > 0)
        && material.Reports.All(r => settings.SourceSettingOf(r.Source) is { Trusted: true, AutoPublish: true });

    public void Dispose() => _gate.Dispose();

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
