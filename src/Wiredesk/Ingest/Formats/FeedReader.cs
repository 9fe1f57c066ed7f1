using System.Text.Json;
using CodeHollow.FeedReader.Feeds;
using Feeds = CodeHollow.FeedReader;

namespace Wiredesk.Ingest.Formats;

/// <summary>RSS 2.0 (and 0.9x/1.0), Atom 1.0 and JSON Feed 1.x: one report per item. An item without a title gets
/// the first sentence of its text; an item without a readable date gets Published = null; an item with neither
/// title nor text is skipped. One bad item never fails the feed.</summary>
internal static class FeedReader
{
    private const string JsonFeedVersionPrefix = "https://jsonfeed.org/version/";

    /// <summary>The XML must already have passed <see cref="SafeXml"/>.</summary>
    public static IReadOnlyList<ParsedReport> ReadXml(string xml)
    {
        Feeds.Feed feed;
        try
        {
            feed = Feeds.FeedReader.ReadFromString(xml);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The document already passed SafeXml, so this is a feed CodeHollow cannot map (unknown dialect, bad structure).
            throw new InputRejectedException($"is a feed that cannot be read: {e.Message}", e);
        }

        var source = Blank(feed.Title);
        var language = Blank(feed.Language) ?? "en";
        var reports = new List<ParsedReport>();
        foreach (var item in feed.Items)
        {
            var html = Blank(item.Content) ?? Blank(item.Description) ?? "";
            var template = new ParsedReport
            {
                Title = "",
                Text = "",
                Source = source,
                Url = Blank(item.Link),
                Guid = Blank(item.Id) ?? Blank(item.Link),
                Published = PublishedOf(item),
                Language = language,
            };
            if (ReportAssembly.Assemble(template, Blank(item.Title) is { } t ? HtmlText.FromFragment(t) : null, HtmlText.FromFragment(html)) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    public static bool AcceptsJson(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && ((JsonFields.String(root, "version")?.StartsWith(JsonFeedVersionPrefix, StringComparison.OrdinalIgnoreCase) ?? false)
            || (JsonFields.Property(root, "items") is { ValueKind: JsonValueKind.Array } && !JsonFields.Has(root, "body")));

    public static IReadOnlyList<ParsedReport> ReadJsonFeed(JsonElement root)
    {
        var source = JsonFields.String(root, "title");
        var feedLanguage = JsonFields.String(root, "language") ?? "en";
        var reports = new List<ParsedReport>();
        foreach (var item in JsonFields.Array(root, "items"))
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var body = JsonFields.String(item, "content_text")
                ?? (JsonFields.String(item, "content_html") is { } html ? HtmlText.FromFragment(html) : null)
                ?? JsonFields.String(item, "summary")
                ?? "";
            var template = new ParsedReport
            {
                Title = "",
                Text = "",
                Source = source,
                Url = JsonFields.String(item, "url") ?? JsonFields.String(item, "external_url"),
                Guid = JsonFields.String(item, "id"),
                Published = FeedDates.Parse(JsonFields.String(item, "date_published")) ?? FeedDates.Parse(JsonFields.String(item, "date_modified")),
                Language = JsonFields.String(item, "language") ?? feedLanguage,
                ImageUrl = JsonFields.String(item, "image") ?? JsonFields.String(item, "banner_image"),
            };
            if (ReportAssembly.Assemble(template, JsonFields.String(item, "title"), body) is { } report)
            {
                reports.Add(report);
            }
        }

        return reports;
    }

    /// <summary>CodeHollow's own date is a DateTime of unknown kind; the item's date string is parsed here instead.
    /// Atom puts &lt;updated&gt; only on the Atom-specific item.</summary>
    private static DateTimeOffset? PublishedOf(Feeds.FeedItem item)
    {
        var published = FeedDates.Parse(item.PublishingDateString);
        if (published is null && item.SpecificItem is AtomFeedItem atom)
        {
            published = FeedDates.Parse(atom.PublishedDateString) ?? FeedDates.Parse(atom.UpdatedDateString);
        }

        return published;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
