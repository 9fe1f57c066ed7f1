using Microsoft.AspNetCore.Antiforgery;

namespace Wiredesk.App.Web;

/// <summary>CSRF on every form of a group of routes, including posts whose handler binds no form field (a "mark
/// read" or "revoke" button) or reads the form itself: the antiforgery middleware only records a failed check, and
/// only [FromForm] binding acts on it. This filter answers 400 before the handler runs.</summary>
public static class CsrfCheck
{
    public static RouteGroupBuilder RequireCsrf(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.WithMetadata(new RequireAntiforgeryTokenAttribute());
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                ? Results.Problem("the form's CSRF token is missing or invalid: reload the page and try again", statusCode: StatusCodes.Status400BadRequest)
                : await next(context));
        return group;
    }
}
