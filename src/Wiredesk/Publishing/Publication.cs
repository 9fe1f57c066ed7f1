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
    public DateTimeOffset? KilledAt { get; init; }
    /// <summary>The lead image: the first source report (in the draft's source order) that carries one.</summary>
    public string? ImageUrl { get; init; }
    /// <summary>The image's credit line as the source gave it ("Image via …").</summary>
    public string? ImageCredit { get; init; }
    public IReadOnlyList<ArticleTag> Tags { get; init; } = [];

    /// <summary>The site path of the story page.</summary>
    public string Path => $"/stories/{StoryId}/{Slug}";

    public IEnumerable<ArticleTag> TagsOf(string kind) => Tags.Where(t => t.Kind == kind);
}

/// <summary>What a story page needs, read in one go: the article's identity and state, and for a live article the
/// page body of its current version (<see cref="StoryPageBody"/>, UTF-8, ready to send) and how many visible comments
/// it has (none: no comment read needed).</summary>
public sealed record ArticlePage
{
    public required long Id { get; init; }
    public required long StoryId { get; init; }
    public required int Version { get; init; }
    public required string Slug { get; init; }
    public required string Headline { get; init; }
    public required ArticleStatus Status { get; init; }
    public required DateTimeOffset FirstPublishedAt { get; init; }
    public string? KillNotice { get; init; }
    public DateTimeOffset? KilledAt { get; init; }
    /// <summary>Empty for a killed article, whose page shows its notice instead.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }
    public int VisibleComments { get; init; }

    /// <summary>The site path of the story page.</summary>
    public string Path => $"/stories/{StoryId}/{Slug}";
}

/// <summary>One version of a published story as readers saw it.</summary>
public sealed record ArticleVersion(int Version, long DraftId, string Headline, Draft Draft, string EditorName, DateTimeOffset PublishedAt, string? CorrectionNote);

/// <summary>What a story is about. Key is what a filter compares (<see cref="TagKinds.KeyOf"/>), Name what a reader
/// sees, Code the knowledge-base entity id, the IPTC media topic code, or for a ticker its exchange; Company, for a
/// ticker, the key of the company it is the symbol of.</summary>
public sealed record ArticleTag(string Kind, string Key, string Name, string? Code, string? Company = null);

/// <summary>The kinds of tag a story carries, and how a filter value becomes a key.</summary>
public static class TagKinds
{
    public const string Ticker = "ticker";
    public const string Company = "company";
    public const string Person = "person";
    public const string Country = "country";
    public const string Topic = "topic";
    /// <summary>Organisations other than companies: not a reader filter, but named in ninjs.</summary>
    public const string Organization = "organization";

    public static IReadOnlyList<string> Filters { get; } = [Ticker, Company, Person, Country, Topic];

    /// <summary>Tickers compare upper-case ("aapl" finds AAPL); everything else by the slug of its name.</summary>
    public static string KeyOf(string kind, string value) =>
        kind == Ticker ? value.Trim().ToUpperInvariant() : Slug.From(value, fallback: "");
}
