using System.Text.RegularExpressions;
using Dapper;
using Wiredesk.Ingest;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest;

/// <summary>De-duplication on the real corpus: exact re-sends are dropped, edited re-sends become new versions of
/// the same report, and different reports on the same subject or event stay apart.</summary>
public partial class DeduplicationTests
{
    [Fact]
    public async Task Every_corpus_document_is_its_own_report_even_same_topic_and_same_event_ones()
    {
        var store = await TestPipeline.CreateAsync();
        var outcomes = new List<IngestOutcome>();
        foreach (var doc in Corpus.Documents)
        {
            outcomes.Add(await store.IngestTextAsync(doc.Title, doc.Body, doc.Id));
        }

        var merged = outcomes.Where(o => o.Status != IngestStatus.New).Select(o => $"{o.Origin}: {o.Status} {o.Detail}").ToList();
        Assert.True(merged.Count == 0, "merged unrelated reports:\n" + string.Join("\n", merged));
        Assert.Equal(Corpus.Documents.Count, await store.Reports.CountAsync());
    }

    public static TheoryData<string, string> Edits => new()
    {
        { "exact re-send", "same" },
        { "whitespace changed", "whitespace" },
        { "curly quotes straightened", "quotes" },
        { "a number corrected", "number" },
        { "a paragraph added", "paragraph-added" },
        { "the last paragraph dropped", "paragraph-dropped" },
        { "a sentence reworded", "reworded" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task A_re_sent_corpus_report_never_becomes_a_second_report(string description, string edit)
    {
        var store = await TestPipeline.CreateAsync();
        var docs = Corpus.Documents.Where(d => d.Body.Split("\n\n").Length >= 3).ToList();
        var ids = new Dictionary<string, long>();
        var stored = new Dictionary<string, string>();
        foreach (var doc in docs)
        {
            var id = (await store.IngestTextAsync(doc.Title, doc.Body, doc.Id)).ReportId!.Value;
            ids[doc.Id] = id;
            stored[doc.Id] = (await store.Reports.GetAsync(id))!.Text;
        }

        var failures = new List<string>();
        foreach (var doc in docs)
        {
            // Edits that change only form apply to the original as sent; edits of content apply to the text as
            // stored (after cleaning), so that they never land in page furniture the cleaner would drop anyway.
            var original = edit is "same" or "whitespace" or "quotes" ? doc.Body : stored[doc.Id];
            var edited = Edit(original, edit);
            if (edited == original && edit != "same")
            {
                continue; // this document has nothing for the edit to change (no number, no curly quote)
            }

            var outcome = await store.IngestTextAsync(doc.Title, edited, doc.Id + "-resent");
            var expected = edit is "same" or "whitespace" or "quotes" ? IngestStatus.Duplicate : IngestStatus.Update;
            if (outcome.Status != expected || outcome.ReportId != ids[doc.Id])
            {
                failures.Add($"{doc.Id}: {outcome.Status} of {outcome.ReportId} ({outcome.Detail}), expected {expected} of {ids[doc.Id]}");
            }
        }

        Assert.True(failures.Count == 0, $"{description}:\n" + string.Join("\n", failures));
        Assert.Equal(docs.Count, await store.Reports.CountAsync());
    }

    [Fact]
    public async Task An_update_keeps_every_version_and_the_report_shows_the_latest()
    {
        var store = await TestPipeline.CreateAsync();
        var doc = Corpus.Documents.First(d => Number().IsMatch(d.Body) && d.Body.Length > 800);
        var first = await store.IngestTextAsync(doc.Title, doc.Body);
        var corrected = Edit((await store.Reports.GetAsync(first.ReportId!.Value))!.Text, "number");
        var second = await store.IngestTextAsync(doc.Title, corrected);

        Assert.Equal(IngestStatus.Update, second.Status);
        Assert.Equal(first.ReportId, second.ReportId);
        var report = await store.Reports.GetAsync(first.ReportId!.Value);
        Assert.Equal(2, report!.Version);
        Assert.Contains(Number().Match(corrected).Value, report.Text, StringComparison.Ordinal);
        Assert.Equal(2, await store.Reports.VersionCountAsync(report.Id));
        // Re-sending the first version again is a duplicate of a stored version, not a third version.
        Assert.Equal(IngestStatus.Duplicate, (await store.IngestTextAsync(doc.Title, doc.Body)).Status);
    }

    [Fact]
    public async Task Near_duplicate_lookup_is_an_index_search_per_band_not_a_scan()
    {
        var store = await TestPipeline.CreateAsync();
        await using var connection = await store.Database.ConnectAsync();
        var values = new DynamicParameters();
        for (var b = 0; b < 32; b++)
        {
            values.Add($"h{b}", b * 7919L);
        }

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>($"EXPLAIN QUERY PLAN {ReportStore.BandQuery(32)}", values))
            .Select(row => row.Detail.Trim())
            .ToList();
        Assert.Equal(2, plan.Count(d => d.Contains("MULTI-INDEX OR", StringComparison.Ordinal)));
        Assert.Equal(32, plan.Count(d => d.StartsWith("SEARCH report_bands ", StringComparison.Ordinal)));
        Assert.Equal(32, plan.Count(d => d.StartsWith("SEARCH report_bands_recent ", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, d => d.StartsWith("SCAN", StringComparison.Ordinal));
    }

    private static string Edit(string body, string edit)
    {
        var paragraphs = body.Split("\n\n");
        return edit switch
        {
            "same" => body,
            "whitespace" => body.Replace(" ", "  ", StringComparison.Ordinal).Replace("\n\n", "\n\n\n", StringComparison.Ordinal) + "  ",
            "quotes" => body.Replace('\u2019', '\'').Replace('\u201c', '"').Replace('\u201d', '"'),
            "number" => Number().Replace(body, m => (long.Parse(m.Value.Replace(",", "", StringComparison.Ordinal)) + 7).ToString(), 1),
            "paragraph-added" => body + "\n\nThis report was updated with a further comment from the officials involved, who declined to give more detail.",
            "paragraph-dropped" => string.Join("\n\n", paragraphs.Where(p => p != paragraphs.MinBy(x => x.Length))),
            "reworded" => paragraphs[0].Length > 40 ? body.Replace(paragraphs[0], "In a statement on the matter, " + char.ToLowerInvariant(paragraphs[0][0]) + paragraphs[0][1..], StringComparison.Ordinal) : body,
            _ => throw new ArgumentOutOfRangeException(nameof(edit)),
        };
    }

    [GeneratedRegex(@"\b\d{1,3}(,\d{3})*\b")]
    private static partial Regex Number();
}
