using Wiredesk.App.Web;
using Wiredesk.Ingest;

namespace Wiredesk.App.Background;

/// <summary>`wiredesk serve --demo`: releases the team's sample wire reports (samples/demo, copied beside the app)
/// one by one over about a minute (<see cref="ServeOptions.DemoSpan"/>), as a wire would, so a newcomer watches stories form, drafts appear and
/// the desk fill. A report already in the store (a second demo run) is a duplicate and changes nothing.</summary>
public sealed class DemoRelease(Composition composition, ServeOptions options, ILogger<DemoRelease> log) : BackgroundService
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "demo");

    public static int SampleCount() => Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.json").Length : 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Demo)
        {
            return;
        }

        var files = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            log.LogWarning("No demo reports found in {Folder}", Folder);
            return;
        }

        var pause = options.DemoSpan / files.Count;
        try
        {
            foreach (var file in files)
            {
                var input = await InputOpener.ReadFileAsync(file, composition.Settings, stoppingToken);
                var result = await composition.Pipeline.IngestAsync(input with { Origin = "demo:" + Path.GetFileName(file) }, stoppingToken);
                foreach (var outcome in result.Outcomes)
                {
                    await composition.Bus.AnnounceAsync(outcome, composition.Time.GetUtcNow(), stoppingToken);
                }

                await Task.Delay(pause, composition.Time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping mid-release: the rest comes out on the next demo run.
        }
    }
}
