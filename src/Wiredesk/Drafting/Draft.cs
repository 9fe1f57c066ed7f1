namespace Wiredesk.Drafting;

/// <summary>A draft story: the public JSON shape of `wiredesk draft --json` and the input of `wiredesk verify`
/// (README, "Draft JSON"). Serialised with <see cref="JsonDefaults.Options"/>, so names are camelCase.
/// Only Headline and Sections are required of a draft written by hand; the rest defaults to empty.</summary>
public sealed record Draft
{
    public required string Headline { get; init; }
    /// <summary>The verifier's verdict on the headline ("supported" or "unsupported"; null before verification):
    /// its names, numbers, dates and negation are checked like any sentence's.</summary>
    public string? HeadlineVerdict { get; init; }
    public IReadOnlyList<string> HeadlineReasons { get; init; } = [];
    public IReadOnlyList<DraftSection> Sections { get; init; } = [];
    /// <summary>The reports the draft rests on, as its source list shows them.</summary>
    public IReadOnlyList<DraftSource> Sources { get; init; } = [];
    public DraftMetrics? Metrics { get; init; }
    /// <summary>The closing line once an editor approved the draft ("This story was generated using Wiredesk and
    /// edited by NAME."); null for a machine draft, whose closing line is <see cref="DraftMarkdown.ClosingLine"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ClosingLine { get; init; }
}

public sealed record DraftSection
{
    public required string Title { get; init; }
    public IReadOnlyList<DraftSentence> Sentences { get; init; } = [];
}

/// <summary>One sentence with its provenance (source spans, knowledge-base facts) and, once verified, the
/// verifier's verdict ("supported" or "unsupported"; null before verification) and reasons.</summary>
public sealed record DraftSentence
{
    public required string Text { get; init; }
    public IReadOnlyList<SourceSpan> Sources { get; init; } = [];
    public IReadOnlyList<DraftFact> Facts { get; init; } = [];
    public string? Verdict { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
}

/// <summary>Provenance: characters [Start, End) of a report's clean text. Report is the stored report id or,
/// for a draft of files, the source's name as given on the command line.</summary>
public sealed record SourceSpan(string Report, int Start, int End);

/// <summary>A knowledge-base fact a sentence uses (market relevance, background): its id and the text of the
/// fact, which is what the sentence may rest on.</summary>
public sealed record DraftFact(string Id, string Text);

/// <summary>An entry of the draft's source list.</summary>
public sealed record DraftSource
{
    public required string Report { get; init; }
    public string? Title { get; init; }
    public string? Source { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
}

/// <summary>How much of the draft is copied: the longest run of words outside quotation marks found verbatim in
/// a source, and the share of draft words inside such copied runs.</summary>
public sealed record DraftMetrics
{
    public int LongestVerbatimRun { get; init; }
    public double CopiedShare { get; init; }
}

/// <summary>The two verdicts a sentence can carry.</summary>
public static class Verdicts
{
    public const string Supported = "supported";
    public const string Unsupported = "unsupported";
}
