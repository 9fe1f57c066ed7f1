namespace Wiredesk.Ingest;

/// <summary>A report as a format reader hands it over: clean text, before de-duplication and storage.
/// Text holds paragraphs separated by one blank line.</summary>
public sealed record ParsedReport
{
    public required string Title { get; init; }
    public required string Text { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    /// <summary>The feed item's GUID/id, or the ninjs/corpus document id.</summary>
    public string? Guid { get; init; }
    public DateTimeOffset? Published { get; init; }
    /// <summary>BCP 47 language tag when the input declares one; "en" is assumed otherwise.</summary>
    public string Language { get; init; } = "en";
    /// <summary>Lines the cleaner removed as page furniture (navigation, credits, promos), in order.</summary>
    public IReadOnlyList<string> RemovedBoilerplate { get; init; } = [];
    /// <summary>"Image via Shutterstock"-style credit of the lead image, when the page had one.</summary>
    public string? ImageCredit { get; init; }
    public string? ImageUrl { get; init; }
    /// <summary>The item's own bytes when the input holds several reports (a feed item); null when the whole
    /// input is this one report.</summary>
    public byte[]? RawItem { get; init; }
}

/// <summary>The bytes of one input and where they came from. A feed document yields many reports from one input.</summary>
public sealed record RawInput(string Origin, byte[] Bytes, string? ContentType = null);
