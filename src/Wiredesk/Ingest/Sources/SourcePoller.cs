using Wiredesk.Ingest.Formats;
using Wiredesk.Ingest.Http;
using Wiredesk.Storage;

namespace Wiredesk.Ingest.Sources;

/// <summary>What one successful poll produced: the parsed reports (for the ingest pipeline to de-duplicate and
/// store) and the raw input they came from.</summary>
public sealed record PolledFeed(long SourceId, string Url, IReadOnlyList<ParsedReport> Reports, RawInput Raw);

/// <summary>Polls every source that is due: a conditional GET, then 304 → not modified, 200 → parsed reports,
/// anything else → a recorded failure and a longer wait before the next try.</summary>
public sealed class SourcePoller(Database database, SafeHttpClient http, Settings settings, TimeProvider time)
{
    private readonly SourceStore _sources = new(database);

    public async Task<IReadOnlyList<PolledFeed>> PollDueAsync(CancellationToken ct)
    {
        var polled = new List<PolledFeed>();
        foreach (var source in await _sources.DueSourcesAsync(time.GetUtcNow(), ct))
        {
            if (await PollAsync(source, ct) is { } feed)
            {
                polled.Add(feed);
            }
        }

        return polled;
    }

    /// <summary>The health of every source, for `wiredesk sources`.</summary>
    public async Task<IReadOnlyList<SourceHealth>> HealthAsync(CancellationToken ct) =>
        (await _sources.AllAsync(ct)).Select(SourceHealth.From).ToList();

    private async Task<PolledFeed?> PollAsync(Source source, CancellationToken ct)
    {
        try
        {
            var fetched = await http.FetchAsync(new Uri(source.Url), source.ETag, source.LastModified, ct);
            if (fetched.NotModified)
            {
                await _sources.RecordNotModifiedAsync(source.Id, time.GetUtcNow(), ct);
                return null;
            }

            var raw = fetched.ToRawInput();
            var reports = FormatReader.Read(raw, settings);
            await _sources.RecordSuccessAsync(source.Id, fetched.Status, fetched.ETag, fetched.LastModified, reports.Count, time.GetUtcNow(), ct);
            return new PolledFeed(source.Id, source.Url, reports, raw);
        }
        catch (Exception e) when (e is InputRejectedException or UriFormatException or IOException)
        {
            await _sources.RecordFailureAsync(source.Id, e.Message, time.GetUtcNow(), settings.MaxPollBackoff, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A bug met on one source's content must not stop every other source from being polled; the error is
            // kept on the source, where `wiredesk sources` shows it.
            await _sources.RecordFailureAsync(source.Id, $"unexpected {e.GetType().Name}: {e.Message}", time.GetUtcNow(), settings.MaxPollBackoff, ct);
            return null;
        }
    }
}
