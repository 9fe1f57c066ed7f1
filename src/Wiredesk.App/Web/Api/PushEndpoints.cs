using Microsoft.AspNetCore.Authorization;
using Wiredesk.App.Background;
using Wiredesk.App.Web.Account;
using Wiredesk.Bus;
using Wiredesk.Editorial;
using Wiredesk.Ingest;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Api;

/// <summary>What one pushed report became.</summary>
public sealed record PushedReport(long? ReportId, long? StoryId, string Status, string? Title, string Detail);

/// <summary>The answer to a push: the format the body was read as and an outcome per report in it.</summary>
public sealed record PushResult(string? Format, IReadOnlyList<PushedReport> Reports);

/// <summary>Problem answers of the push API: one clear message.</summary>
public sealed record PushProblem(string Error);

/// <summary>`POST /api/reports`: a wire or a partner pushes a report in any format `wiredesk ingest` reads. The answer
/// comes only after the report is committed, so a 2xx means it is in the store whatever happens next.</summary>
public static class PushEndpoints
{
    /// <summary>API key only, of an editor or admin: a pushed body is not a form, so a browser's cookie must not be
    /// able to push (no CSRF token could protect it).</summary>
    public static AuthorizationPolicy PushPolicy { get; } = new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName)
        .RequireRole(Roles.AtLeast(Roles.Editor))
        .Build();

    public static WebApplication MapPushApi(this WebApplication app)
    {
        app.MapPost("/api/reports", PushAsync)
            .RequireAuthorization(PushPolicy)
            .WithName("PushReport")
            .WithSummary("Push a report (JSON corpus shape, ninjs, plain text, Markdown, HTML, RSS/Atom/JSON Feed)")
            // No Accepts(...) metadata: it would make routing answer 415 to a content type not listed, before the key
            // is even checked, while the readers look at the content itself, whatever the header says.
            .Produces<PushResult>(StatusCodes.Status201Created)
            .Produces<PushResult>(StatusCodes.Status200OK)
            .Produces<PushProblem>(StatusCodes.Status400BadRequest)
            .Produces<PushProblem>(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> PushAsync(HttpContext http, Composition composition, IBus bus)
    {
        var ct = http.RequestAborted;
        var limit = composition.Settings.MaxInputBytes;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        RawInput input;
        try
        {
            var read = await InputOpener.ReadStreamAsync("api", http.Request.Body, composition.Settings, ct);
            var who = Viewer.From(http.User)?.Name ?? "api";
            input = read with { Origin = $"api:{who}", ContentType = http.Request.ContentType };
        }
        catch (InputRejectedException)
        {
            return TooLarge(limit);
        }

        if (input.Bytes.Length == 0)
        {
            return Results.BadRequest(new PushProblem("the request body is empty: send a report"));
        }

        var result = await composition.Pipeline.IngestAsync(input, ct);
        if (result.Outcomes.All(o => o.Status == IngestStatus.Failed))
        {
            return Results.BadRequest(new PushProblem(result.Outcomes[0].Detail));
        }

        var reports = new List<PushedReport>(result.Outcomes.Count);
        await using (var connection = await composition.Database.ConnectAsync(ct))
        {
            foreach (var outcome in result.Outcomes)
            {
                await bus.AnnounceAsync(outcome, composition.Time.GetUtcNow(), ct);
                // A duplicate's story is not looked up by ingest: the pusher still wants to know where it went.
                var story = outcome.Story?.StoryId ?? (outcome.ReportId is { } id ? await StoryStore.StoryOfAsync(connection, null, id) : null);
                reports.Add(new PushedReport(outcome.ReportId, story, outcome.Status.ToString().ToLowerInvariant(), outcome.Title, outcome.Detail));
            }
        }

        var body = new PushResult(result.Format?.ToString().ToLowerInvariant(), reports);
        return result.Outcomes.Any(o => o.Status == IngestStatus.New)
            ? Results.Json(body, JsonDefaults.Options, statusCode: StatusCodes.Status201Created)
            : Results.Json(body, JsonDefaults.Options);
    }

    private static IResult TooLarge(long limit) =>
        Results.Json(new PushProblem($"the body is over the {limit:N0}-byte limit"), JsonDefaults.Options, statusCode: StatusCodes.Status413PayloadTooLarge);
}
