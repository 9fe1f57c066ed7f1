namespace Wiredesk.App.Web.Api;

/// <summary>The JSON API under /api: stories in IPTC ninjs 3.0, pushed reports.</summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddApi(this IServiceCollection services) => services;

    public static WebApplication MapApi(this WebApplication app) => app;
}
