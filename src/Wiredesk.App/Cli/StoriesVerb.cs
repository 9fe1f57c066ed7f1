using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wiredesk.Storage;
using Wiredesk.Stories;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk stories [--limit N] [--json]`: stories, most recently updated first.</summary>
public static class StoriesVerb
{
    public static Command Create(CliOutput output)
    {
        var limit = new Option<int>("--limit") { Description = "How many stories", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "One JSON object per story (JSON Lines)" };
        var command = new Command("stories", "List stories, most recently updated first") { limit, json };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var store = new StoryStore(await Database.OpenAsync(settings.DatabasePath, ct));
            foreach (var story in await store.ListAsync(parsed.GetValue(limit), ct))
            {
                output.Out.WriteLine(parsed.GetValue(json)
                    ? JsonSerializer.Serialize(StoryJson.From(story, withTimeline: false), JsonDefaults.Options)
                    : $"{story.Id,5}  {story.ReportCount,3} reports  {story.FirstSeen:yyyy-MM-dd} → {story.LastUpdated:yyyy-MM-dd}  {story.Title}  [{string.Join(", ", story.Entities.Select(e => e.Name))}]");
            }

            if (!parsed.GetValue(json))
            {
                output.Out.WriteLine($"{await store.CountAsync(ct)} stories in {settings.DatabasePath}");
            }

            return CommandLine.Ok;
        });
        return command;
    }

    /// <summary>The `stories --json` and `story --json` shape (README); the timeline only for one story.</summary>
    public sealed record StoryJson(
        long Id,
        string Title,
        int Reports,
        DateTimeOffset FirstSeen,
        DateTimeOffset LastUpdated,
        IReadOnlyList<StoryEntity> Entities,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TimelineEntry>? Timeline)
    {
        public static StoryJson From(Story story, bool withTimeline) => new(
            story.Id, story.Title, story.ReportCount, story.FirstSeen, story.LastUpdated, story.Entities,
            withTimeline ? story.Timeline : null);
    }
}
