using System.Globalization;
using Wiredesk.Analysis;
using Wiredesk.Bus;
using Wiredesk.Drafting;
using Wiredesk.Editorial;
using Wiredesk.Storage;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Alerts;

/// <summary>A watchlist item that cannot be followed, by its position: the resolver's or parser's message and, for a
/// keyword query, the 1-based character position of the problem.</summary>
public sealed record WatchlistItemProblem(int ItemIndex, string Message, int? Position = null);

/// <summary>What an edit of a watchlist came to: the saved list, or why nothing was saved (a problem with the
/// name, problems with items, or no such list of the owner's).</summary>
public sealed record WatchlistEdit(Watchlist? Saved, string? NameProblem, IReadOnlyList<WatchlistItemProblem> ItemProblems, bool NotFound = false)
{
    public bool Ok => Saved is not null;
}

/// <summary>The server's alerting: owns the live <see cref="AlertMatcher"/> (every watchlist, loaded at start, every
/// edit applied at once so the next story sees it), and turns publications into stored alerts. Alerts are stored
/// before anything is told about them (one <see cref="AlertRaised"/> per new alert, after the commit), and storing
/// is idempotent, so a publication read twice — a message and a catch-up — alerts once. Which publications remain to
/// be read is kept in the store (<see cref="AlertStore.ProgressAsync"/>), not in the bus: a restart loses nothing.
/// Corrections and kills follow the story: every reader alerted on it hears of the change, matched or not.</summary>
public sealed class Alerting : IDisposable
{
    /// <summary>Publications read per catch-up query.</summary>
    public const int CatchUpBatch = 200;

    private readonly Database _database;
    private readonly AlertStore _alerts;
    private readonly WatchlistStore _watchlists;
    private readonly IBus _bus;
    private readonly Settings _settings;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Alerting(Database database, KnowledgeBaseIndex knowledgeBase, ExposureMap exposures, IBus bus, Settings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _alerts = new AlertStore(database);
        _watchlists = new WatchlistStore(database);
        _bus = bus;
        _settings = settings;
        _time = time;
        Matcher = new AlertMatcher(knowledgeBase, exposures);
    }

    public AlertMatcher Matcher { get; }

    public WatchlistItemResolver Resolver => Matcher.Resolver;

    public AlertStore Alerts => _alerts;

    public WatchlistStore Watchlists => _watchlists;

    /// <summary>True once <see cref="LoadAsync"/> has put every stored watchlist in the index.</summary>
    public bool Loaded { get; private set; }

    /// <summary>Builds the index from every stored watchlist; returns how many were loaded.</summary>
    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var count = 0;
        await foreach (var watchlist in _watchlists.AllAsync(ct))
        {
            Matcher.AddOrReplace(watchlist);
            count++;
        }

        Loaded = true;
        return count;
    }

    /// <summary>Every item that cannot be followed, with the message a reader sees.</summary>
    public IReadOnlyList<WatchlistItemProblem> Check(IReadOnlyList<WatchlistItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var problems = new List<WatchlistItemProblem>();
        for (var i = 0; i < items.Count; i++)
        {
            if (Resolver.TryResolve(items[i], out _, out var error))
            {
                continue;
            }

            int? position = null;
            if (items[i].Kind == WatchlistItemKind.Query && !KeywordQuery.TryParse(items[i].Value ?? "", out _, out var syntax))
            {
                position = syntax!.Position;
            }

            problems.Add(new WatchlistItemProblem(i, error!, position));
        }

        return problems;
    }

    public Task<WatchlistEdit> CreateAsync(long ownerId, string? name, IReadOnlyList<WatchlistItem> items, CancellationToken ct) =>
        SaveAsync(ownerId, null, name, items, ct);

    /// <summary>Renames the owner's watchlist and replaces its items; the next story is matched against the new items.</summary>
    public Task<WatchlistEdit> ReplaceAsync(long ownerId, long id, string? name, IReadOnlyList<WatchlistItem> items, CancellationToken ct) =>
        SaveAsync(ownerId, id, name, items, ct);

    public async Task<bool> DeleteAsync(long ownerId, long id, CancellationToken ct)
    {
        if (!await _watchlists.DeleteAsync(ownerId, id, ct))
        {
            return false;
        }

        Matcher.Remove(id);
        return true;
    }

    private async Task<WatchlistEdit> SaveAsync(long ownerId, long? id, string? name, IReadOnlyList<WatchlistItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        name = name?.Trim() ?? "";
        var nameProblem = name.Length == 0 ? "a watchlist needs a name"
            : name.Length > Watchlist.MaxNameLength ? $"a name is at most {Watchlist.MaxNameLength} characters"
            : null;
        var problems = items.Count > Watchlist.MaxItems
            ? [new WatchlistItemProblem(Watchlist.MaxItems, $"a watchlist holds at most {Watchlist.MaxItems} items")]
            : Check(items);
        if (nameProblem is not null || problems.Count > 0)
        {
            return new WatchlistEdit(null, nameProblem, problems);
        }

        var clean = items.Select(i => i with { Value = i.Value.Trim() }).ToList();
        Watchlist saved;
        try
        {
            if (id is { } existing)
            {
                if (!await _watchlists.ReplaceAsync(ownerId, existing, name, clean, _time.GetUtcNow(), ct))
                {
                    return new WatchlistEdit(null, null, [], NotFound: true);
                }

                saved = new Watchlist(existing, ownerId, name, clean);
            }
            else
            {
                saved = await _watchlists.AddAsync(ownerId, name, clean, _time.GetUtcNow(), ct);
            }
        }
        catch (DuplicateNameException e)
        {
            return new WatchlistEdit(null, e.Message, []);
        }

        // Stored first, then indexed: a crash in between leaves the store right, and the next start indexes it.
        Matcher.AddOrReplace(saved);
        return new WatchlistEdit(saved, null, []);
    }

    /// <summary>How many watchlists the story matches (each counted once): the desk's measure of reader interest.</summary>
    public int InterestIn(StoryDocument story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return Matcher.Match(story).Select(m => m.WatchlistId).Distinct().Count();
    }

    /// <summary>Reads every publication since the stored progress, stores its alerts and tells the bus; returns the
    /// alerts raised. Safe to call at any time and from any thread (one catch-up runs at a time).</summary>
    public async Task<IReadOnlyList<NewAlert>> CatchUpAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // With no watchlist to match and no reader alerted before (whom a correction or kill must follow), no
            // publication can raise an alert: move past them all at once instead of reading each one. A server
            // started on a store that another process filled would otherwise spend its first minutes here.
            if (Loaded && Matcher.Count == 0 && !await _alerts.AnyAsync(ct))
            {
                await _alerts.AdvanceProgressToNewestAsync(ct);
                return [];
            }

            var raised = new List<NewAlert>();
            var since = await _alerts.ProgressAsync(ct);
            while (true)
            {
                var batch = await _alerts.PublicationsSinceAsync(since, CatchUpBatch, ct);
                foreach (var publication in batch)
                {
                    raised.AddRange(await AlertAsync(publication, ct));
                    await _alerts.AdvanceProgressAsync(publication.At, ct);
                }

                // Reading "at or after" re-reads the last instant; stop once a batch brings nothing past it.
                if (batch.Count < CatchUpBatch || batch[^1].At == since)
                {
                    return raised;
                }

                since = batch[^1].At;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stores and announces the alerts of one publication (idempotent).</summary>
    public async Task<IReadOnlyList<NewAlert>> AlertAsync(PublicationEvent publication, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(publication);
        var articles = new ArticleStore(_database);
        var article = await articles.GetAsync(publication.ArticleId, ct);
        if (article is null)
        {
            return [];
        }

        var storyId = Id(publication.StoryId);
        var now = _time.GetUtcNow();
        IReadOnlyList<NewAlert> added;
        if (publication.Change == AlertChange.Killed)
        {
            added = await _alerts.AddFollowUpsAsync(
                new AlertOrigin(storyId, article.Id, AlertChange.Killed, publication.Version, article.KillNotice, article.Headline, Lede(article.Draft)), now, ct);
        }
        else
        {
            var version = (await articles.VersionsAsync(article.Id, ct)).FirstOrDefault(v => v.Version == publication.Version);
            if (version is null)
            {
                return [];
            }

            var origin = new AlertOrigin(storyId, article.Id, publication.Change, version.Version, version.CorrectionNote, version.Headline, Lede(version.Draft));
            var matches = Matcher.Match(await DocumentAsync(publication.StoryId, version.Draft, ct));
            if (publication.Change == AlertChange.Corrected)
            {
                // Readers alerted before hear what changed; a reader the corrected version newly matches hears of it
                // for the first time, with the correction note too.
                var before = await _alerts.OwnersAlertedOnAsync(storyId, ct);
                var followUps = await _alerts.AddFollowUpsAsync(origin, now, ct);
                var fresh = await _alerts.AddAsync(origin, [.. matches.Where(m => !before.Contains(m.OwnerId))], now, ct);
                added = [.. followUps, .. fresh];
            }
            else
            {
                added = await _alerts.AddAsync(origin, matches, now, ct);
            }
        }

        await AnnounceAsync(added, now, ct);
        return added;
    }

    /// <summary>For a story of a source set to breaking: when its current draft has every sentence supported and the
    /// story is not yet published, alerts the readers it matches at once (change "breaking"; the headline and lede
    /// as verified, not yet edited). Once per story: a later redraft does not alert again.</summary>
    public async Task<IReadOnlyList<NewAlert>> BreakingAsync(long storyId, CancellationToken ct)
    {
        // Most newsrooms set no source to breaking: then a redraft costs no read at all.
        if (!_settings.Sources.Values.Any(s => s.Breaking))
        {
            return [];
        }

        StoryMaterial material;
        DraftRevision? revision;
        await using (var connection = await _database.ConnectAsync(ct))
        {
            var desk = await DraftStore.GetDeskAsync(connection, null, storyId);
            if (desk is null || desk.PublishedDraftId is not null || desk.Unsupported > 0 || desk.Status != DeskStatus.Drafted)
            {
                return [];
            }

            revision = await DraftStore.GetRevisionAsync(connection, null, desk.CurrentDraftId);
            material = await StoryMaterial.LoadAsync(connection, null, storyId, ct: ct);
        }

        if (revision is null || revision.Unsupported > 0 || !revision.Draft.Sections.Any(s => s.Sentences.Count > 0)
            || !material.Reports.Any(r => _settings.SourceSettingOf(r.Source).Breaking))
        {
            return [];
        }

        var document = StoryDocument.FromDraft(Id(storyId), revision.Draft, Analyses(material.Reports, revision.Draft));
        var now = _time.GetUtcNow();
        var origin = new AlertOrigin(Id(storyId), null, AlertChange.Breaking, 0, null, revision.Draft.Headline, Lede(revision.Draft));
        var added = await _alerts.AddAsync(origin, Matcher.Match(document), now, ct);
        await AnnounceAsync(added, now, ct);
        return added;
    }

    /// <summary>The story as matching sees it: the draft's text, with the entities and topics of its source reports.</summary>
    public async Task<StoryDocument> DocumentAsync(long storyId, Draft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        StoryMaterial material;
        await using (var connection = await _database.ConnectAsync(ct))
        {
            material = await StoryMaterial.LoadAsync(connection, null, storyId, ct: ct);
        }

        return StoryDocument.FromDraft(Id(storyId), draft, Analyses(material.Reports, draft));
    }

    /// <summary>The stored analyses of the reports the draft cites (all the story's reports when it cites none).</summary>
    public static IReadOnlyList<ReportAnalysis> Analyses(IReadOnlyList<SourceReport> reports, Draft draft)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(draft);
        var cited = draft.Sources.Select(s => s.Report).ToHashSet(StringComparer.Ordinal);
        var used = cited.Count == 0 ? reports : reports.Where(r => cited.Contains(r.Id)).ToList();
        return [.. (used.Count == 0 ? reports : used).Select(r => r.Analysis).OfType<ReportAnalysis>()];
    }

    /// <summary>The story's first paragraph: what an alert quotes.</summary>
    public static string Lede(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var first = draft.Sections.FirstOrDefault(s => s.Sentences.Count > 0);
        return first is null ? "" : string.Join(' ', first.Sentences.Take(2).Select(s => s.Text));
    }

    private async Task AnnounceAsync(IReadOnlyList<NewAlert> added, DateTimeOffset at, CancellationToken ct)
    {
        foreach (var alert in added)
        {
            await _bus.PublishAsync(new AlertRaised(alert.Id, alert.OwnerId, alert.ArticleId ?? 0, at), ct);
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        Matcher.Dispose();
        _gate.Dispose();
    }
}
