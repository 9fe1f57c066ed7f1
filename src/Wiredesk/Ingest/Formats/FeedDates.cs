using System.Globalization;
using System.Text.RegularExpressions;

namespace Wiredesk.Ingest.Formats;

/// <summary>Lenient date parsing for feeds and JSON documents: ISO 8601 and RFC 822 with named zones. A date that
/// cannot be read is null, never an error: one bad date must not lose the item or the feed.</summary>
internal static partial class FeedDates
{
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00",
        ["UT"] = "+00:00",
        ["UTC"] = "+00:00",
        ["Z"] = "+00:00",
        ["EST"] = "-05:00",
        ["EDT"] = "-04:00",
        ["CST"] = "-06:00",
        ["CDT"] = "-05:00",
        ["MST"] = "-07:00",
        ["MDT"] = "-06:00",
        ["PST"] = "-08:00",
        ["PDT"] = "-07:00",
    };

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        var zone = TrailingZone().Match(text);
        if (zone.Success)
        {
            var offset = zone.Groups["name"].Success
                ? Zones.GetValueOrDefault(zone.Groups["name"].Value)
                : $"{zone.Groups["sign"].Value}{zone.Groups["hh"].Value}:{zone.Groups["mm"].Value}";
            if (offset is not null)
            {
                text = string.Concat(text.AsSpan(0, zone.Index), " ", offset);
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }

    [GeneratedRegex(@"\s+(?:(?<name>GMT|UTC|UT|Z|[ECMP][SD]T)|(?<sign>[+-])(?<hh>\d{2})(?<mm>\d{2}))$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingZone();
}
