using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Wiredesk.Alerts;
using Wiredesk.App.Background;
using Wiredesk.Bus;
using Wiredesk.Editorial;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Alerts;

/// <summary>The reader's side of alerts: watchlist pages (/watchlists), the alerts page (/alerts) with read and unread,
/// one alert's page (/alerts/{id}: what a breaking alert links to), and the live stream /alerts/events the alerts
/// script on every signed-in page listens to. Every route needs a signed-in reader; a reader only ever sees their
/// own lists and alerts (another reader's id answers 404, like an id that does not exist).</summary>
public static class AlertsEndpoints
{
    public const int PageSize = 50;

    /// <summary>Blank item rows a watchlist form offers for new items.</summary>
    public const int BlankRows = 4;

    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<Composition>().Alerting);
        services.AddSingleton(sp => sp.GetRequiredService<Alerting>().Alerts);
        services.AddHostedService<AlertWorker>();
        return services;
    }

    public static WebApplication MapAlerts(this WebApplication app)
    {
        var pages = app.MapGroup("")
            .RequireAuthorization(Roles.Reader)
            .RequireCsrf()
            .ExcludeFromDescription();
        pages.MapGet("/watchlists", (HttpContext http, Alerting alerting) => WatchlistsAsync(http, alerting, null, StatusCodes.Status200OK));
        pages.MapPost("/watchlists", CreateAsync);
        pages.MapGet("/watchlists/{id:long}", async (HttpContext http, Alerting alerting, long id) =>
            await alerting.Watchlists.GetAsync(Owner(http), id, http.RequestAborted) is { } list
                ? (IResult)EditPage(http, WatchlistForm.Of(list), StatusCodes.Status200OK)
                : NotFound(http));
        pages.MapPost("/watchlists/{id:long}", ReplaceAsync);
        pages.MapPost("/watchlists/{id:long}/delete", async (HttpContext http, Alerting alerting, long id) =>
            await alerting.DeleteAsync(Owner(http), id, http.RequestAborted) ? Results.Redirect("/watchlists") : NotFound(http));

        pages.MapGet("/alerts", AlertsAsync);
        pages.MapGet("/alerts/events", Events);
        pages.MapGet("/alerts/{id:long}", async (HttpContext http, AlertStore alerts, long id) =>
            await alerts.GetAsync(Owner(http), id, http.RequestAborted) is { } alert
                ? (IResult)new RazorComponentResult<AlertPage>(new { Page = PageContext.For(http), Alert = alert })
                : NotFound(http));
        pages.MapPost("/alerts/{id:long}/read", (HttpContext http, AlertStore alerts, TimeProvider time, long id) =>
            MarkAsync(http, id, ct => alerts.MarkReadAsync(Owner(http), id, time.GetUtcNow(), ct), alerts));
        pages.MapPost("/alerts/{id:long}/unread", (HttpContext http, AlertStore alerts, long id) =>
            MarkAsync(http, id, ct => alerts.MarkUnreadAsync(Owner(http), id, ct), alerts));
        pages.MapPost("/alerts/read-all", async (HttpContext http, AlertStore alerts, TimeProvider time) =>
        {
            await alerts.MarkAllReadAsync(Owner(http), time.GetUtcNow(), http.RequestAborted);
            return Results.Redirect("/alerts");
        });
        return app;
    }

    /// <summary>The signed-in reader's id (every route here requires one).</summary>
    public static long Owner(HttpContext http) => Viewer.From(http.User)!.Id;

    /// <summary>Where an alert sends its reader: the story page, or for a breaking alert (no article yet) the alert's
    /// own page with the verified headline and lede.</summary>
    public static string Link(StoredAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Change == AlertChange.Breaking || alert.ArticleId is null
            ? $"/alerts/{alert.Id.ToString(CultureInfo.InvariantCulture)}"
            : $"/stories/{alert.StoryId}";
    }

    /// <summary>What the change means to a reader, in a few words.</summary>
    public static string ChangeLabel(AlertChange change) => change switch
    {
        AlertChange.Corrected => "Corrected",
        AlertChange.Killed => "Withdrawn",
        AlertChange.Breaking => "Breaking · unedited",
        _ => "New story",
    };

    private static RazorComponentResult<Reader.NotFoundPage> NotFound(HttpContext http) =>
        new RazorComponentResult<Reader.NotFoundPage>(new { Page = PageContext.For(http) }) { StatusCode = StatusCodes.Status404NotFound };

    private static async Task<IResult> WatchlistsAsync(HttpContext http, Alerting alerting, WatchlistForm? draft, int status)
    {
        var lists = await alerting.Watchlists.OfOwnerAsync(Owner(http), http.RequestAborted);
        return new RazorComponentResult<WatchlistsPage>(new { Page = PageContext.For(http), Lists = lists, Draft = draft ?? WatchlistForm.Empty() }) { StatusCode = status };
    }

    private static RazorComponentResult<WatchlistPage> EditPage(HttpContext http, WatchlistForm form, int status) =>
        new(new { Page = PageContext.For(http), Form = form }) { StatusCode = status };

    private static async Task<IResult> CreateAsync(HttpContext http, Alerting alerting)
    {
        var form = await WatchlistForm.ReadAsync(http.Request, null);
        if (form.KindProblem is not null)
        {
            return await WatchlistsAsync(http, alerting, form, StatusCodes.Status400BadRequest);
        }

        var edit = await alerting.CreateAsync(Owner(http), form.Name, form.Items, http.RequestAborted);
        return edit.Saved is { } saved
            ? Results.Redirect($"/watchlists/{saved.Id.ToString(CultureInfo.InvariantCulture)}")
            : await WatchlistsAsync(http, alerting, form.With(edit), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ReplaceAsync(HttpContext http, Alerting alerting, long id)
    {
        if (await alerting.Watchlists.GetAsync(Owner(http), id, http.RequestAborted) is null)
        {
            return NotFound(http);
        }

        var form = await WatchlistForm.ReadAsync(http.Request, id);
        if (form.KindProblem is not null)
        {
            return EditPage(http, form, StatusCodes.Status400BadRequest);
        }

        var edit = await alerting.ReplaceAsync(Owner(http), id, form.Name, form.Items, http.RequestAborted);
        return edit.NotFound ? NotFound(http)
            : edit.Ok ? Results.Redirect($"/watchlists/{id.ToString(CultureInfo.InvariantCulture)}")
            : EditPage(http, form.With(edit), StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> AlertsAsync(HttpContext http, AlertStore alerts, bool? unread, long? before)
    {
        var owner = Owner(http);
        var page = await alerts.OfOwnerAsync(owner, unread == true, PageSize + 1, before, http.RequestAborted);
        return new RazorComponentResult<AlertsPage>(new
        {
            Page = PageContext.For(http),
            Alerts = page.Take(PageSize).ToList(),
            UnreadOnly = unread == true,
            Unread = await alerts.UnreadCountAsync(owner, http.RequestAborted),
            OlderThan = page.Count > PageSize ? page[PageSize - 1].Id : (long?)null,
        });
    }

    private static async Task<IResult> MarkAsync(HttpContext http, long id, Func<CancellationToken, Task<bool>> change, AlertStore alerts)
    {
        // Marking an alert already in that state is not an error; an alert that is not the reader's is.
        if (!await change(http.RequestAborted) && await alerts.GetAsync(Owner(http), id, http.RequestAborted) is null)
        {
            return NotFound(http);
        }

        var back = http.Request.HasFormContentType && (await http.Request.ReadFormAsync(http.RequestAborted))["returnUrl"].ToString() is { Length: > 0 } r ? r : "/alerts";
        return Results.LocalRedirect(Account.AccountEndpoints.SafeReturnUrl(back));
    }

    /// <summary>Server-sent events for the signed-in reader: "hello" with the unread count, then one "alert" per alert
    /// raised for them (headline, reason, link, unread count), and a heartbeat. A reconnecting browser sends the last
    /// alert id it saw and gets what it missed.</summary>
    private static ServerSentEventsResult<AlertNotice> Events(HttpContext http, IBus bus, AlertStore alerts, TimeProvider time)
    {
        var owner = Owner(http);
        var messages = bus.SubscribeAsync<AlertRaised>(http.RequestAborted);
        var resume = long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), out var last) ? last : (long?)null;
        return TypedResults.ServerSentEvents(EventsAsync(messages, alerts, owner, resume, time, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<AlertNotice>> EventsAsync(
        IAsyncEnumerable<AlertRaised> messages, AlertStore alerts, long owner, long? resume, TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var next = messages.GetAsyncEnumerator(ct);
        var pending = next.MoveNextAsync().AsTask();
        var unread = await alerts.UnreadCountAsync(owner, ct);
        yield return new SseItem<AlertNotice>(AlertNotice.Hello(unread), "hello") { ReconnectionInterval = TimeSpan.FromSeconds(3) };
        var sent = new HashSet<long>();
        if (resume is { } after)
        {
            foreach (var missed in (await alerts.OfOwnerAsync(owner, unreadOnly: true, limit: 20, ct: ct)).Where(a => a.Id > after).Reverse())
            {
                sent.Add(missed.Id);
                yield return Event(missed, unread);
            }
        }

        while (!ct.IsCancellationRequested)
        {
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(Reader.ReaderEndpoints.Heartbeat, time, beat.Token);
            if (await Task.WhenAny(pending, delay) != pending)
            {
                yield return new SseItem<AlertNotice>(AlertNotice.Hello(-1), "heartbeat");
                continue;
            }

            await beat.CancelAsync();
            bool more;
            try
            {
                more = await pending;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            var message = next.Current;
            pending = next.MoveNextAsync().AsTask();
            if (message.UserId != owner || !sent.Add(message.AlertId) || await alerts.GetAsync(owner, message.AlertId, ct) is not { } alert)
            {
                continue;
            }

            yield return Event(alert, await alerts.UnreadCountAsync(owner, ct));
        }
    }

    private static SseItem<AlertNotice> Event(StoredAlert alert, int unread) =>
        new(AlertNotice.From(alert, unread), "alert") { EventId = alert.Id.ToString(CultureInfo.InvariantCulture) };
}

/// <summary>What the live stream tells a reader's open page about one alert (or, for "hello", just the unread count).</summary>
public sealed record AlertNotice(long Id, string Change, string Label, string Headline, string Reason, string Item, string? Note, string Link, int Unread)
{
    public static AlertNotice Hello(int unread) => new(0, "", "", "", "", "", null, "", unread);

    public static AlertNotice From(StoredAlert alert, int unread)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(alert.Id, AlertStore.ChangeName(alert.Change), AlertsEndpoints.ChangeLabel(alert.Change), alert.Headline, alert.ReasonText, alert.ItemLabel,
            alert.Note, AlertsEndpoints.Link(alert), unread);
    }
}
