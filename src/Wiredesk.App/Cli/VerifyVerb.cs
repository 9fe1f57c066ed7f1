using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wiredesk.Drafting;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Formats;
using Wiredesk.Ingest.Http;
using Wiredesk.Storage;
using Wiredesk.Verification;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk verify --draft DRAFT.json SOURCE...`: checks the headline and every sentence of a draft (machine, editor or LLM
/// written) against the sources — files, URLs, or stored report ids — and prints one JSON object per sentence.
/// The headline's line comes first (section "Headline").
/// Exit 0 when the headline and every sentence are supported, 1 when one is not (or a source could not be read), 2 bad usage.</summary>
public static class VerifyVerb
{
    public static Command Create(CliOutput output)
    {
        var draftPath = new Option<string>("--draft") { Description = "The draft, in the draft JSON shape (README), or - for standard input", Required = true };
        var sourceArgs = new Argument<string[]>("sources") { Description = "Files, folders, URLs, or stored report ids", Arity = ArgumentArity.OneOrMore };
        var command = new Command("verify", "Check every sentence of a draft against its sources") { draftPath, sourceArgs };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var draft = await ReadDraftAsync(parsed.GetValue(draftPath)!, ct);
            var verifier = new Verifier(Composition.CreateAnalyzer(settings));
            var (sources, failed) = await ReadSourcesAsync(parsed.GetValue(sourceArgs)!, settings, verifier, output, ct);

            var verified = DraftVerification.Verify(verifier, draft, sources);
            output.Out.WriteLine(JsonSerializer.Serialize(VerifiedSentence.From(VerifiedSentence.HeadlineSection, verified.Headline), JsonDefaults.Options));
            var sentences = draft.Sections.SelectMany(s => s.Sentences.Select(_ => s.Title)).ToList();
            for (var i = 0; i < verified.Sentences.Count; i++)
            {
                output.Out.WriteLine(JsonSerializer.Serialize(VerifiedSentence.From(sentences[i], verified.Sentences[i]), JsonDefaults.Options));
            }

            return failed || !verified.AllSupported ? CommandLine.SomeFailed : CommandLine.Ok;
        });
        return command;
    }

    private static async Task<Draft> ReadDraftAsync(string path, CancellationToken ct)
    {
        try
        {
            var json = path == InputTargets.StandardInput
                ? await Console.In.ReadToEndAsync(ct)
                : await File.ReadAllTextAsync(path, ct);
            return JsonSerializer.Deserialize<Draft>(json, JsonDefaults.Options) ?? throw new UsageException($"{path}: not a draft");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read the draft {path}: {e.Message}");
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not a draft in the draft JSON shape: {e.Message}");
        }
    }

    /// <summary>A number is a stored report id; anything else goes through the same readers as `analyze`. Each
    /// source is analysed once here and reused for every sentence.</summary>
    private static async Task<(List<VerificationSource> Sources, bool Failed)> ReadSourcesAsync(
        IEnumerable<string> targets, Settings settings, Verifier verifier, CliOutput output, CancellationToken ct)
    {
        var sources = new List<VerificationSource>();
        var failed = false;
        ReportStore? store = null;
        SafeHttpClient? http = null;
        try
        {
            foreach (var target in InputTargets.Expand(targets))
            {
                if (long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    store ??= new ReportStore(await Database.OpenAsync(settings.DatabasePath, ct));
                    if (await store.GetAsync(id, ct) is { } report)
                    {
                        sources.Add(verifier.Prepare(target, report.Text, report.PublishedAt, report.Source, report.Title));
                    }
                    else
                    {
                        output.Error.WriteLine($"wiredesk: {target}: no stored report with this id");
                        failed = true;
                    }

                    continue;
                }

                try
                {
                    var (input, _) = await InputTargets.OpenAsync(target, settings, () => http ??= new SafeHttpClient(settings), ct);
                    var reports = FormatReader.Read(input, settings);
                    for (var i = 0; i < reports.Count; i++)
                    {
                        var name = reports.Count == 1 ? target : $"{target}#{i + 1}";
                        sources.Add(verifier.Prepare(name, reports[i].Text, reports[i].Published, reports[i].Source, reports[i].Title));
                    }
                }
                catch (InputRejectedException e)
                {
                    output.Error.WriteLine($"wiredesk: {target}: {e.Message}");
                    failed = true;
                }
            }
        }
        finally
        {
            http?.Dispose();
        }

        return (sources, failed);
    }
}

/// <summary>One line of `verify` output: the sentence, its verdict, why, and the source spans it rests on.</summary>
public sealed record VerifiedSentence(string Section, string Text, string Verdict, IReadOnlyList<string> Reasons, IReadOnlyList<EvidenceSpan> Evidence)
{
    /// <summary>The section name of the first line, the headline's.</summary>
    public const string HeadlineSection = "Headline";

    public static VerifiedSentence From(string section, SentenceVerdict verdict) =>
        new(section, verdict.Text, verdict.Verdict, [.. verdict.Reasons.Select(r => r.ToString())], verdict.Evidence);
}
