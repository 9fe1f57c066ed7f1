using System.Text;
using Dapper;
using Wiredesk.Drafting;
using Wiredesk.Ingest;
using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.Tests.Publishing;

/// <summary>Reports ingested through the real pipeline and hand-written drafts over them, published through
/// <see cref="ArticleStore"/> in a transaction as editorial does.</summary>
public static class PublishingKit
{
    /// <summary>Ingests a plain-text report and returns its report and story ids.</summary>
    public static async Task<(long ReportId, long StoryId)> IngestAsync(IngestPipeline pipeline, string title, string body, string? imageUrl = null, string? imageCredit = null, Database? database = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var result = await pipeline.IngestAsync(new RawInput($"{Guid.NewGuid():N}.txt", Encoding.UTF8.GetBytes($"{title}\n\n{body}"), "text/plain"));
        var outcome = Assert.Single(result.Outcomes);
        Assert.NotNull(outcome.ReportId);
        Assert.NotNull(outcome.Story);
        if (imageUrl is not null && database is not null)
        {
            await using var connection = await database.ConnectAsync();
            await connection.ExecuteAsync("UPDATE reports SET image_url = @imageUrl, image_credit = @imageCredit WHERE id = @id", new { imageUrl, imageCredit, id = outcome.ReportId });
        }

        return (outcome.ReportId.Value, outcome.Story.StoryId);
    }

    /// <summary>A draft in the house shape: What Happened and Why It Matters, each sentence resting on the report.</summary>
    public static Draft Draft(string headline, long reportId, string[] happened, string[]? matters = null, DraftFact[]? facts = null) => new()
    {
        Headline = headline,
        Sections =
        [
            new DraftSection { Title = "What Happened", Sentences = [.. happened.Select(t => Sentence(t, reportId))] },
            new DraftSection
            {
                Title = "Why It Matters",
                Sentences = [.. (matters ?? []).Select(t => Sentence(t, reportId) with { Facts = facts ?? [] })],
            },
        ],
        Sources = [new DraftSource { Report = reportId.ToString(System.Globalization.CultureInfo.InvariantCulture), Title = headline, Source = "Test Wire" }],
    };

    private static DraftSentence Sentence(string text, long reportId) => new()
    {
        Text = text,
        Sources = [new SourceSpan(reportId.ToString(System.Globalization.CultureInfo.InvariantCulture), 0, Math.Min(10, text.Length))],
        Verdict = Verdicts.Supported,
    };

    public static async Task<Article> PublishAsync(Database database, long storyId, Draft draft, DateTimeOffset at, string editor = "Ada Byron", string? correctionNote = null, long draftId = 1)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.ConnectAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var article = await ArticleStore.PublishAsync(connection, tx, new Publication
        {
            StoryId = storyId,
            DraftId = draftId,
            Draft = draft,
            EditorName = editor,
            At = at,
            CorrectionNote = correctionNote,
        });
        await tx.CommitAsync();
        return article;
    }

    public static async Task<Article?> KillAsync(Database database, long storyId, string notice, DateTimeOffset at, string editor = "Ada Byron")
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.ConnectAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var article = await ArticleStore.KillAsync(connection, tx, storyId, notice, editor, at);
        await tx.CommitAsync();
        return article;
    }
}

/// <summary>Publishing into a running newsroom server, as editorial does: ingest, publish in a transaction, then tell
/// the bus.</summary>
public static class ServerPublishing
{
    public static async Task<Article> PublishAsync(
        Support.NewsroomServer server, string reportTitle, string reportBody, string headline, string[] happened, string[]? matters = null,
        string? imageUrl = null, string? imageCredit = null, string editor = "Ada Byron", DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var database = server.Composition.Database;
        var (report, story) = await PublishingKit.IngestAsync(server.Composition.Pipeline, reportTitle, reportBody, imageUrl, imageCredit, database);
        var article = await PublishingKit.PublishAsync(database, story, PublishingKit.Draft(headline, report, happened, matters), at ?? DateTimeOffset.UtcNow, editor);
        await server.Composition.Bus.PublishAsync(new Bus.StoryPublished(article.Id, article.StoryId, article.Version, Bus.PublicationChange.Published, article.UpdatedAt));
        return article;
    }

    public static async Task<Article> CorrectAsync(Support.NewsroomServer server, Article article, string headline, string[] happened, string note)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(article);
        var report = long.Parse(article.Draft.Sources[0].Report, System.Globalization.CultureInfo.InvariantCulture);
        var corrected = await PublishingKit.PublishAsync(server.Composition.Database, article.StoryId, PublishingKit.Draft(headline, report, happened), DateTimeOffset.UtcNow, article.EditorName, note, article.Version + 1);
        await server.Composition.Bus.PublishAsync(new Bus.StoryPublished(corrected.Id, corrected.StoryId, corrected.Version, Bus.PublicationChange.Corrected, corrected.UpdatedAt));
        return corrected;
    }

    public static async Task<Article> KillAsync(Support.NewsroomServer server, Article article, string notice)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(article);
        var killed = (await PublishingKit.KillAsync(server.Composition.Database, article.StoryId, notice, DateTimeOffset.UtcNow))!;
        await server.Composition.Bus.PublishAsync(new Bus.StoryPublished(killed.Id, killed.StoryId, killed.Version, Bus.PublicationChange.Killed, killed.UpdatedAt));
        return killed;
    }
}
