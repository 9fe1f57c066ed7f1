using System.Text.Json;
using Wiredesk.Drafting;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Cli;

/// <summary>`wiredesk draft`: golden Markdown and JSON for team-written samples, stored report ids, exit codes.</summary>
public sealed class DraftVerbTests
{
    [Theory]
    [InlineData("samples/wire/korea-missile-launch.md", "draft-korea-missile-launch")]
    [InlineData("samples/ninjs/boe-statement.json", "draft-boe-statement")]
    public async Task MarkdownAndJsonMatchTheGoldenFiles(string sample, string golden)
    {
        var data = TestPaths.NewTempFolder();
        var path = Path.Combine(TestPaths.RepoRoot, sample);

        var markdown = await CliRun.RunAsync("draft", path, "--markdown", "--data", data);
        var json = await CliRun.RunAsync("draft", path, "--json", "--data", data);

        Assert.True(markdown.ExitCode == 0, markdown.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        Golden.AssertMatches($"tests/Wiredesk.Tests/Cli/TestData/{golden}.md", WithoutRepoRoot(markdown.Out));
        Golden.AssertMatches($"tests/Wiredesk.Tests/Cli/TestData/{golden}.json", WithoutRepoRoot(json.Out));
        Assert.False(File.Exists(Path.Combine(data, "wiredesk.db")), "drafting files must not create a store");
    }

    [Fact]
    public async Task JsonHasTheDocumentedShapeWithVerdictsAndMetrics()
    {
        var run = await CliRun.RunAsync("draft", Path.Combine(TestPaths.RepoRoot, "samples/wire/fed-holds-rates.txt"), "--json", "--data", TestPaths.NewTempFolder());

        Assert.True(run.ExitCode == 0, run.ToString());
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("headline").GetString()));
        var sections = root.GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["Lede", "What Happened", "Why It Matters"], sections.Select(s => s.GetProperty("title").GetString()));
        foreach (var sentence in sections.SelectMany(s => s.GetProperty("sentences").EnumerateArray()))
        {
            Assert.Equal("supported", sentence.GetProperty("verdict").GetString());
            Assert.True(sentence.GetProperty("sources").GetArrayLength() + sentence.GetProperty("facts").GetArrayLength() > 0);
            Assert.Equal(JsonValueKind.Array, sentence.GetProperty("reasons").ValueKind);
        }

        Assert.Equal(1, root.GetProperty("sources").GetArrayLength());
        Assert.True(root.GetProperty("metrics").GetProperty("longestVerbatimRun").GetInt32() >= 0);
        Assert.InRange(root.GetProperty("metrics").GetProperty("copiedShare").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task StoredReportIdsMakeOneStoryWithTheirIdsAsProvenance()
    {
        var data = TestPaths.NewTempFolder();
        var ingest = await CliRun.RunAsync("ingest", Path.Combine(TestPaths.RepoRoot, "samples/wire/fed-holds-rates.txt"), Path.Combine(TestPaths.RepoRoot, "samples/ninjs/boe-statement.json"), "--data", data);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        var run = await CliRun.RunAsync("draft", "1", "2", "--json", "--data", data);

        Assert.True(run.ExitCode == 0, run.ToString());
        var draft = JsonSerializer.Deserialize<Draft>(run.Out, JsonDefaults.Options)!;
        Assert.Equal(["1", "2"], draft.Sources.Select(s => s.Report).Order());
        Assert.All(draft.Sections.SelectMany(s => s.Sentences).SelectMany(s => s.Sources), span => Assert.Contains(span.Report, new[] { "1", "2" }));
    }

    [Fact]
    public async Task A_stored_story_id_drafts_from_the_stories_reports_with_their_stored_analysis()
    {
        var data = TestPaths.NewTempFolder();
        // Two corpus reports of one event (one story) and one unrelated report (its own story).
        var (sameEvent, unrelated) = Corpus.OneEventAndOneUnrelated();
        var ingest = await CliRun.RunAsync(["ingest", .. sameEvent.Select(d => d.FilePath), unrelated.FilePath, "--data", data]);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var list = await CliRun.RunAsync("stories", "--json", "--data", data);
        var story = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Single(s => s.GetProperty("reports").GetInt32() == 2);
        var storyId = story.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var detail = JsonDocument.Parse((await CliRun.RunAsync("story", storyId, "--json", "--data", data)).Out).RootElement;
        var reportIds = detail.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("report").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var run = await CliRun.RunAsync("draft", "story:" + storyId, "--json", "--data", data);
        var byReports = await CliRun.RunAsync(["draft", .. reportIds, "--json", "--data", data]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var draft = JsonSerializer.Deserialize<Draft>(run.Out, JsonDefaults.Options)!;
        Assert.Equal(Verdicts.Supported, draft.HeadlineVerdict);
        Assert.All(draft.Sections.SelectMany(s => s.Sentences), s => Assert.Equal(Verdicts.Supported, s.Verdict));
        var spans = draft.Sections.SelectMany(s => s.Sentences).SelectMany(s => s.Sources).Select(s => s.Report).Distinct().ToList();
        Assert.NotEmpty(spans);
        Assert.All(spans, r => Assert.Contains(r, reportIds));
        Assert.Subset(draft.Sources.Select(s => s.Report).ToHashSet(), reportIds.ToHashSet());
        // The same reports named one by one make the same draft: the story form only chooses them.
        Assert.Equal(byReports.Out, run.Out);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("draft", "story:999")]
    [InlineData("draft", "no-such-file.txt")]
    [InlineData("draft", "999")]
    [InlineData("draft", "samples/wire/fed-holds-rates.txt", "--json", "--markdown")]
    public async Task BadUsageExitsWithTwo(params string[] args)
    {
        var data = TestPaths.NewTempFolder();
        var resolved = args.Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? Path.Combine(TestPaths.RepoRoot, a) : a).Append("--data").Append(data).ToArray();

        var run = await CliRun.RunAsync(resolved);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("wiredesk:", run.Error, StringComparison.Ordinal);
    }

    private static string WithoutRepoRoot(string text) => text.Replace(TestPaths.RepoRoot + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
}
