using System.CommandLine;
using System.Text.Json;
using Wiredesk.Storage;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk story ID [--json]`: one story with its timeline, oldest report first.</summary>
public static class StoryVerb
{
    public static Command Create(CliOutput output)
    {
        var id = new Argument<long>("ID") { Description = "The story id (as `wiredesk stories` lists it)" };
        var json = new Option<bool>("--json") { Description = "The story as one JSON object" };
        var command = new Command("story", "Show one story with its timeline") { id, json };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var store = new StoryStore(await Database.OpenAsync(settings.DatabasePath, ct));
            var story = await store.GetAsync(parsed.GetValue(id), ct);
            if (story is null)
            {
                output.Error.WriteLine($"wiredesk: story {parsed.GetValue(id)}: not found");
                return CommandLine.SomeFailed;
            }

            if (parsed.GetValue(json))
            {
                output.Out.WriteLine(JsonSerializer.Serialize(StoriesVerb.StoryJson.From(story, withTimeline: true), JsonDefaults.Options));
                return CommandLine.Ok;
            }

            output.Out.WriteLine($"story {story.Id}: {story.Title}");
            output.Out.WriteLine($"{story.ReportCount} reports, first seen {story.FirstSeen:yyyy-MM-dd HH:mm}, last updated {story.LastUpdated:yyyy-MM-dd HH:mm} (UTC)");
            output.Out.WriteLine($"entities: {string.Join(", ", story.Entities.Select(e => $"{e.Name} ({e.Id})"))}");
            foreach (var entry in story.Timeline)
            {
                output.Out.WriteLine($"  {entry.At:yyyy-MM-dd HH:mm}  report {entry.Report,-5}  {entry.Source ?? "-"}: {entry.Title}");
            }

            return CommandLine.Ok;
        });
        return command;
    }
}
