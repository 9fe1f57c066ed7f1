using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Ingest.Formats;
using Wiredesk.Stories;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>One SHA-256 over everything the preparation stage of ingest hands the writer — the parsed report, the
/// dedup fingerprint (content hash, shingles, bands), the analysis JSON as stored and the story features — for the
/// corpus files as they are and for synthetic reports. Run it before and after a speed change: equal digests mean
/// the change altered no output.</summary>
public static class PreparationDigest
{
    public static void Run(int count)
    {
        Console.WriteLine();
        Console.WriteLine($"## Preparation digest (corpus files + {count:N0} synthetic reports)");
        var settings = new Settings();
        var analyzer = new Analyzer(KnowledgeBase.LoadDefault());
        var corpusInputs = Corpus.Documents.Select(d => new RawInput(Path.GetFileName(d.FilePath), File.ReadAllBytes(d.FilePath), "application/json"));
        Console.WriteLine($"corpus ({Corpus.Documents.Count} files): {Digest(corpusInputs.Select(i => (i, (DateTimeOffset?)null)), analyzer, settings)}");
        var synthetic = SyntheticReports.Make(count).Select((r, i) =>
            (new RawInput($"bench-{i}.txt", Encoding.UTF8.GetBytes($"{r.Title}\n\n{r.Text}"), "text/plain"), (DateTimeOffset?)r.Published));
        Console.WriteLine($"synthetic ({count:N0} reports): {Digest(synthetic, analyzer, settings)}");
    }

    private static string Digest(IEnumerable<(RawInput Input, DateTimeOffset? Published)> inputs, Analyzer analyzer, Settings settings)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var fallback = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
        foreach (var (input, published) in inputs)
        {
            foreach (var parsed in FormatReader.Read(input, settings))
            {
                var at = parsed.Published ?? published ?? fallback;
                var fingerprint = DedupFingerprint.Of(parsed.Title, parsed.Text);
                var analysis = analyzer.Analyze(parsed.Title, parsed.Text, at);
                var features = StoryFeatures.Of(parsed.Title, parsed.Text, analysis, at);
                Add(hash, JsonSerializer.Serialize(parsed with { RawItem = null }, JsonDefaults.Options));
                Add(hash, fingerprint.ContentHash);
                Add(hash, string.Join(',', fingerprint.Shingles.Order()));
                Add(hash, string.Join(',', fingerprint.BandHashes));
                Add(hash, JsonSerializer.Serialize(analysis, JsonDefaults.Options));
                Add(hash, Describe(features));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Describe(StoryFeatures f) => string.Join('\n',
        f.Title,
        f.At.ToString("O", CultureInfo.InvariantCulture),
        string.Join(';', f.Keys.Select(k => $"{k.Key}|{k.Kind}|{k.Name}|{k.Salience.ToString("R", CultureInfo.InvariantCulture)}")),
        string.Join(';', f.EventDays.Select(d => d.ToString("O", CultureInfo.InvariantCulture))),
        string.Join(';', f.LeadAmounts),
        string.Join(';', f.PairKeys),
        string.Join(';', f.Terms.Weights.Select(w => $"{w.Key}={w.Value.ToString("R", CultureInfo.InvariantCulture)}")));

    private static void Add(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }
}
