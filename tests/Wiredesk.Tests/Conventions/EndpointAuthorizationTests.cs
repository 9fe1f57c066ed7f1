using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Wiredesk.Editorial;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Conventions;

/// <summary>Every editor and admin endpoint requires its role (DESIGN.md rule 8), found by walking every endpoint the
/// real server maps, so a route added later cannot slip through.</summary>
public partial class EndpointAuthorizationTests
{
    [Fact]
    public async Task Every_desk_admin_and_mutating_api_route_requires_an_editor_or_admin_role()
    {
        await using var server = await NewsroomServer.StartAsync(options: new App.Web.ServeOptions { PollSources = false });
        var routes = await RoutesAsync(server);
        var guarded = routes.Where(MustBeGuarded).ToList();
        Assert.Contains(guarded, r => r.Pattern == "/desk/");
        Assert.Contains(guarded, r => r.Pattern == "/api/reports");
        Assert.True(guarded.Count >= 12, string.Join(", ", guarded.Select(r => r.Pattern)));
        foreach (var route in guarded)
        {
            Assert.True(route.Roles.Count > 0, $"{string.Join(",", route.Methods)} {route.Pattern} requires no role");
            Assert.True(route.Roles.All(allowed => !allowed.Contains(Roles.Reader)), $"{route.Pattern} lets a reader in");
        }
    }

    [Fact]
    public async Task Every_owner_scoped_route_requires_a_signed_in_role()
    {
        // A reader's own data (webhooks, digests) may be changed by the reader, under /api too, but never anonymously.
        await using var server = await NewsroomServer.StartAsync(options: new App.Web.ServeOptions { PollSources = false });
        var owned = (await RoutesAsync(server)).Where(r => r.OwnerScoped).ToList();
        Assert.Contains(owned, r => r.Pattern == "/api/webhooks/" && r.Methods.Contains("POST"));
        Assert.Contains(owned, r => r.Pattern == "/webhooks" && r.Methods.Contains("POST"));
        foreach (var route in owned)
        {
            Assert.True(route.Roles.Count > 0, $"{string.Join(",", route.Methods)} {route.Pattern} requires no role");
            Assert.True(route.Roles.All(allowed => allowed.Contains(Roles.Reader) && allowed.Contains(Roles.Editor) && allowed.Contains(Roles.Admin)), $"{route.Pattern} is not open to every role");
        }
    }

    [Fact]
    public async Task A_signed_in_reader_is_refused_on_every_editor_and_admin_route()
    {
        await using var server = await NewsroomServer.StartAsync(options: new App.Web.ServeOptions { PollSources = false });
        var routes = (await RoutesAsync(server)).Where(r => MustBeGuarded(r) || (!IsReadersOwn(r.Pattern) && r.Roles.Any(allowed => !allowed.Contains(Roles.Reader)))).ToList();
        await server.AddUserAsync("ria", Roles.Reader);
        using var browser = await server.SignInAsync("ria");
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "ria-key", Roles.Reader));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/account/denied")).StatusCode);

        var walked = 0;
        foreach (var route in routes)
        {
            var path = Placeholder().Replace(route.Pattern, m => m.Value.Contains(":long", StringComparison.Ordinal) || m.Value.Contains("id", StringComparison.Ordinal) ? "1" : "x");
            foreach (var method in route.Methods)
            {
                var client = path.StartsWith("/api/", StringComparison.Ordinal) ? api : browser;
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                {
                    request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x" });
                }

                using var response = await client.SendAsync(request);
                // Pages answer a forbidden reader with the "not allowed" page (a redirect to it); the API with 403.
                var refused = response.StatusCode == HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } to && new Uri(server.BaseAddress, to).AbsolutePath == "/account/denied");
                Assert.True(refused, $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
                walked++;
            }
        }

        Assert.True(walked >= 12, $"only {walked} routes walked");
    }

    [Fact]
    public async Task Every_readers_own_route_requires_a_signed_in_account_and_refuses_an_anonymous_caller()
    {
        await using var server = await NewsroomServer.StartAsync(options: new App.Web.ServeOptions { PollSources = false });
        var routes = (await RoutesAsync(server)).Where(r => IsReadersOwn(r.Pattern)).ToList();
        Assert.Contains(routes, r => r.Pattern == "/api/watchlists/");
        Assert.Contains(routes, r => r.Pattern == "/alerts/events");
        Assert.True(routes.Count >= 15, string.Join(", ", routes.Select(r => r.Pattern)));
        using var anonymous = server.Anonymous();
        foreach (var route in routes)
        {
            Assert.True(route.Roles.Count > 0, $"{string.Join(",", route.Methods)} {route.Pattern} requires no role");
            var path = Placeholder().Replace(route.Pattern, "1");
            foreach (var method in route.Methods)
            {
                using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                var refused = response.StatusCode == HttpStatusCode.Unauthorized
                    || (response.StatusCode == HttpStatusCode.Redirect && new Uri(server.BaseAddress, response.Headers.Location!).AbsolutePath == "/account/sign-in");
                Assert.True(refused, $"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    /// <summary>A signed-in reader's own data (watchlists, alerts, API keys): reader role at least, and each handler
    /// scopes every query to the caller (AlertsWebTests checks another reader's id answers 404).</summary>
    private static bool IsReadersOwn(string pattern) =>
        pattern.StartsWith("/api/watchlists", StringComparison.Ordinal)
        || pattern.StartsWith("/api/alerts", StringComparison.Ordinal)
        || pattern.StartsWith("/watchlists", StringComparison.Ordinal)
        || pattern.StartsWith("/alerts", StringComparison.Ordinal)
        || pattern.StartsWith("/account/keys", StringComparison.Ordinal);

    private static bool MustBeGuarded((string Pattern, IReadOnlyList<string> Methods, IReadOnlyList<IReadOnlyList<string>> Roles, bool OwnerScoped) route) =>
        !route.OwnerScoped && MustBeGuarded(route.Pattern, route.Methods);

    private static bool MustBeGuarded(string pattern, IReadOnlyList<string> methods) =>
        !IsReadersOwn(pattern)
        && (pattern.StartsWith("/desk", StringComparison.Ordinal)
            || pattern.StartsWith("/admin", StringComparison.Ordinal)
            || (pattern.StartsWith("/api", StringComparison.Ordinal) && methods.Any(m => m is not ("GET" or "HEAD" or "OPTIONS"))));

    /// <summary>Every route endpoint with its methods, per role requirement on it the roles it allows, and whether it
    /// serves the viewer's own data only (<see cref="App.Web.Account.OwnerScopedAttribute"/>).</summary>
    private static async Task<List<(string Pattern, IReadOnlyList<string> Methods, IReadOnlyList<IReadOnlyList<string>> Roles, bool OwnerScoped)>> RoutesAsync(NewsroomServer server)
    {
        var provider = server.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var routes = new List<(string, IReadOnlyList<string>, IReadOnlyList<IReadOnlyList<string>>, bool)>();
        foreach (var endpoint in server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policies = new List<AuthorizationPolicy>(endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>());
            foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
            {
                if (data.Policy is { } name && await provider.GetPolicyAsync(name) is { } policy)
                {
                    policies.Add(policy);
                }

                if (data.Roles is { } roles)
                {
                    policies.Add(new AuthorizationPolicyBuilder().RequireRole(roles.Split(',', StringSplitOptions.TrimEntries)).Build());
                }
            }

            var required = policies.SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>())
                .Select(r => (IReadOnlyList<string>)[.. r.AllowedRoles]).ToList();
            routes.Add((pattern, [.. methods], required, endpoint.Metadata.GetMetadata<App.Web.Account.OwnerScopedAttribute>() is not null));
        }

        return routes;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
