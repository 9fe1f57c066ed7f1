using System.CommandLine;
using System.Text.Json;
using Wiredesk.Storage;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk reports [--limit N] [--json]`: the stored reports, newest first.</summary>
public static class ReportsVerb
{
    public static Command Create(CliOutput output)
    {
        var limit = new Option<int>("--limit") { Description = "How many reports", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "One JSON object per report (JSON Lines)" };
        var command = new Command("reports", "List stored reports, newest first") { limit, json };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var store = new ReportStore(await Database.OpenAsync(settings.DatabasePath, ct));
            var reports = await store.LatestAsync(parsed.GetValue(limit), ct);
            foreach (var report in reports)
            {
                output.Out.WriteLine(parsed.GetValue(json)
                    ? JsonSerializer.Serialize(report, JsonDefaults.Options)
                    : $"{report.Id,5}  v{report.Version}  {report.PublishedAt?.ToString("yyyy-MM-dd") ?? "----------"}  {Shorten(report.Source ?? "-", 24),-24}  {report.Title}");
            }

            if (!parsed.GetValue(json))
            {
                output.Out.WriteLine($"{await store.CountAsync(ct)} reports in {settings.DatabasePath}");
            }

            return CommandLine.Ok;
        });
        return command;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
