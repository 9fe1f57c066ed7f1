using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Account;

/// <summary>Signs in an API caller from a personal key in `Authorization: Bearer KEY` (or `X-Api-Key: KEY`), with
/// the same claims as the cookie, so one set of role policies covers pages and API.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Database database, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = Request.Headers["X-Api-Key"].ToString();
        var authorization = Request.Headers.Authorization.ToString();
        if (key.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization["Bearer ".Length..].Trim();
        }

        if (key.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var user = await new UserStore(database).FindByApiKeyAsync(key, time.GetUtcNow(), Context.RequestAborted);
        if (user is null)
        {
            // Never echo the key: it may be a real key of someone else's, mistyped.
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        var viewer = new Viewer(user.Id, user.Name, user.DisplayName, user.Role);
        var identity = new ClaimsIdentity(viewer.ToClaims(), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
