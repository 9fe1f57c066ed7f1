using System.Diagnostics;
using Wiredesk.App.Web;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Background;

public class DemoReleaseTests
{
    [Fact]
    public async Task The_demo_wire_forms_four_stories_of_three_reports_each_and_every_one_gets_a_draft()
    {
        var files = Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "demo"), "*.json");
        await using var server = await NewsroomServer.StartAsync(options: new ServeOptions { Demo = true, DemoSpan = TimeSpan.FromMilliseconds(600), PollSources = false });
        var reports = new ReportStore(server.Composition.Database);
        var waited = Stopwatch.StartNew();
        while (await reports.CountAsync() < files.Length)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the demo wire was not released");
            await Task.Delay(20);
        }

        var stories = await new StoryStore(server.Composition.Database).ListAsync(10);
        Assert.Equal([3, 3, 3, 3], stories.Select(s => s.ReportCount));
        foreach (var story in stories)
        {
            var desk = await DeskKit.WaitForDeskAsync(server.Composition.Database, story.Id, d => d.ReportCount == 3);
            Assert.Equal(0, desk.Unsupported);
        }
    }
}
