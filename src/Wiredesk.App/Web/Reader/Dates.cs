using Wiredesk.Publishing;

namespace Wiredesk.App.Web.Reader;

/// <summary>How the reader site writes times (<see cref="PageDates"/>, which page bodies stored at publication use too).</summary>
public static class Dates
{
    public static string Long(DateTimeOffset at) => PageDates.Long(at);

    public static string Short(DateTimeOffset at) => PageDates.Short(at);

    public static string Iso(DateTimeOffset at) => PageDates.Iso(at);

    public static string Day(DateTimeOffset at) => PageDates.Day(at);
}
