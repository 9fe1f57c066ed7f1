using System.CommandLine;
using Wiredesk.App.Web;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk serve [--urls URL...] [--demo]`: the newsroom server (docs/newsroom.md).</summary>
public static class ServeVerb
{
    public static Command Create(CliOutput output)
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on (env WIREDESK_URLS, comma-separated)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WIREDESK_URLS") is { Length: > 0 } u
                ? u.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : ["http://127.0.0.1:5080"],
        };
        var demo = new Option<bool>("--demo") { Description = "Load the team's demo wire reports and release them over about a minute" };
        var command = new Command("serve", "Run the newsroom: ingest, drafts, editor desk, reader site, API") { urls, demo };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            using var composition = await Composition.CreateAsync(settings, ct);
            var options = new ServeOptions { Urls = parsed.GetValue(urls)!, Demo = parsed.GetValue(demo) };
            await using var app = WebServer.Build(composition, options);
            await app.StartAsync(ct);
            output.Out.WriteLine($"Wiredesk is serving on {string.Join(", ", app.Urls)} (data: {Path.GetFullPath(settings.DataFolder)}). Ctrl+C stops it.");
            await app.WaitForShutdownAsync(ct);
            return CommandLine.Ok;
        });
        return command;
    }
}
