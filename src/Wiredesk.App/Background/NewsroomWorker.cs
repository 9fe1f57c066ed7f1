using Wiredesk.Alerts;
using Wiredesk.Bus;
using Wiredesk.Editorial;
using Wiredesk.Ingest;

namespace Wiredesk.App.Background;

/// <summary>Hosts the <see cref="Newsroom"/> in the server: drafts the backlog on start, then every story a stored
/// report touches. On shutdown the draft being written is abandoned (its transaction never commits) and written
/// again on the next start, because the store still shows the story as stale.</summary>
public sealed class NewsroomWorker(Composition composition, ILogger<NewsroomWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var newsroom = new Newsroom(composition.Database, () => composition.DraftWriter, composition.Bus, composition.Settings, composition.Time)
        {
            OnError = (story, e) => log.LogError(e, "Story {Story} could not be drafted", story),
            WatchlistInterest = (storyId, draft, reports) => composition.Alerting.InterestIn(
                StoryDocument.FromDraft(storyId.ToString(System.Globalization.CultureInfo.InvariantCulture), draft, Alerting.Analyses(reports, draft))),
        };
        try
        {
            await newsroom.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}

/// <summary>Tells the newsroom that a report was stored, once its transaction committed.</summary>
public static class IngestAnnouncements
{
    public static async ValueTask AnnounceAsync(this IBus bus, IngestOutcome outcome, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome is { Status: IngestStatus.New or IngestStatus.Update, ReportId: { } id })
        {
            await bus.PublishAsync(new ReportStored(id, outcome.Story?.StoryId, outcome.Status == IngestStatus.Update, at), ct);
        }
    }
}
