using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Wiredesk.Analysis;
using Wiredesk.Drafting;
using Wiredesk.Verification;

namespace Wiredesk.Editorial;

/// <summary>What a story's draft is written and checked from: its reports (current versions, with their stored
/// analyses so nothing is analysed twice) and the newest time one of them was updated.</summary>
public sealed record StoryMaterial(long StoryId, IReadOnlyList<SourceReport> Reports, string LatestUpdate)
{
    /// <summary>The story's reports plus any other stored report a draft cites (earlier coverage).</summary>
    public static async Task<StoryMaterial> LoadAsync(DbConnection connection, DbTransaction? tx, long storyId, IEnumerable<long>? alsoCited = null, CancellationToken ct = default)
    {
        var rows = (await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"{Select} WHERE r.id IN (SELECT report_id FROM story_reports WHERE story_id = @storyId) ORDER BY r.id",
            new { storyId }, tx, cancellationToken: ct))).ToList();
        var latest = rows.Count == 0 ? "" : rows.Max(r => r.UpdatedAt)!;
        var extra = (alsoCited ?? []).Except(rows.Select(r => r.Id)).ToList();
        if (extra.Count > 0)
        {
            rows.AddRange(await connection.QueryAsync<ReportRow>(new CommandDefinition(
                $"{Select} WHERE r.id IN @extra ORDER BY r.id", new { extra }, tx, cancellationToken: ct)));
        }

        return new StoryMaterial(storyId, [.. rows.Select(r => r.ToSource())], latest);
    }

    /// <summary>Recent stored reports outside the story, by text only: the writer looks among them for earlier
    /// coverage of the same people and bodies, and analyses only those that name them.</summary>
    public static async Task<IReadOnlyList<SourceReport>> EarlierCandidatesAsync(DbConnection connection, long storyId, int limit, CancellationToken ct = default)
    {
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
            """
            SELECT r.id AS Id, r.title AS Title, r.text AS Text, r.source AS Source, r.url AS Url, r.published_at AS PublishedAt,
                   r.updated_at AS UpdatedAt, '' AS Analysis
            FROM reports r WHERE r.id NOT IN (SELECT report_id FROM story_reports WHERE story_id = @storyId)
            ORDER BY r.id DESC LIMIT @limit
            """,
            new { storyId, limit }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToSource())];
    }

    /// <summary>The reports in the verifier's form (their stored analyses reused).</summary>
    public IReadOnlyList<VerificationSource> VerificationSources(Analyzer analyzer) =>
        [.. Reports.Select(r => r.Analysis is { } a
            ? VerificationSource.FromAnalysis(r.Id, r.Text, a, r.Published, r.Source)
            : VerificationSource.Create(analyzer, r.Id, r.Text, r.Published, r.Source, r.Title))];

    private const string Select =
        """
        SELECT r.id AS Id, r.title AS Title, r.text AS Text, r.source AS Source, r.url AS Url, r.published_at AS PublishedAt,
               r.updated_at AS UpdatedAt, a.analysis AS Analysis
        FROM reports r LEFT JOIN report_analyses a ON a.report_id = r.id
        """;

    /// <summary>Settable properties, not a positional record: Dapper matches a constructor by the reader's column types,
    /// which SQLite cannot give for an expression column of an empty result.</summary>
    private sealed class ReportRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public string Text { get; init; } = "";
        public string? Source { get; init; }
        public string? Url { get; init; }
        public string? PublishedAt { get; init; }
        public string UpdatedAt { get; init; } = "";
        public string? Analysis { get; init; }

        public SourceReport ToSource() => new()
        {
            Id = Id.ToString(CultureInfo.InvariantCulture),
            Title = Title,
            Text = Text,
            Source = Source,
            Url = Url,
            Published = PublishedAt is null ? null : DateTimeOffset.Parse(PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            Analysis = string.IsNullOrEmpty(Analysis) ? null : JsonSerializer.Deserialize<ReportAnalysis>(Analysis, JsonDefaults.Options),
        };
    }
}
