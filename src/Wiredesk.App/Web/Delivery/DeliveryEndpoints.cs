using System.ComponentModel;
using System.Net.Mail;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wiredesk.Alerts.Delivery;
using Wiredesk.App.Background;
using Wiredesk.App.Cli;
using Wiredesk.App.Web.Account;
using Wiredesk.Editorial;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Delivery;

/// <summary>A webhook as the API shows it (never the secret).</summary>
public sealed record WebhookView(long Id, string Url, DateTimeOffset CreatedAt, bool Active, int Pending, int Delivered, int Dead)
{
    public static WebhookView From(WebhookSummary s) => new(s.Webhook.Id, s.Webhook.Url, s.Webhook.CreatedAt, s.Webhook.Active, s.Pending, s.Delivered, s.Dead);
}

/// <summary>A delivery as the API shows it; status is pending, delivered or dead.</summary>
public sealed record DeliveryView(
    long Id, long AlertId, string IdempotencyKey, string Status, int Attempts, DateTimeOffset? NextAttemptAt, int? LastStatus, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt)
{
    public static DeliveryView From(Storage.Delivery d) => new(
        d.Id, d.AlertId, d.IdempotencyKey, DeliveryStore.Name(d.Status), d.Attempts, d.NextAttemptAt, d.LastStatus, d.LastError, d.CreatedAt, d.LastAttemptAt, d.DeliveredAt);
}

/// <summary>The answer to a registration: the webhook and its signing secret, shown this once.</summary>
public sealed record RegisteredWebhook(WebhookView Webhook, string Secret);

/// <summary>What registering a webhook takes.</summary>
public sealed record WebhookRequest([property: Description("Your endpoint: https://... (http only for a loopback host the operator allows)")] string? Url);

/// <summary>A problem with a request: one clear message.</summary>
public sealed record DeliveryProblem(string Error);

/// <summary>Webhooks and the e-mail digest, for every signed-in reader: pages /webhooks and /alerts/email (cookie,
/// CSRF on every form) and the API under /api/webhooks (personal API key, like every mutating API route, so no
/// cookie can be ridden by another site). Everything is the viewer's own: another reader's webhook answers 404.</summary>
public static class DeliveryEndpoints
{
    /// <summary>API key only, any role from reader up.</summary>
    public static AuthorizationPolicy ApiPolicy { get; } = new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName)
        .RequireRole(Roles.AtLeast(Roles.Reader))
        .Build();

    public static IServiceCollection AddDelivery(this IServiceCollection services) => services.AddHostedService<DeliveryWorker>();

    public static WebApplication MapDelivery(this WebApplication app)
    {
        var pages = app.MapGroup("")
            .RequireAuthorization(Roles.Reader)
            .WithMetadata(new RequireAntiforgeryTokenAttribute(), new OwnerScopedAttribute())
            .ExcludeFromDescription();
        pages.MapGet("/webhooks", (HttpContext http, Database database, Settings settings) => WebhooksPageAsync(http, database, settings, null, null, null, StatusCodes.Status200OK));
        pages.MapPost("/webhooks", RegisterFromFormAsync);
        pages.MapPost("/webhooks/{id:long}/delete", async (HttpContext http, Database database, long id) =>
            await new WebhookStore(database).DeleteAsync(Viewer(http).Id, id, http.RequestAborted) ? Results.LocalRedirect("/webhooks") : Results.NotFound());
        pages.MapPost("/webhooks/{id:long}/pause", (HttpContext http, Database database, TimeProvider time, long id) => SetActiveFromPageAsync(http, database, time, id, false));
        pages.MapPost("/webhooks/{id:long}/resume", (HttpContext http, Database database, TimeProvider time, long id) => SetActiveFromPageAsync(http, database, time, id, true));
        pages.MapPost("/webhooks/{id:long}/deliveries/{deliveryId:long}/replay", async (HttpContext http, Database database, TimeProvider time, long id, long deliveryId) =>
            await new DeliveryStore(database).ReplayAsync(Viewer(http).Id, id, deliveryId, time.GetUtcNow(), http.RequestAborted)
                ? Results.LocalRedirect($"/webhooks#webhook-{id}")
                : Results.NotFound());
        pages.MapGet("/alerts/email", (HttpContext http, Database database, Settings settings) => EmailPageAsync(http, database, settings, null, null, StatusCodes.Status200OK));
        pages.MapPost("/alerts/email", SubscribeAsync);
        pages.MapPost("/alerts/email/unsubscribe", async (HttpContext http, Database database) =>
        {
            await new EmailDigestStore(database).UnsubscribeAsync(Viewer(http).Id, http.RequestAborted);
            return Results.LocalRedirect("/alerts/email");
        });

        var api = app.MapGroup("/api/webhooks").RequireAuthorization(ApiPolicy).WithMetadata(new OwnerScopedAttribute()).WithTags("Webhooks");
        api.MapGet("", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("Your webhooks, with how many deliveries are pending, delivered and dead");
        api.MapPost("", RegisterFromApiAsync)
            .WithName("RegisterWebhook")
            .WithSummary("Register an endpoint for your alerts; the answer holds its signing secret, shown only this once")
            .WithDescription("Every alert of yours is POSTed to the URL as JSON, signed in the Wiredesk-Signature header (t=UNIX,v1=HMAC-SHA256 hex of \"{t}.{body}\" with the secret), with an Idempotency-Key header that is the same on every retry. 2xx counts as delivered; anything else is retried with exponential backoff and jitter, then dead-lettered.")
            .Produces<RegisteredWebhook>(StatusCodes.Status201Created)
            .Produces<DeliveryProblem>(StatusCodes.Status400BadRequest)
            .Accepts<WebhookRequest>("application/json");
        api.MapDelete("/{id:long}", async Task<Results<NoContent, NotFound>> (HttpContext http, Database database, long id) =>
            await new WebhookStore(database).DeleteAsync(Viewer(http).Id, id, http.RequestAborted) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteWebhook")
            .WithSummary("Delete one of your webhooks and its deliveries");
        api.MapPost("/{id:long}/pause", (HttpContext http, Database database, TimeProvider time, long id) => SetActiveFromApiAsync(http, database, time, id, false))
            .WithName("PauseWebhook")
            .WithSummary("Stop sending alerts to one of your webhooks; alerts raised while it is paused are not sent to it (they stay on /api/alerts)");
        api.MapPost("/{id:long}/resume", (HttpContext http, Database database, TimeProvider time, long id) => SetActiveFromApiAsync(http, database, time, id, true))
            .WithName("ResumeWebhook")
            .WithSummary("Send alerts to the webhook again: deliveries still pending go out, then every new alert");
        api.MapGet("/{id:long}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries")
            .WithSummary("A webhook's deliveries, newest first; status=dead lists the dead letters")
            .Produces<List<DeliveryView>>()
            .Produces<DeliveryProblem>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status404NotFound);
        api.MapPost("/{id:long}/deliveries/{deliveryId:long}/replay", async Task<Results<Accepted, NotFound>> (HttpContext http, Database database, TimeProvider time, long id, long deliveryId) =>
            await new DeliveryStore(database).ReplayAsync(Viewer(http).Id, id, deliveryId, time.GetUtcNow(), http.RequestAborted) ? TypedResults.Accepted($"/api/webhooks/{id}/deliveries") : TypedResults.NotFound())
            .WithName("ReplayWebhookDelivery")
            .WithSummary("Send a dead delivery again (same idempotency key, a fresh set of attempts)");
        return app;
    }

    private static async Task<IResult> SetActiveFromPageAsync(HttpContext http, Database database, TimeProvider time, long id, bool active) =>
        await new WebhookStore(database).SetActiveAsync(Viewer(http).Id, id, active, time.GetUtcNow(), http.RequestAborted)
            ? Results.LocalRedirect($"/webhooks#webhook-{id}")
            : Results.NotFound();

    private static async Task<Results<NoContent, NotFound>> SetActiveFromApiAsync(HttpContext http, Database database, TimeProvider time, long id, bool active) =>
        await new WebhookStore(database).SetActiveAsync(Viewer(http).Id, id, active, time.GetUtcNow(), http.RequestAborted)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();

    /// <summary>delivery.json from the data folder, for `serve` (docs/configuration.md).</summary>
    public static async Task<DeliverySettings> LoadSettingsAsync(Settings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return await DeliverySettings.LoadAsync(settings.DataFolder, ct);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Registers a webhook for the owner, or says why not.</summary>
    public static async Task<(RegisteredWebhook? Registered, string? Error)> RegisterAsync(Database database, Settings settings, TimeProvider time, long ownerId, string? url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        url = url?.Trim();
        if (await WebhookUrlRules.CheckAsync(url, settings.Delivery.Webhooks, ct) is { } problem)
        {
            return (null, problem);
        }

        var store = new WebhookStore(database);
        if (await store.CountOfOwnerAsync(ownerId, ct) >= settings.Delivery.Webhooks.MaxPerOwner)
        {
            return (null, $"you have {settings.Delivery.Webhooks.MaxPerOwner} webhooks, the most one reader may have; delete one first");
        }

        var (webhook, secret) = await store.AddAsync(ownerId, url!, time.GetUtcNow(), ct);
        return (new RegisteredWebhook(new WebhookView(webhook.Id, webhook.Url, webhook.CreatedAt, true, 0, 0, 0), secret), null);
    }

    private static Viewer Viewer(HttpContext http) => Web.Viewer.From(http.User)!;

    private static async Task<Ok<IReadOnlyList<WebhookView>>> ListAsync(HttpContext http, Database database) =>
        TypedResults.Ok<IReadOnlyList<WebhookView>>([.. (await new WebhookStore(database).OfOwnerAsync(Viewer(http).Id, http.RequestAborted)).Select(WebhookView.From)]);

    private static async Task<IResult> RegisterFromApiAsync(HttpContext http, Database database, Settings settings, TimeProvider time, WebhookRequest request)
    {
        var (registered, error) = await RegisterAsync(database, settings, time, Viewer(http).Id, request.Url, http.RequestAborted);
        return registered is null
            ? Results.BadRequest(new DeliveryProblem(error!))
            : Results.Created($"/api/webhooks/{registered.Webhook.Id}", registered);
    }

    private static async Task<IResult> DeliveriesAsync(
        HttpContext http, Database database, long id,
        [Description("pending, delivered or dead (all when absent)")] string? status,
        [Description("At most this many, newest first (1 to 1000, default 100)")] int? limit)
    {
        DeliveryStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Results.BadRequest(new DeliveryProblem("status must be pending, delivered or dead"));
            }

            filter = parsed;
        }

        var deliveries = await new DeliveryStore(database).OfWebhookAsync(Viewer(http).Id, id, filter, limit ?? 100, http.RequestAborted);
        return deliveries is null ? Results.NotFound() : Results.Ok(deliveries.Select(DeliveryView.From).ToList());
    }

    private static async Task<IResult> RegisterFromFormAsync(HttpContext http, Database database, Settings settings, TimeProvider time, [FromForm(Name = "url")] string? url)
    {
        var (registered, error) = await RegisterAsync(database, settings, time, Viewer(http).Id, url, http.RequestAborted);
        return await WebhooksPageAsync(http, database, settings, registered, error, url, registered is null ? StatusCodes.Status400BadRequest : StatusCodes.Status201Created);
    }

    private static async Task<IResult> WebhooksPageAsync(HttpContext http, Database database, Settings settings, RegisteredWebhook? registered, string? error, string? typed, int status)
    {
        var viewer = Viewer(http);
        var webhooks = await new WebhookStore(database).OfOwnerAsync(viewer.Id, http.RequestAborted);
        var dead = new Dictionary<long, IReadOnlyList<Storage.Delivery>>();
        var deliveries = new DeliveryStore(database);
        foreach (var w in webhooks.Where(w => w.Dead > 0))
        {
            dead[w.Webhook.Id] = await deliveries.OfWebhookAsync(viewer.Id, w.Webhook.Id, DeliveryStatus.Dead, 50, http.RequestAborted) ?? [];
        }

        return new RazorComponentResult<WebhooksPage>(new
        {
            Page = PageContext.For(http),
            Webhooks = webhooks,
            Dead = dead,
            Registered = registered,
            Error = error,
            Typed = typed ?? "",
            AllowsLoopback = settings.Delivery.Webhooks.AllowedPrivateHosts.Count > 0,
        })
        { StatusCode = status };
    }

    private static async Task<IResult> EmailPageAsync(HttpContext http, Database database, Settings settings, string? error, string? typed, int status)
    {
        var subscription = await new EmailDigestStore(database).GetAsync(Viewer(http).Id, http.RequestAborted);
        return new RazorComponentResult<EmailDigestPage>(new
        {
            Page = PageContext.For(http),
            Subscription = subscription,
            Smtp = settings.Delivery.Email is { Host.Length: > 0 } ? settings.Delivery.Email : null,
            Error = error,
            Typed = typed ?? subscription?.Address ?? "",
        })
        { StatusCode = status };
    }

    private static async Task<IResult> SubscribeAsync(
        HttpContext http, Database database, Settings settings, TimeProvider time, [FromForm(Name = "address")] string? address, [FromForm(Name = "interval")] int? interval)
    {
        var smtp = settings.Delivery.Email;
        if (smtp is not { Host.Length: > 0 })
        {
            return await EmailPageAsync(http, database, settings, "E-mail digests are not set up on this server.", address, StatusCodes.Status409Conflict);
        }

        address = address?.Trim() ?? "";
        if (address.Length is 0 or > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            return await EmailPageAsync(http, database, settings, "Give one e-mail address, like name@example.org.", address, StatusCodes.Status400BadRequest);
        }

        if (interval is not { } minutes || !smtp.IntervalsMinutes.Contains(minutes))
        {
            return await EmailPageAsync(http, database, settings, "Choose one of the intervals offered.", address, StatusCodes.Status400BadRequest);
        }

        await new EmailDigestStore(database).SubscribeAsync(Viewer(http).Id, address, TimeSpan.FromMinutes(minutes), time.GetUtcNow(), http.RequestAborted);
        return Results.LocalRedirect("/alerts/email");
    }
}
