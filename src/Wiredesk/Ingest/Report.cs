namespace Wiredesk.Ingest;

/// <summary>A stored report: the current version of what a source sent, with where and when it came from.</summary>
public sealed record Report
{
    public long Id { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public string? Guid { get; init; }
    public string Language { get; init; } = "en";
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public required string ContentHash { get; init; }
    public int Version { get; init; } = 1;
    public string? ImageCredit { get; init; }
    public string? ImageUrl { get; init; }
    public IReadOnlyList<string> Boilerplate { get; init; } = [];
}
