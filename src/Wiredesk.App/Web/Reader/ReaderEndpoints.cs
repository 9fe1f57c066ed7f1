using Microsoft.AspNetCore.Http.HttpResults;

namespace Wiredesk.App.Web.Reader;

/// <summary>The reader site: home, story pages, search, comments, feeds and live updates.</summary>
public static class ReaderEndpoints
{
    public static IServiceCollection AddReader(this IServiceCollection services) => services;

    public static WebApplication MapReader(this WebApplication app)
    {
        app.MapGet("/", (HttpContext http) => new RazorComponentResult<HomePage>(new { Page = PageContext.For(http) }));
        return app;
    }
}
