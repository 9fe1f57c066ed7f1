using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Wiredesk.Editorial;

namespace Wiredesk.App.Web;

/// <summary>What every page needs to know about the request it renders: who is looking (for the header and for
/// what to offer), the CSRF token its forms carry, and the path (for the sign-in return link). Built by the endpoint
/// and passed to the page explicitly, so a page never reaches into the HttpContext.</summary>
public sealed record PageContext(Viewer? Viewer, string CsrfFieldName, string CsrfToken, string Path)
{
    public static PageContext For(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new PageContext(Viewer.From(http.User), tokens.FormFieldName, tokens.RequestToken ?? "", http.Request.Path + http.Request.QueryString);
    }

    public bool IsEditor => Viewer is { } v && Roles.AtLeast(Roles.Editor).Contains(v.Role);
    public bool IsAdmin => Viewer?.Role == Roles.Admin;
}

/// <summary>The signed-in user as the cookie says: id, account name, display name and role.</summary>
public sealed record Viewer(long Id, string Name, string DisplayName, string Role)
{
    public const string DisplayNameClaim = "wiredesk:display_name";

    public static Viewer? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || !long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return null;
        }

        var name = user.FindFirstValue(ClaimTypes.Name) ?? "";
        return new Viewer(id, name, user.FindFirstValue(DisplayNameClaim) ?? name, user.FindFirstValue(ClaimTypes.Role) ?? Roles.Reader);
    }

    public IEnumerable<Claim> ToClaims() =>
    [
        new(ClaimTypes.NameIdentifier, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new(ClaimTypes.Name, Name),
        new(DisplayNameClaim, DisplayName),
        new(ClaimTypes.Role, Role),
    ];
}
