using System.Text.Json;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Cli;

/// <summary>`wiredesk stories` and `wiredesk story ID` end to end over corpus files ingested by the CLI.</summary>
public class StoriesVerbTests
{
    [Fact]
    public async Task Stories_lists_each_story_and_story_json_shows_its_timeline_in_the_documented_shape()
    {
        var data = TestPaths.NewTempFolder();
        // Two reports of one event (same published day) and one unrelated report.
        var (sameEvent, unrelated) = Corpus.OneEventAndOneUnrelated();
        var ingest = await CliRun.RunAsync(["ingest", .. sameEvent.Select(d => d.FilePath), unrelated.FilePath, "--data", data]);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        var list = await CliRun.RunAsync("stories", "--json", "--data", data);
        Assert.True(list.ExitCode == 0, list.ToString());
        var stories = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, stories.Count);
        foreach (var story in stories)
        {
            Assert.Equal(["id", "title", "reports", "firstSeen", "lastUpdated", "entities"], story.EnumerateObject().Select(p => p.Name));
        }

        var pair = stories.Single(s => s.GetProperty("reports").GetInt32() == 2);
        var show = await CliRun.RunAsync("story", pair.GetProperty("id").GetInt64().ToString(), "--json", "--data", data);
        Assert.True(show.ExitCode == 0, show.ToString());
        var detail = JsonDocument.Parse(show.Out).RootElement;
        Assert.Equal(["id", "title", "reports", "firstSeen", "lastUpdated", "entities", "timeline"], detail.EnumerateObject().Select(p => p.Name));
        var timeline = detail.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(sameEvent.Select(d => d.Title).Order(), timeline.Select(t => t.GetProperty("title").GetString()).Order());
        Assert.Equal(["report", "at", "published", "received", "title", "source"], timeline[0].EnumerateObject().Select(p => p.Name));
        Assert.All(detail.GetProperty("entities").EnumerateArray(), e => Assert.Equal(["id", "name", "type"], e.EnumerateObject().Select(p => p.Name)));

        var text = await CliRun.RunAsync("stories", "--data", data);
        Assert.Contains("2 stories in", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_story_is_reported_with_exit_code_1()
    {
        var run = await CliRun.RunAsync("story", "42", "--data", TestPaths.NewTempFolder());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("story 42: not found", run.Error, StringComparison.Ordinal);
    }
}
