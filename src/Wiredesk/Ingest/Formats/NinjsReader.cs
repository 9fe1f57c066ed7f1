using System.Text.Json;

namespace Wiredesk.Ingest.Formats;

/// <summary>IPTC ninjs 2.x (headline, body_text/body_html, infosource) and 3.0 (headlines[], bodies[],
/// infoSources[]). The main headline and the plain-text body are preferred; an HTML body is reduced to text.</summary>
internal static class NinjsReader
{
    private static readonly string[] Markers = ["headline", "headlines", "body_text", "body_html", "bodies", "versioncreated", "firstcreated"];

    public static bool Accepts(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && ((JsonFields.String(root, "$schema")?.Contains("ninjs", StringComparison.OrdinalIgnoreCase) ?? false)
            || (JsonFields.Has(root, "uri") && Markers.Any(m => JsonFields.Has(root, m))));

    public static ParsedReport Read(JsonElement root)
    {
        var body = Body(root) ?? throw new InputRejectedException("is a ninjs document without a body (body_text, body_html or bodies)");
        var template = new ParsedReport
        {
            Title = "",
            Text = "",
            Guid = JsonFields.String(root, "uri") ?? JsonFields.String(root, "guid"),
            Url = WebLink(root),
            Source = Source(root),
            Published = FeedDates.Parse(JsonFields.String(root, "firstcreated")) ?? FeedDates.Parse(JsonFields.String(root, "versioncreated")),
            Language = JsonFields.String(root, "language") ?? "en",
        };
        return ReportAssembly.AssembleSingle(template, Headline(root), body);
    }

    private static string? Headline(JsonElement root)
    {
        if (JsonFields.String(root, "headline") is { } headline)
        {
            return headline;
        }

        var headlines = JsonFields.Array(root, "headlines").ToList();
        var main = headlines.FirstOrDefault(h => JsonFields.String(h, "role") is null or "main");
        return JsonFields.String(main.ValueKind == JsonValueKind.Undefined ? headlines.FirstOrDefault() : main, "value");
    }

    private static string? Body(JsonElement root)
    {
        if (JsonFields.String(root, "body_text") is { Length: > 0 } text)
        {
            return text;
        }

        if (JsonFields.String(root, "body_html") is { Length: > 0 } html)
        {
            return HtmlText.FromFragment(html);
        }

        var bodies = JsonFields.Array(root, "bodies").Where(b => JsonFields.String(b, "value") is { Length: > 0 }).ToList();
        var plain = bodies.FirstOrDefault(b => JsonFields.String(b, "contenttype") is null or "text/plain");
        if (plain.ValueKind != JsonValueKind.Undefined)
        {
            return JsonFields.String(plain, "value");
        }

        return bodies.Count > 0 ? HtmlText.FromFragment(JsonFields.String(bodies[0], "value")!) : null;
    }

    /// <summary>ninjs 2.x infosource may be a string, an object or an array; 3.0 has infoSources[]. Falls back to the
    /// copyright holder.</summary>
    private static string? Source(JsonElement root)
    {
        foreach (var field in new[] { "infoSources", "infosources", "infosource" })
        {
            switch (JsonFields.Property(root, field))
            {
                case { ValueKind: JsonValueKind.String } value:
                    return value.GetString();
                case { ValueKind: JsonValueKind.Object } value when JsonFields.String(value, "name") is { } name:
                    return name;
                case { ValueKind: JsonValueKind.Array } value:
                    var named = value.EnumerateArray().Select(s => s.ValueKind == JsonValueKind.String ? s.GetString() : JsonFields.String(s, "name")).FirstOrDefault(n => n is not null);
                    if (named is not null)
                    {
                        return named;
                    }

                    break;
                default:
                    break;
            }
        }

        return JsonFields.String(root, "copyrightholder");
    }

    private static string? WebLink(JsonElement root)
    {
        var uri = JsonFields.String(root, "uri");
        if (PlainTextReader.UrlOf(uri ?? "") is { } web)
        {
            return web;
        }

        return JsonFields.Array(root, "renditions").Concat(JsonFields.Array(root, "links"))
            .Select(l => JsonFields.String(l, "href"))
            .FirstOrDefault(h => h is not null && PlainTextReader.UrlOf(h) is not null);
    }
}
