using Wiredesk.Analysis;

namespace Wiredesk.Drafting;

/// <summary>The writer seam: the deterministic <see cref="DraftWriter"/> now, an LLM writer later. Whatever writes,
/// the draft it returns has been through the verifier: every sentence carries its verdict.</summary>
public interface IDraftWriter
{
    Task<Draft> WriteAsync(DraftRequest request, CancellationToken ct = default);
}

/// <summary>What a draft is written from: one or more reports on one event (several reports = one story), and,
/// optionally, earlier reports the writer may cite as background when they share the story's main entities.</summary>
public sealed record DraftRequest(IReadOnlyList<SourceReport> Reports, IReadOnlyList<SourceReport>? Earlier = null);

/// <summary>One report as the writer sees it. Id is the stored report id or, for a file, the name given on the
/// command line; provenance spans index into Text. Analysis may be passed when already computed (a stored analysis).</summary>
public sealed record SourceReport
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Text { get; init; }
    /// <summary>The publisher as the report gives it ("U.S. Department of State", "Demo Wire").</summary>
    public string? Source { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
    public ReportAnalysis? Analysis { get; init; }
}
