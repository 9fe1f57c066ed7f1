using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Wiredesk.App.Web.Account;
using Wiredesk.App.Web.Alerts;
using Wiredesk.App.Web.Api;
using Wiredesk.App.Web.Delivery;
using Wiredesk.App.Web.Editorial;
using Wiredesk.App.Web.Reader;
using Wiredesk.Bus;
using Wiredesk.Editorial;

namespace Wiredesk.App.Web;

/// <summary>What `wiredesk serve` was asked for.</summary>
public sealed record ServeOptions
{
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:5080"];
    public bool Demo { get; init; }
    /// <summary>How long the demo takes to release its reports (tests shorten it).</summary>
    public TimeSpan DemoSpan { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>Poll the configured feed sources in the background (on by default; tests turn it off).</summary>
    public bool PollSources { get; init; } = true;
}

/// <summary>Builds the newsroom web application: the pipeline's parts from <see cref="Composition"/> as services,
/// cookie sign-in with the three roles as policies, CSRF checks on every form, and one Map*() per area.</summary>
public static class WebServer
{
    /// <summary>Picks the API-key handler when a request carries a key, the cookie otherwise.</summary>
    public const string SignInScheme = "CookieOrApiKey";

    public static WebApplication Build(Composition composition, ServeOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // The data-protection keys live in the data folder on purpose (cookies survive a restart); its warning that
        // they are not encrypted at rest says nothing the operator can act on, on every start.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        builder.Services.AddSingleton(composition);
        builder.Services.AddSingleton(composition.Settings);
        builder.Services.AddSingleton(composition.Database);
        builder.Services.AddSingleton(composition.Analyzer);
        builder.Services.AddSingleton(composition.Pipeline);
        builder.Services.AddSingleton(composition.Time);
        builder.Services.AddSingleton<IBus>(composition.Bus);
        builder.Services.AddSingleton(options);

        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery();
        builder.Services.AddOpenApi();
        // Keys in the data folder: sign-in cookies and CSRF tokens survive a restart.
        builder.Services.AddDataProtection()
            .SetApplicationName("Wiredesk")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(composition.Settings.DataFolder, "keys")));
        builder.Services.AddAuthentication(SignInScheme)
            .AddPolicyScheme(SignInScheme, "Cookie or API key", scheme => scheme.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey("X-Api-Key") || http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthentication.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/account/sign-in";
                cookie.AccessDeniedPath = "/account/denied";
                cookie.Cookie.Name = "wiredesk";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.SlidingExpiration = true;
                // An API caller gets a status code, not a redirect to a sign-in page.
                cookie.Events.OnRedirectToLogin = ctx => Reject(ctx, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = ctx => Reject(ctx, StatusCodes.Status403Forbidden);
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Roles.Admin, p => p.RequireRole(Roles.AtLeast(Roles.Admin)))
            .AddPolicy(Roles.Editor, p => p.RequireRole(Roles.AtLeast(Roles.Editor)))
            .AddPolicy(Roles.Reader, p => p.RequireRole(Roles.AtLeast(Roles.Reader)));

        builder.Services.AddAccounts();
        builder.Services.AddEditorial();
        builder.Services.AddReader();
        builder.Services.AddApi();
        builder.Services.AddAlerts();
        builder.Services.AddDelivery();

        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        // Pages no longer all pass through antiforgery (which used to add this header): framing is refused for every
        // response here, before the page cache, so a cached page carries it too.
        app.Use((http, next) =>
        {
            http.Response.Headers.XFrameOptions = "SAMEORIGIN";
            return next(http);
        });
        app.UseOutputCache();
        app.MapOpenApi("/api/openapi.json");

        app.MapAccounts();
        app.MapEditorial();
        app.MapReader();
        app.MapApi();
        app.MapPushApi();
        app.MapAlerts();
        app.MapAlertsApi();
        app.MapDelivery();
        return app;
    }

    private static Task Reject(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
