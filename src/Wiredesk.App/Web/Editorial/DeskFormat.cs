using System.Globalization;
using System.Text.Json;
using Wiredesk.Drafting;

namespace Wiredesk.App.Web.Editorial;

/// <summary>Small formatting the desk pages share.</summary>
public static class DeskFormat
{
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        return span.TotalSeconds < 60 ? "just now"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h ago"
            : at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sentence's source spans as the page script reads them (an attribute value; Razor encodes it).</summary>
    public static string Spans(DraftSentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        return JsonSerializer.Serialize(sentence.Sources.Select(s => new { r = s.Report, s = s.Start, e = s.End }));
    }

    public static string StatusLabel(string status) => status switch
    {
        Wiredesk.Editorial.DeskStatus.Drafted => "To review",
        Wiredesk.Editorial.DeskStatus.Published => "Published",
        Wiredesk.Editorial.DeskStatus.Rejected => "Rejected",
        Wiredesk.Editorial.DeskStatus.Corrected => "Corrected",
        Wiredesk.Editorial.DeskStatus.Killed => "Killed",
        _ => status,
    };
}
