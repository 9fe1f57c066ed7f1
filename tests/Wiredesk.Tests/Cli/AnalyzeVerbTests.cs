using System.Text.Json;
using System.Text.Json.Nodes;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Cli;

public class AnalyzeVerbTests
{
    private static string Sample(string path) => Path.Combine(TestPaths.RepoRoot, "samples", path);

    [Fact]
    public async Task Analyze_json_of_a_ninjs_report_matches_the_golden_file()
    {
        // The ninjs sample carries its own publication time, so relative dates resolve the same on every run.
        var run = await CliRun.RunAsync("analyze", Sample("ninjs/boe-statement.json"), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var document = JsonNode.Parse(line)!;
        document["input"] = "samples/ninjs/boe-statement.json";
        Golden.AssertMatches("tests/Wiredesk.Tests/Cli/TestData/analyze-boe-statement.json", document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task Every_span_in_analyze_json_points_at_its_own_text_for_every_sample()
    {
        var run = await CliRun.RunAsync("analyze", Path.Combine(TestPaths.RepoRoot, "samples"), "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Eight reports in the sample files, plus one per demo wire file.
        Assert.Equal(8 + Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "demo"), "*.json").Length, lines.Length);
        foreach (var line in lines)
        {
            var report = JsonNode.Parse(line)!;
            var text = report["text"]!.GetValue<string>();
            foreach (var node in report["sentences"]!.AsArray()
                .Concat(report["entities"]!.AsArray().SelectMany(e => e!["mentions"]!.AsArray()))
                .Concat(report["numbers"]!.AsArray())
                .Concat(report["dates"]!.AsArray()))
            {
                var start = node!["start"]!.GetValue<int>();
                var end = node["end"]!.GetValue<int>();
                Assert.Equal(node["text"]!.GetValue<string>(), text[start..end]);
            }

            foreach (var quote in report["quotes"]!.AsArray())
            {
                var start = quote!["start"]!.GetValue<int>();
                Assert.Equal(quote["text"]!.GetValue<string>(), text[start..quote["end"]!.GetValue<int>()]);
            }
        }
    }

    [Fact]
    public async Task Analyze_reads_standard_input_too_and_reports_bad_input_with_exit_code_1()
    {
        var bad = Path.Combine(TestPaths.NewTempFolder(), "empty.md");
        await File.WriteAllTextAsync(bad, "   \n");

        var run = await CliRun.RunAsync("analyze", bad, Sample("wire/korea-missile-launch.md"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("empty.md", run.Error, StringComparison.Ordinal);
        Assert.Contains("Kurt Campbell", run.Out, StringComparison.Ordinal);
    }
}
