using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wiredesk.App.Background;
using Wiredesk.Bus;
using Wiredesk.Editorial;
using Wiredesk.Ingest;
using Wiredesk.Storage;
using Wiredesk.Stories;

namespace Wiredesk.App.Web.Editorial;

/// <summary>Everything the draft page shows: the story with its timeline, its desk row, the current draft, the
/// reports the draft rests on (for the evidence column), recent audit entries, and what the viewer may do.</summary>
public sealed record DraftView(
    Story Story, DeskStory Desk, DraftRevision Current, IReadOnlyList<Report> Reports, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<Transition> Actions, bool CanEdit);

/// <summary>The editors' area under /desk: the queue, the draft page with its evidence, edit, approve-and-publish
/// (with an override), reject, reopen, correct, kill, revision history with diffs, and the audit log. Every route
/// requires the editor role (admins included) and every form its CSRF token.</summary>
public static class EditorialEndpoints
{
    public const int QueueSize = 200;

    public static IServiceCollection AddEditorial(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var c = sp.GetRequiredService<Composition>();
            return new Desk(c.Database, c.Analyzer, c.Verifier, c.Bus, c.Time);
        });
        services.AddHostedService<NewsroomWorker>();
        services.AddHostedService<SourcePolling>();
        services.AddHostedService<DemoRelease>();
        return services;
    }

    public static WebApplication MapEditorial(this WebApplication app)
    {
        var desk = app.MapGroup("/desk")
            .RequireAuthorization(Roles.Editor)
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        desk.MapGet("/", QueueAsync);
        desk.MapGet("/events", Events);
        desk.MapGet("/audit", AuditAsync);
        desk.MapGet("/stories/{id:long}", async (HttpContext http, long id) => await DraftPageAsync(http, id, null, false, StatusCodes.Status200OK));
        desk.MapGet("/stories/{id:long}/draft.json", DraftJsonAsync);
        desk.MapGet("/stories/{id:long}/edit", EditPageAsync);
        desk.MapPost("/stories/{id:long}/edit", SaveEditAsync);
        desk.MapGet("/stories/{id:long}/history", HistoryAsync);
        desk.MapPost("/stories/{id:long}/publish", (HttpContext http, Desk d, long id, [FromForm(Name = "override")] string? reason) =>
            ActAsync(http, id, (e, ct) => d.PublishAsync(id, e, reason, ct)));
        desk.MapPost("/stories/{id:long}/correct", (HttpContext http, Desk d, long id, [FromForm(Name = "note")] string? note, [FromForm(Name = "override")] string? reason) =>
            ActAsync(http, id, (e, ct) => d.CorrectAsync(id, e, note ?? "", reason, ct)));
        desk.MapPost("/stories/{id:long}/reject", (HttpContext http, Desk d, long id, [FromForm(Name = "reason")] string? reason) =>
            ActAsync(http, id, (e, ct) => d.RejectAsync(id, e, reason ?? "", ct)));
        desk.MapPost("/stories/{id:long}/reopen", (HttpContext http, Desk d, long id, [FromForm(Name = "confirm")] string? confirm) =>
            ActAsync(http, id, (e, ct) => d.ReopenAsync(id, e, ct)));
        desk.MapPost("/stories/{id:long}/kill", (HttpContext http, Desk d, long id, [FromForm(Name = "notice")] string? notice) =>
            ActAsync(http, id, (e, ct) => d.KillAsync(id, e, notice ?? "", ct)));
        return app;
    }

    private static async Task<IResult> QueueAsync(HttpContext http, Database database, TimeProvider time, string? status)
    {
        var filter = status is { Length: > 0 } s && DeskStatus.All.Contains(s) ? s : null;
        var rows = await new DraftStore(database).RecentAsync(QueueSize, filter ?? (status == "all" ? null : DeskStatus.Drafted), http.RequestAborted);
        var now = time.GetUtcNow();
        var queue = rows.OrderByDescending(r => Priority(r, now)).ThenByDescending(r => r.UpdatedAt).ToList();
        return new RazorComponentResult<DeskPage>(new { Page = PageContext.For(http), Queue = queue, Status = filter ?? (status == "all" ? "all" : DeskStatus.Drafted), Now = now });
    }

    /// <summary>Newest and most important first: importance (source priority, reports) minus a point for every
    /// six hours since the story last changed, so a fresh story from a minor source still rises above a stale one.</summary>
    public static double Priority(DeskStory story, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(story);
        return story.Importance - Math.Max(0, (now - story.UpdatedAt).TotalHours) / 6;
    }

    /// <summary>Live desk: one event per drafted, edited or published story; the page reloads its queue on each.</summary>
    private static ServerSentEventsResult<string> Events(IBus bus, HttpContext http) =>
        TypedResults.ServerSentEvents(DeskEventsAsync(bus, http.RequestAborted));

    private static async IAsyncEnumerable<SseItem<string>> DeskEventsAsync(IBus bus, [EnumeratorCancellation] CancellationToken ct)
    {
        var messages = bus.SubscribeAsync<IMessage>(ct);
        yield return new SseItem<string>("hello", "ready");
        await using var e = messages.GetAsyncEnumerator(ct);
        while (true)
        {
            bool more;
            try
            {
                more = await e.MoveNextAsync();
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            switch (e.Current)
            {
                case StoryUpdated u:
                    yield return new SseItem<string>(Id(u.StoryId), "story-updated");
                    break;
                case StoryPublished p:
                    yield return new SseItem<string>(Id(p.StoryId), "story-published");
                    break;
            }
        }
    }

    private static async Task<IResult> AuditAsync(HttpContext http, Database database)
    {
        var entries = await new AuditLog(database).LatestAsync(200, ct: http.RequestAborted);
        return new RazorComponentResult<AuditPage>(new { Page = PageContext.For(http), Entries = entries });
    }

    private static async Task<IResult> DraftJsonAsync(HttpContext http, Database database, long id)
    {
        var store = new DraftStore(database);
        var desk = await store.GetDeskAsync(id, http.RequestAborted);
        if (desk is null)
        {
            return Results.NotFound();
        }

        var current = await store.GetRevisionAsync(desk.CurrentDraftId, http.RequestAborted);
        return Results.Json(new { storyId = id, desk.Status, draftId = current!.Id, current.Revision, draft = current.Draft }, JsonDefaults.Options);
    }

    private static async Task<IResult> EditPageAsync(HttpContext http, Database database, long id)
    {
        if (await LoadAsync(http, database, id) is not { } view)
        {
            return NotFoundPage(http);
        }

        return new RazorComponentResult<EditPage>(new { Page = PageContext.For(http), View = view, Error = (string?)null });
    }

    /// <summary>The form is bound as a parameter (not read by hand) so that the framework checks its CSRF token.</summary>
    private static async Task<IResult> SaveEditAsync(HttpContext http, Database database, Desk desk, long id, IFormCollection form)
    {
        var sections = new List<IReadOnlyList<string>>();
        for (var s = 0; form.ContainsKey($"section-{s}"); s++)
        {
            var texts = new List<string>();
            for (var i = 0; form.TryGetValue($"s-{s}-{i}", out var text); i++)
            {
                texts.Add(text.ToString());
            }

            sections.Add(texts);
        }

        var outcome = await desk.SaveEditAsync(id, Editor(http), new DraftEdit(form["headline"].ToString(), sections), http.RequestAborted);
        if (outcome.Ok)
        {
            return Results.LocalRedirect($"/desk/stories/{Id(id)}?saved=1");
        }

        if (await LoadAsync(http, database, id) is not { } view)
        {
            return NotFoundPage(http);
        }

        return new RazorComponentResult<EditPage>(new { Page = PageContext.For(http), View = view, Error = outcome.Problem }) { StatusCode = StatusCodes.Status409Conflict };
    }

    private static async Task<IResult> HistoryAsync(HttpContext http, Database database, long id, int? from, int? to)
    {
        var revisions = await new DraftStore(database).RevisionsAsync(id, http.RequestAborted);
        if (revisions.Count == 0)
        {
            return NotFoundPage(http);
        }

        var newer = revisions.FirstOrDefault(r => r.Revision == to) ?? revisions[^1];
        var older = revisions.FirstOrDefault(r => r.Revision == from) ?? revisions.LastOrDefault(r => r.Revision < newer.Revision);
        var diff = WordDiff.Compare(older is null ? "" : DraftText.Of(older.Draft), DraftText.Of(newer.Draft));
        return new RazorComponentResult<HistoryPage>(new { Page = PageContext.For(http), StoryId = id, Revisions = revisions, Older = older, Newer = newer, Diff = diff });
    }

    private static async Task<IResult> ActAsync(HttpContext http, long id, Func<DeskEditor, CancellationToken, Task<DeskOutcome>> action)
    {
        var outcome = await action(Editor(http), http.RequestAborted);
        if (outcome.Ok)
        {
            return Results.LocalRedirect($"/desk/stories/{Id(id)}");
        }

        return await DraftPageAsync(http, id, outcome.Problem, outcome.NeedsOverride, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> DraftPageAsync(HttpContext http, long id, string? problem, bool needsOverride, int status)
    {
        var database = http.RequestServices.GetRequiredService<Database>();
        if (await LoadAsync(http, database, id) is not { } view)
        {
            return NotFoundPage(http);
        }

        var saved = http.Request.Query.ContainsKey("saved");
        return new RazorComponentResult<DraftPage>(new { Page = PageContext.For(http), View = view, Problem = problem, NeedsOverride = needsOverride, Saved = saved }) { StatusCode = status };
    }

    private static async Task<DraftView?> LoadAsync(HttpContext http, Database database, long id)
    {
        var ct = http.RequestAborted;
        var drafts = new DraftStore(database);
        var desk = await drafts.GetDeskAsync(id, ct);
        var story = await new StoryStore(database).GetAsync(id, ct);
        if (desk is null || story is null)
        {
            return null;
        }

        var current = (await drafts.GetRevisionAsync(desk.CurrentDraftId, ct))!;
        var reportIds = story.Timeline.Select(t => t.Report)
            .Concat(current.Draft.Sources.Select(s => long.TryParse(s.Report, CultureInfo.InvariantCulture, out var r) ? r : 0).Where(r => r > 0))
            .Distinct().ToList();
        var store = new ReportStore(database);
        var reports = new List<Report>();
        foreach (var reportId in reportIds)
        {
            if (await store.GetAsync(reportId, ct) is { } report)
            {
                reports.Add(report);
            }
        }

        var audit = await new AuditLog(database).LatestAsync(20, "story", Id(id), ct);
        var role = Viewer.From(http.User)?.Role ?? Roles.Reader;
        return new DraftView(story, desk, current, reports, audit, Workflow.AllowedFrom(desk.Status, role), Workflow.CanEdit(desk.Status, role));
    }

    private static RazorComponentResult<NotFoundPage> NotFoundPage(HttpContext http) =>
        new(new { Page = PageContext.For(http) }) { StatusCode = StatusCodes.Status404NotFound };

    private static DeskEditor Editor(HttpContext http)
    {
        var viewer = Viewer.From(http.User) ?? throw new InvalidOperationException("the desk requires a signed-in editor");
        return new DeskEditor(viewer.Id, viewer.Name, viewer.DisplayName, viewer.Role);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A draft as plain text for the revision diff: headline, then each section with its title.</summary>
public static class DraftText
{
    public static string Of(Wiredesk.Drafting.Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var parts = new List<string> { draft.Headline, "¶" };
        foreach (var section in draft.Sections.Where(s => s.Sentences.Count > 0))
        {
            parts.Add(section.Title + ":");
            parts.AddRange(section.Sentences.Select(s => s.Text));
            parts.Add("¶");
        }

        if (draft.ClosingLine is { } closing)
        {
            parts.Add(closing);
        }

        return string.Join(' ', parts);
    }
}
