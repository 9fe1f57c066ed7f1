namespace Wiredesk.Ingest.Formats;

/// <summary>The formats <see cref="FormatReader"/> recognises.</summary>
public enum InputFormat
{
    PlainText,
    Markdown,
    Html,
    CorpusJson,
    Ninjs,
    Rss,
    Atom,
    JsonFeed,
}

public static class InputFormatExtensions
{
    /// <summary>Feeds hold many items and change over time: a feed URL is worth polling.</summary>
    public static bool IsFeed(this InputFormat format) => format is InputFormat.Rss or InputFormat.Atom or InputFormat.JsonFeed;
}
