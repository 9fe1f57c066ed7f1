using System.Text;
using Dapper;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Cli;

public class IngestVerbTests
{
    private static string Samples => Path.Combine(TestPaths.RepoRoot, "samples");

    [Fact]
    public async Task Ingesting_the_samples_stores_each_report_once_and_links_the_correction()
    {
        var data = TestPaths.NewTempFolder();
        var run = await CliRun.RunAsync("ingest", Samples, "--data", data);

        Assert.True(run.ExitCode == 0, run.ToString());
        // Seven reports of their own plus one corrected re-send, and the demo wire's files, one report each.
        var demo = Directory.GetFiles(Path.Combine(Samples, "demo"), "*.json").Length;
        Assert.Contains($"new: {7 + demo}, duplicates: 0, updates: 1, failed: 0", run.Out, StringComparison.Ordinal);

        var again = await CliRun.RunAsync("ingest", Samples, "--data", data);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"new: 0, duplicates: {8 + demo}, updates: 0, failed: 0", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_inputs_fail_one_line_each_with_exit_code_1_and_stored_reports_stay_intact()
    {
        var data = TestPaths.NewTempFolder();
        Assert.Equal(0, (await CliRun.RunAsync("ingest", Path.Combine(Samples, "wire"), "--data", data)).ExitCode);
        var before = await Snapshot(data);

        var bad = TestPaths.NewTempFolder();
        await File.WriteAllBytesAsync(Path.Combine(bad, "empty.txt"), []);
        await File.WriteAllBytesAsync(Path.Combine(bad, "binary.bin"), [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0, 0, 0xFF, 0xFE, 0]);
        await File.WriteAllTextAsync(Path.Combine(bad, "broken.xml"), "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>x</item></rss>", Encoding.UTF8);
        await File.WriteAllTextAsync(Path.Combine(bad, "xxe.xml"),
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><item><title>&x;</title></item></channel></rss>", Encoding.UTF8);
        var missing = Path.Combine(bad, "not-there.txt");

        var run = await CliRun.RunAsync("ingest", bad, missing, "--data", data);

        Assert.True(run.ExitCode == 1, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "empty.txt", "binary.bin", "broken.xml", "xxe.xml", "not-there.txt" })
        {
            Assert.Single(lines, l => l.Contains(name, StringComparison.Ordinal));
        }

        Assert.Contains("failed: 5", run.Out, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(data));
    }

    [Fact]
    public async Task An_input_over_the_size_limit_is_refused_before_it_is_read()
    {
        var data = TestPaths.NewTempFolder();
        var big = Path.Combine(TestPaths.NewTempFolder(), "huge.txt");
        await using (var file = File.Create(big))
        {
            file.SetLength(50L * 1024 * 1024);
        }

        var run = await CliRun.RunAsync("ingest", big, "--data", data);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("huge.txt", run.Error, StringComparison.Ordinal);
        Assert.Contains("limit", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_with_code_2()
    {
        Assert.Equal(2, (await CliRun.RunAsync("ingest")).ExitCode);
        Assert.Equal(2, (await CliRun.RunAsync("no-such-verb")).ExitCode);
        Assert.Equal(2, (await CliRun.RunAsync("ingest", "x.txt", "--kb", "/nonexistent/kb.json", "--data", TestPaths.NewTempFolder())).ExitCode);
    }

    /// <summary>Everything stored, as text: what a failed ingest must leave exactly as it was.</summary>
    private static async Task<string> Snapshot(string data)
    {
        var database = await Database.OpenAsync(Path.Combine(data, "wiredesk.db"));
        await using var connection = await database.ConnectAsync();
        var reports = await connection.QueryAsync<string>("SELECT id || '|' || version || '|' || content_hash || '|' || length(raw) FROM reports ORDER BY id");
        var versions = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_versions");
        var analyses = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM report_analyses");
        return string.Join("\n", reports) + $"\nversions {versions}\nanalyses {analyses}";
    }
}
