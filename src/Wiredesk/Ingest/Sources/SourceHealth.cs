using Wiredesk.Storage;

namespace Wiredesk.Ingest.Sources;

/// <summary>One line of `wiredesk sources`. Healthy means the last poll did not fail.</summary>
public sealed record SourceHealth(
    string Url,
    string? LastStatus,
    DateTimeOffset? LastSuccess,
    int Failures,
    DateTimeOffset NextPoll,
    long ItemsSeen,
    string? LastError,
    bool Healthy)
{
    public static SourceHealth From(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SourceHealth(
            source.Url,
            source.LastStatus,
            source.LastSuccessAt,
            source.ConsecutiveFailures,
            source.NextPollAt,
            source.ItemsSeen,
            source.LastError,
            source.ConsecutiveFailures == 0);
    }
}
