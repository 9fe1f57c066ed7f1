using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wiredesk.Alerts;
using Wiredesk.App.Web.Reader;
using Wiredesk.Editorial;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Alerts;

/// <summary>One watchlist item in the API: kind (ticker, company, person, country, topic, query) and value.</summary>
public sealed record WatchlistItemJson(string Kind, string Value);

/// <summary>A watchlist in the API.</summary>
public sealed record WatchlistJson(long Id, string Name, IReadOnlyList<WatchlistItemJson> Items);

/// <summary>What POST and PUT /api/watchlists take.</summary>
public sealed record WatchlistInput(string? Name, IReadOnlyList<WatchlistItemJson>? Items);

/// <summary>An item the API refused: its position in the list, the message, and for a keyword query the 1-based
/// character position of the problem.</summary>
public sealed record ItemErrorJson(int Item, string Kind, string Value, string Message, int? Position);

/// <summary>An alert in the API: the story and change, the matched item and reason (text and steps), read state.</summary>
public sealed record AlertJson(
    long Id, string StoryId, long? ArticleId, string Change, int Version, string? Note, string Headline, string Summary, string Url,
    long WatchlistId, int Item, string ItemLabel, string Match, string Reason, IReadOnlyList<ReasonStep> Path, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public static AlertJson From(StoredAlert a, Uri site)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.StoryId, a.ArticleId, AlertStore.ChangeName(a.Change), a.Version, a.Note, a.Headline, a.Summary,
            new Uri(site, AlertsEndpoints.Link(a).TrimStart('/')).ToString(), a.WatchlistId, a.ItemIndex, a.ItemLabel,
            a.Kind == MatchKind.Direct ? "direct" : "exposure", a.ReasonText, a.Reason, a.CreatedAt, a.ReadAt);
    }
}

/// <summary>A page of alerts; Next is the URL of the following (older) page, null on the last.</summary>
public sealed record AlertList(IReadOnlyList<AlertJson> Alerts, int Unread, string? Next);

/// <summary>The reader's watchlists and alerts over JSON with a personal API key (X-Api-Key or Bearer), or the
/// sign-in cookie. Every route needs the reader role at least and sees only the caller's own data.</summary>
public static class AlertsApi
{
    public static WebApplication MapAlertsApi(this WebApplication app)
    {
        var lists = app.MapGroup("/api/watchlists").WithTags("Watchlists").RequireAuthorization(Roles.Reader);
        lists.MapGet("", ListAsync)
            .WithName("ListWatchlists").WithSummary("Your watchlists with their items")
            .Produces<IReadOnlyList<WatchlistJson>>();
        lists.MapPost("", CreateAsync)
            .WithName("CreateWatchlist").WithSummary("Creates a watchlist")
            .WithDescription("Items are {kind, value} with kind ticker, company, person, country, topic or query. An item that cannot be followed (unknown company or country, invalid query) answers 400 with a problem document whose errors list each item's message and, for a query, the character position.")
            .Produces<WatchlistJson>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        lists.MapGet("/{id:long}", GetAsync)
            .WithName("GetWatchlist").WithSummary("One of your watchlists")
            .Produces<WatchlistJson>().Produces(StatusCodes.Status404NotFound);
        lists.MapPut("/{id:long}", ReplaceAsync)
            .WithName("ReplaceWatchlist").WithSummary("Renames a watchlist and replaces its items; applies to the next story")
            .Produces<WatchlistJson>().ProducesProblem(StatusCodes.Status400BadRequest).Produces(StatusCodes.Status404NotFound);
        lists.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteWatchlist").WithSummary("Deletes a watchlist (its past alerts stay)")
            .Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound);

        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(Roles.Reader);
        alerts.MapGet("", AlertsAsync)
            .WithName("ListAlerts").WithSummary("Your alerts, newest first")
            .WithDescription("Each alert names the story and change (published, corrected, killed, breaking), the matched watchlist item, direct or exposure, and the reason path. Page with before (the last id of the previous page), or follow next.")
            .Produces<AlertList>().ProducesProblem(StatusCodes.Status400BadRequest);
        alerts.MapPost("/{id:long}/read", MarkReadAsync)
            .WithName("MarkAlertRead").WithSummary("Marks one of your alerts read")
            .Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound);
        alerts.MapPost("/{id:long}/unread", MarkUnreadAsync)
            .WithName("MarkAlertUnread").WithSummary("Marks one of your alerts unread again")
            .Produces(StatusCodes.Status204NoContent).Produces(StatusCodes.Status404NotFound);
        alerts.MapPost("/read-all", MarkAllReadAsync)
            .WithName("MarkAllAlertsRead").WithSummary("Marks all your alerts read; answers how many were unread")
            .Produces<MarkedRead>();
        return app;
    }

    /// <summary>How many alerts a read-all marked.</summary>
    public sealed record MarkedRead(int Marked);

    private static async Task<Ok<List<WatchlistJson>>> ListAsync(HttpContext http, Alerting alerting) =>
        TypedResults.Ok((await alerting.Watchlists.OfOwnerAsync(AlertsEndpoints.Owner(http), http.RequestAborted)).Select(Json).ToList());

    private static async Task<Results<Ok<WatchlistJson>, NotFound>> GetAsync(HttpContext http, Alerting alerting, long id) =>
        await alerting.Watchlists.GetAsync(AlertsEndpoints.Owner(http), id, http.RequestAborted) is { } list ? TypedResults.Ok(Json(list)) : TypedResults.NotFound();

    private static async Task<IResult> CreateAsync(HttpContext http, Alerting alerting, [FromBody] WatchlistInput? input)
    {
        if (Items(input, out var items) is { } refused)
        {
            return refused;
        }

        var edit = await alerting.CreateAsync(AlertsEndpoints.Owner(http), input!.Name, items, http.RequestAborted);
        return edit.Saved is { } saved
            ? TypedResults.Created($"/api/watchlists/{saved.Id.ToString(CultureInfo.InvariantCulture)}", Json(saved))
            : Problem(edit, items);
    }

    private static async Task<IResult> ReplaceAsync(HttpContext http, Alerting alerting, long id, [FromBody] WatchlistInput? input)
    {
        if (await alerting.Watchlists.GetAsync(AlertsEndpoints.Owner(http), id, http.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        if (Items(input, out var items) is { } refused)
        {
            return refused;
        }

        var edit = await alerting.ReplaceAsync(AlertsEndpoints.Owner(http), id, input!.Name, items, http.RequestAborted);
        return edit.NotFound ? TypedResults.NotFound() : edit.Saved is { } saved ? TypedResults.Ok(Json(saved)) : Problem(edit, items);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(HttpContext http, Alerting alerting, long id) =>
        await alerting.DeleteAsync(AlertsEndpoints.Owner(http), id, http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<IResult> AlertsAsync(
        HttpContext http, AlertStore store,
        [Description("Only unread alerts")] bool? unread,
        [Description("Alerts older than this alert id (the last id of the previous page)")] long? before,
        [Description("Alerts per page, 1 to 200 (default 50)")] int? limit)
    {
        var size = limit ?? AlertsEndpoints.PageSize;
        if (size < 1 || size > AlertStore.MaxPage)
        {
            return TypedResults.Problem($"limit must be between 1 and {AlertStore.MaxPage}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging");
        }

        var owner = AlertsEndpoints.Owner(http);
        var page = await store.OfOwnerAsync(owner, unread == true, size + 1, before, http.RequestAborted);
        var site = ReaderEndpoints.SiteOf(http.Request);
        string? next = null;
        if (page.Count > size)
        {
            var last = page[size - 1].Id.ToString(CultureInfo.InvariantCulture);
            next = new Uri(site, $"api/alerts?before={last}&limit={size.ToString(CultureInfo.InvariantCulture)}{(unread == true ? "&unread=true" : "")}").ToString();
        }

        return TypedResults.Ok(new AlertList([.. page.Take(size).Select(a => AlertJson.From(a, site))], await store.UnreadCountAsync(owner, http.RequestAborted), next));
    }

    private static async Task<Results<NoContent, NotFound>> MarkReadAsync(HttpContext http, AlertStore store, TimeProvider time, long id)
    {
        var owner = AlertsEndpoints.Owner(http);
        return await store.MarkReadAsync(owner, id, time.GetUtcNow(), http.RequestAborted) || await store.GetAsync(owner, id, http.RequestAborted) is not null
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }

    private static async Task<Results<NoContent, NotFound>> MarkUnreadAsync(HttpContext http, AlertStore store, long id)
    {
        var owner = AlertsEndpoints.Owner(http);
        return await store.MarkUnreadAsync(owner, id, http.RequestAborted) || await store.GetAsync(owner, id, http.RequestAborted) is not null
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }

    private static async Task<Ok<MarkedRead>> MarkAllReadAsync(HttpContext http, AlertStore store, TimeProvider time) =>
        TypedResults.Ok(new MarkedRead(await store.MarkAllReadAsync(AlertsEndpoints.Owner(http), time.GetUtcNow(), http.RequestAborted)));

    private static WatchlistJson Json(Watchlist list) =>
        new(list.Id, list.Name, [.. list.Items.Select(i => new WatchlistItemJson(WatchlistForm.KindName(i.Kind), i.Value))]);

    /// <summary>The input's items, or a 400 when the body is missing or an item's kind is unknown.</summary>
    private static ProblemHttpResult? Items(WatchlistInput? input, out List<WatchlistItem> items)
    {
        items = [];
        if (input is null)
        {
            return TypedResults.Problem("send a JSON body {\"name\": ..., \"items\": [{\"kind\": ..., \"value\": ...}]}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid watchlist");
        }

        var errors = new List<ItemErrorJson>();
        var given = input.Items ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var kind = given[i]?.Kind ?? "";
            if (!Enum.TryParse<WatchlistItemKind>(kind, ignoreCase: true, out var parsed) || int.TryParse(kind, out _))
            {
                errors.Add(new ItemErrorJson(i, kind, given[i]?.Value ?? "", $"unknown item kind '{kind}': use ticker, company, person, country, topic or query", null));
                continue;
            }

            items.Add(new WatchlistItem(parsed, given[i].Value ?? ""));
        }

        return errors.Count == 0 ? null : ItemsProblem(errors[0].Message, errors);
    }

    private static ProblemHttpResult Problem(WatchlistEdit edit, List<WatchlistItem> items)
    {
        var errors = edit.ItemProblems.Select(p => new ItemErrorJson(
            p.ItemIndex, p.ItemIndex < items.Count ? WatchlistForm.KindName(items[p.ItemIndex].Kind) : "", p.ItemIndex < items.Count ? items[p.ItemIndex].Value : "",
            p.Message, p.Position)).ToList();
        return ItemsProblem(edit.NameProblem ?? (errors.Count > 0 ? $"item {errors[0].Item.ToString(CultureInfo.InvariantCulture)}: {errors[0].Message}" : "invalid watchlist"), errors);
    }

    private static ProblemHttpResult ItemsProblem(string detail, List<ItemErrorJson> errors) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid watchlist",
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
