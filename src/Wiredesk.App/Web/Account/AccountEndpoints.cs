using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wiredesk.Editorial;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Account;

/// <summary>Sign-in and sign-out. Sign-in attempts are rate-limited per client address (10 a minute), so a password
/// cannot be guessed at speed.</summary>
public static class AccountEndpoints
{
    public const string SignInLimit = "sign-in";

    public static IServiceCollection AddAccounts(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

    public static WebApplication MapAccounts(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapGet("/sign-in", (HttpContext http, string? returnUrl) => SignInPage(http, returnUrl, null, StatusCodes.Status200OK));
        account.MapPost("/sign-in", SignInAsync).RequireRateLimiting(SignInLimit);
        account.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        });
        account.MapGet("/denied", (HttpContext http) => new RazorComponentResult<DeniedPage>(new { Page = PageContext.For(http) }) { StatusCode = StatusCodes.Status403Forbidden });

        // Personal API keys: a signed-in user makes and revokes their own. The key is shown once, on the page the
        // creating POST answers with; only its hash is stored.
        var keys = account.MapGroup("/keys").RequireAuthorization(Roles.Reader).RequireCsrf();
        keys.MapGet("", (HttpContext http, Database database) => KeysPageAsync(http, database, null, null, StatusCodes.Status200OK));
        keys.MapPost("", async (HttpContext http, Database database, TimeProvider time, [FromForm(Name = "name")] string? name) =>
        {
            var label = (name ?? "").Trim();
            if (label.Length is 0 or > 100)
            {
                return await KeysPageAsync(http, database, null, "Give the key a name of 1 to 100 characters, so you can tell it apart later.", StatusCodes.Status400BadRequest);
            }

            var (key, _) = await new UserStore(database).CreateApiKeyAsync(Viewer.From(http.User)!.Id, label, time.GetUtcNow(), http.RequestAborted);
            http.Response.Headers.CacheControl = "no-store";
            return await KeysPageAsync(http, database, key, null, StatusCodes.Status200OK);
        });
        keys.MapPost("/{id:long}/revoke", async (HttpContext http, Database database, TimeProvider time, long id) =>
            await new UserStore(database).RevokeApiKeyAsync(Viewer.From(http.User)!.Id, id, time.GetUtcNow(), http.RequestAborted)
                ? Results.Redirect("/account/keys")
                : new RazorComponentResult<Reader.NotFoundPage>(new { Page = PageContext.For(http) }) { StatusCode = StatusCodes.Status404NotFound });
        return app;
    }

    private static async Task<IResult> KeysPageAsync(HttpContext http, Database database, string? newKey, string? error, int status) =>
        new RazorComponentResult<ApiKeysPage>(new
        {
            Page = PageContext.For(http),
            Keys = await new UserStore(database).ApiKeysOfAsync(Viewer.From(http.User)!.Id, http.RequestAborted),
            NewKey = newKey,
            Error = error,
        })
        { StatusCode = status };

    private static async Task<IResult> SignInAsync(
        HttpContext http, Database database, [FromForm(Name = "name")] string? name, [FromForm(Name = "password")] string? password, [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        var user = string.IsNullOrWhiteSpace(name) ? null : await new UserStore(database).FindByNameAsync(name.Trim(), http.RequestAborted);
        if (user is null || user.Disabled || !Passwords.Verify(user, password ?? ""))
        {
            // One message for every failure: which names exist is nobody's business.
            return SignInPage(http, returnUrl, "That name and password do not match an account.", StatusCodes.Status401Unauthorized);
        }

        var viewer = new Viewer(user.Id, user.Name, user.DisplayName, user.Role);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(viewer.ToClaims(), CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private static RazorComponentResult<SignInPage> SignInPage(HttpContext http, string? returnUrl, string? error, int status) =>
        new(new { Page = PageContext.ForAnyoneForm(http), ReturnUrl = SafeReturnUrl(returnUrl), Error = error }) { StatusCode = status };

    /// <summary>Only a local path may be returned to: an open redirect would let a phishing link borrow our sign-in.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
