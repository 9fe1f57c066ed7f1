using System.CommandLine;
using System.Text.Json;
using Wiredesk.Ingest.Sources;
using Wiredesk.Storage;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk sources [--json]`: every polled source and how it is doing.</summary>
public static class SourcesVerb
{
    public static Command Create(CliOutput output)
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per source (JSON Lines)" };
        var command = new Command("sources", "List polled sources with their health") { json };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var sources = (await new SourceStore(await Database.OpenAsync(settings.DatabasePath, ct)).AllAsync(ct)).Select(SourceHealth.From).ToList();
            if (parsed.GetValue(json))
            {
                sources.ForEach(s => output.Out.WriteLine(JsonSerializer.Serialize(s, JsonDefaults.Options)));
                return CommandLine.Ok;
            }

            if (sources.Count == 0)
            {
                output.Out.WriteLine("No sources yet: `wiredesk ingest URL` of a feed adds one.");
                return CommandLine.Ok;
            }

            output.Out.WriteLine($"{"health",-7} {"last status",-12} {"last success",-17} {"fails",5} {"next poll",-17} {"items",6}  url");
            foreach (var s in sources)
            {
                output.Out.WriteLine($"{(s.Healthy ? "ok" : "FAILING"),-7} {s.LastStatus ?? "-",-12} {Time(s.LastSuccess),-17} {s.Failures,5} {Time(s.NextPoll),-17} {s.ItemsSeen,6}  {s.Url}");
                if (!s.Healthy && s.LastError is { } error)
                {
                    output.Out.WriteLine($"        last error: {error}");
                }
            }

            return CommandLine.Ok;
        });
        return command;
    }

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm") ?? "never";
}
