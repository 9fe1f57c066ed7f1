using System.Globalization;

namespace Wiredesk.Publishing;

/// <summary>How the reader site writes times: in UTC, the wire's clock, so every reader sees the same stamp. Here so
/// that a page body rendered at publication (<see cref="StoryPageBody"/>) writes them as the site's pages do.</summary>
public static class PageDates
{
    public static string Long(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Short(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMM, HH:mm", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Day(DateTimeOffset at) => at.ToUniversalTime().ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);
}
