using System.Text.Json;

namespace Wiredesk.Ingest.Formats;

/// <summary>A document in the corpus shape: id, source, url, published, title, body (paragraphs separated by blank
/// lines).</summary>
internal static class CorpusJsonReader
{
    public static bool Accepts(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && JsonFields.String(root, "body") is not null && JsonFields.String(root, "title") is not null;

    public static ParsedReport Read(JsonElement root)
    {
        var template = new ParsedReport
        {
            Title = "",
            Text = "",
            Guid = JsonFields.String(root, "id"),
            Source = JsonFields.String(root, "source"),
            Url = JsonFields.String(root, "url"),
            Published = FeedDates.Parse(JsonFields.String(root, "published")),
            Language = JsonFields.String(root, "language") ?? "en",
        };
        return ReportAssembly.AssembleSingle(template, JsonFields.String(root, "title"), JsonFields.String(root, "body")!);
    }
}
