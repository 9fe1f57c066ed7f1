using Wiredesk.Drafting;

namespace Wiredesk.Publishing;

/// <summary>What an editor's approval (or a trusted source's auto-publish) hands to publishing: the story, the
/// approved draft exactly as it will be read (verdicts included, the credit line "This story was generated using
/// Wiredesk and edited by NAME" already in it), who approved it, and for a correction the note readers see.</summary>
public sealed record Publication
{
    public required long StoryId { get; init; }
    public required long DraftId { get; init; }
    public required Draft Draft { get; init; }
    public required string EditorName { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>Set when this publication corrects a story already published: shown above the corrected story.</summary>
    public string? CorrectionNote { get; init; }
}

/// <summary>Whether a published story is on the site.</summary>
public enum ArticleStatus
{
    Live,
    Killed,
}

/// <summary>A published story (the current version). Earlier versions are kept (corrections never overwrite).</summary>
public sealed record Article
{
    public required long Id { get; init; }
    public required long StoryId { get; init; }
    public required int Version { get; init; }
    public required string Slug { get; init; }
    public required string Headline { get; init; }
    public required Draft Draft { get; init; }
    public required string EditorName { get; init; }
    public required DateTimeOffset FirstPublishedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required ArticleStatus Status { get; init; }
    public string? CorrectionNote { get; init; }
    public string? KillNotice { get; init; }
}
