using System.Text.Json;
using System.Text.Json.Nodes;
using Wiredesk.Drafting;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Cli;

public class VerifyVerbTests
{
    private const string Report =
        "Harbour Bank Cuts Rates\n\n" +
        "LISBON — Harbour Bank cut its main lending rate by 0.25 percentage point to 3.5 percent on Tuesday, the bank said in a statement.\n\n" +
        "“Inflation is moving back to our target,” Governor Ana Costa told reporters. The bank did not signal further cuts.\n";

    private static async Task<(string Folder, string Source)> WriteSourceAsync()
    {
        var folder = TestPaths.NewTempFolder();
        var source = Path.Combine(folder, "harbour.txt");
        await File.WriteAllTextAsync(source, Report);
        return (folder, source);
    }

    private static Task<string> WriteDraftAsync(string folder, params string[] sentences) => WriteDraftAsync(folder, "Harbour Bank Cuts Rates", sentences);

    private static async Task<string> WriteDraftAsync(string folder, string headline, string[] sentences)
    {
        var draft = new Draft
        {
            Headline = headline,
            Sections = [new DraftSection { Title = "What Happened", Sentences = [.. sentences.Select(s => new DraftSentence { Text = s })] }],
        };
        var path = Path.Combine(folder, "draft.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(draft, JsonDefaults.Options));
        return path;
    }

    private static List<JsonNode> AllLines(CliRun run) =>
        [.. run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];

    /// <summary>The sentences' lines, after the headline's, which always comes first.</summary>
    private static List<JsonNode> Lines(CliRun run)
    {
        var all = AllLines(run);
        Assert.Equal("Headline", all[0]["section"]!.GetValue<string>());
        return all[1..];
    }

    [Fact]
    public async Task The_headline_is_verified_first_and_a_wrong_one_exits_1()
    {
        var (folder, source) = await WriteSourceAsync();
        var faithful = await WriteDraftAsync(folder, "Harbour Bank Cuts Main Lending Rate to 3.5 Percent", ["Harbour Bank cut its main lending rate on Tuesday."]);
        var ok = await CliRun.RunAsync("verify", "--draft", faithful, source, "--data", folder);
        var wrong = await WriteDraftAsync(folder, "Harbour Bank Does Not Cut Main Lending Rate", ["Harbour Bank cut its main lending rate on Tuesday."]);
        var run = await CliRun.RunAsync("verify", "--draft", wrong, source, "--data", folder);

        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal("supported", AllLines(ok)[0]["verdict"]!.GetValue<string>());
        Assert.True(run.ExitCode == 1, run.ToString());
        var headline = AllLines(run)[0];
        Assert.Equal("Harbour Bank Does Not Cut Main Lending Rate", headline["text"]!.GetValue<string>());
        Assert.Equal("unsupported", headline["verdict"]!.GetValue<string>());
        Assert.Contains(headline["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("negation: ", StringComparison.Ordinal));
        Assert.All(Lines(run), l => Assert.Equal("supported", l["verdict"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_faithful_draft_exits_0_with_supported_sentences_and_evidence_spans_into_the_source()
    {
        var (folder, source) = await WriteSourceAsync();
        var draft = await WriteDraftAsync(folder,
            "Harbour Bank lowered its main lending rate by 0.25 percentage point to 3.5 percent on Tuesday, the bank said.",
            "“Inflation is moving back to our target,” Costa said.");

        var run = await CliRun.RunAsync("verify", "--draft", draft, source, "--data", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = Lines(run);
        Assert.Equal(2, lines.Count);
        var text = Report[(Report.IndexOf('\n', StringComparison.Ordinal) + 2)..].TrimEnd('\n');
        foreach (var line in lines)
        {
            Assert.Equal("supported", line["verdict"]!.GetValue<string>());
            Assert.Equal("What Happened", line["section"]!.GetValue<string>());
            Assert.Empty(line["reasons"]!.AsArray());
            var evidence = line["evidence"]!.AsArray();
            Assert.NotEmpty(evidence);
            Assert.All(evidence, e => Assert.Equal(source, e!["report"]!.GetValue<string>()));
            Assert.All(evidence, e => Assert.Contains(e!["text"]!.GetValue<string>(), text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unsupported_sentence_exits_1_and_says_why()
    {
        var (folder, source) = await WriteSourceAsync();
        var draft = await WriteDraftAsync(folder,
            "Harbour Bank cut its main lending rate by 0.5 percentage point to 3.5 percent on Tuesday.",
            "The bank signalled further cuts.");

        var run = await CliRun.RunAsync("verify", "--draft", draft, source, "--data", folder);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = Lines(run);
        Assert.All(lines, l => Assert.Equal("unsupported", l["verdict"]!.GetValue<string>()));
        Assert.Contains(lines[0]["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("number: ", StringComparison.Ordinal));
        Assert.Contains(lines[1]["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("negation: negation dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stored_reports_are_named_by_id()
    {
        var (folder, source) = await WriteSourceAsync();
        Assert.Equal(0, (await CliRun.RunAsync("ingest", source, "--data", folder)).ExitCode);
        var reports = await CliRun.RunAsync("reports", "--json", "--data", folder);
        var id = JsonNode.Parse(reports.Out.Split('\n')[0])!["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var draft = await WriteDraftAsync(folder, "Governor Ana Costa said inflation is moving back to target.");

        var run = await CliRun.RunAsync("verify", "--draft", draft, id, "--data", folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(id, Lines(run)[0]["evidence"]![0]!["report"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_output_for_a_sample_draft_matches_the_golden_file()
    {
        var source = Path.Combine(TestPaths.RepoRoot, "samples", "wire", "fed-holds-rates.txt");
        var draft = Path.Combine(TestPaths.RepoRoot, "tests", "Wiredesk.Tests", "Cli", "TestData", "verify-fed-draft.json");

        var run = await CliRun.RunAsync("verify", "--draft", draft, source, "--data", TestPaths.NewTempFolder());

        Assert.True(run.ExitCode == 1, run.ToString());
        var output = run.Out.Replace(JsonSerializer.Serialize(source, JsonDefaults.Options)[1..^1], "samples/wire/fed-holds-rates.txt", StringComparison.Ordinal);
        Golden.AssertMatches("tests/Wiredesk.Tests/Cli/TestData/verify-fed-draft.jsonl", output);
    }

    [Fact]
    public async Task A_missing_report_id_is_an_input_failure()
    {
        var (folder, source) = await WriteSourceAsync();
        var draft = await WriteDraftAsync(folder, "Harbour Bank cut its main lending rate on Tuesday.");

        var run = await CliRun.RunAsync("verify", "--draft", draft, source, "999", "--data", folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("999: no stored report", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{ not json")]
    [InlineData("missing-file")]
    public async Task Bad_usage_exits_2(string? draftContent)
    {
        var (folder, source) = await WriteSourceAsync();
        string[] args;
        if (draftContent is null)
        {
            args = ["verify", source, "--data", folder];
        }
        else
        {
            var path = Path.Combine(folder, "draft.json");
            if (draftContent != "missing-file")
            {
                await File.WriteAllTextAsync(path, draftContent);
            }

            args = ["verify", "--draft", path, source, "--data", folder];
        }

        var run = await CliRun.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.Out);
    }
}
