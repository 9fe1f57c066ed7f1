namespace Wiredesk.App.Web.Editorial;

/// <summary>The editors' area: sign-in, the desk (draft queue), the draft page, edit/approve/reject, corrections,
/// revisions and the audit log. Every route of the area requires the editor role except sign-in.</summary>
public static class EditorialEndpoints
{
    public static IServiceCollection AddEditorial(this IServiceCollection services) => services;

    public static WebApplication MapEditorial(this WebApplication app) => app;
}
