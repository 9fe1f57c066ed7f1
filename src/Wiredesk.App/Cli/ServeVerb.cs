using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using Wiredesk.App.Background;
using Wiredesk.App.Web;
using Wiredesk.App.Web.Account;
using Wiredesk.Editorial;
using Wiredesk.Storage;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk serve [--urls URL...] [--demo]`: the newsroom server (docs/newsroom.md).</summary>
public static class ServeVerb
{
    public const string DemoEditorName = "demo-editor";
    public const string SourceSettingsFile = "sources.json";

    /// <summary>The demo editor account, with a fresh password on every demo start (printed, never stored in clear).</summary>
    private static async Task<string> DemoEditorAsync(Composition composition, CancellationToken ct)
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        var users = new UserStore(composition.Database);
        if (await users.FindByNameAsync(DemoEditorName, ct) is { } existing)
        {
            await users.SetPasswordHashAsync(existing.Id, Passwords.Hash(password), ct);
        }
        else
        {
            await users.AddAsync(DemoEditorName, "Demo Editor", Roles.Editor, Passwords.Hash(password), composition.Time.GetUtcNow(), ct);
        }

        return password;
    }

    /// <summary>Per-source desk settings from sources.json in the data folder (docs/newsroom.md), when present.</summary>
    private static async Task<IReadOnlyDictionary<string, SourceSetting>> LoadSourceSettingsAsync(Settings settings, CancellationToken ct)
    {
        var path = Path.Combine(settings.DataFolder, SourceSettingsFile);
        if (!File.Exists(path))
        {
            return settings.Sources;
        }

        try
        {
            await using var file = File.OpenRead(path);
            var read = await JsonSerializer.DeserializeAsync<Dictionary<string, SourceSetting>>(file, JsonDefaults.Options, ct) ?? [];
            return new Dictionary<string, SourceSetting>(read, StringComparer.OrdinalIgnoreCase);
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not valid source settings: {e.Message}");
        }
    }

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
            settings = settings with { Sources = await LoadSourceSettingsAsync(settings, ct) };
            settings = settings with { Delivery = await Web.Delivery.DeliveryEndpoints.LoadSettingsAsync(settings, ct) };
            using var composition = await Composition.CreateAsync(settings, ct);
            var options = new ServeOptions { Urls = parsed.GetValue(urls)!, Demo = parsed.GetValue(demo) };
            await using var app = WebServer.Build(composition, options);
            await app.StartAsync(ct);
            output.Out.WriteLine($"Wiredesk is serving on {string.Join(", ", app.Urls)} (data: {Path.GetFullPath(settings.DataFolder)}). Ctrl+C stops it.");
            if (options.Demo)
            {
                var password = await DemoEditorAsync(composition, ct);
                output.Out.WriteLine($"Demo: {DemoRelease.SampleCount()} sample wire reports arrive over the next minute.");
                output.Out.WriteLine($"Demo editor: open {app.Urls.First()}/desk and sign in as '{DemoEditorName}' with password {password}");
            }

            await app.WaitForShutdownAsync(ct);
            return CommandLine.Ok;
        });
        return command;
    }
}
