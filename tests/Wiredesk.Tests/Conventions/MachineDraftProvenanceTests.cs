using Wiredesk.Drafting;
using Wiredesk.Tests.Drafting;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Conventions;

/// <summary>Every machine-drafted sentence has provenance: spans of the reports it rests on, or the knowledge-base
/// facts it uses. A span must lie inside its report's text, and a fact must carry its text.</summary>
public sealed class MachineDraftProvenanceTests
{
    [Fact]
    public void EverySentenceOfEveryMachineDraftHasProvenance()
    {
        var reports = Corpus.Documents.Select(DraftTestKit.Read).ToList();
        var byId = reports.ToDictionary(r => r.Id);
        var problems = new List<string>();
        var checkedSentences = 0;
        foreach (var report in reports)
        {
            var draft = DraftTestKit.Writer.Write(new DraftRequest([report], reports));
            foreach (var sentence in DraftTestKit.Sentences(draft))
            {
                checkedSentences++;
                if (sentence.Sources.Count == 0 && sentence.Facts.Count == 0)
                {
                    problems.Add($"{report.Id}: no provenance: {sentence.Text}");
                }

                foreach (var span in sentence.Sources)
                {
                    if (!byId.TryGetValue(span.Report, out var source) || span.Start < 0 || span.End > source.Text.Length || span.Start >= span.End)
                    {
                        problems.Add($"{report.Id}: span {span.Report} [{span.Start}, {span.End}) outside its report: {sentence.Text}");
                    }
                    else if (draft.Sources.All(s => s.Report != span.Report))
                    {
                        problems.Add($"{report.Id}: span of {span.Report}, which the source list lacks: {sentence.Text}");
                    }
                }

                problems.AddRange(sentence.Facts.Where(f => string.IsNullOrWhiteSpace(f.Id) || string.IsNullOrWhiteSpace(f.Text)).Select(f => $"{report.Id}: empty fact {f.Id}"));
                if (sentence.Verdict is null)
                {
                    problems.Add($"{report.Id}: sentence without a verdict: {sentence.Text}");
                }
            }
        }

        Assert.True(checkedSentences > 100, $"only {checkedSentences} sentences checked");
        Assert.Empty(problems);
    }
}
