using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Wiredesk.Editorial;

namespace Wiredesk.App.Web;

/// <summary>What every page needs to know about the request it renders: who is looking (for the header and for
/// what to offer), the CSRF token its forms carry, and the path (for the sign-in return link). Built by the endpoint
/// and passed to the page explicitly, so a page never reaches into the HttpContext.</summary>
public sealed record PageContext(Viewer? Viewer, string CsrfFieldName, string CsrfToken, string Path)
{
    /// <summary>For a page whose only forms are a signed-in user's (sign out, comment, moderate, the desk): a CSRF
    /// token for a signed-in viewer; none for a reader who is not signed in, whose page then sets no cookie and can be
    /// served to the next reader from the page cache.</summary>
    public static PageContext For(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var viewer = Viewer.From(http.User);
        return viewer is null ? new PageContext(null, "", "", PathOf(http)) : WithToken(http, viewer);
    }

    /// <summary>For a page with a form anyone may post (sign-in): a CSRF token whoever is looking.</summary>
    public static PageContext ForAnyoneForm(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return WithToken(http, Viewer.From(http.User));
    }

    private static PageContext WithToken(HttpContext http, Viewer? viewer)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return new PageContext(viewer, tokens.FormFieldName, tokens.RequestToken ?? "", PathOf(http));
    }

    private static string PathOf(HttpContext http) => http.Request.Path + http.Request.QueryString;

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
