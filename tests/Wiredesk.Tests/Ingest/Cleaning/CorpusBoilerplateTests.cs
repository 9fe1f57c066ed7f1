using Wiredesk.Ingest;
using Wiredesk.Ingest.Cleaning;
using Wiredesk.Ingest.Formats;
using Wiredesk.Tests.Support;
using Xunit.Abstractions;

namespace Wiredesk.Tests.Ingest.Cleaning;

/// <summary>Measures the cleaner on the corpus documents that keep their page furniture on purpose, against the
/// hand-made list of furniture lines in their gold files. Floors only ever rise.</summary>
public class CorpusBoilerplateTests(ITestOutputHelper output)
{
    private const int RemovedGoldLinesFloor = 66;
    private const int WronglyRemovedStoryLinesCeiling = 0;

    [Fact]
    public void Removes_gold_boilerplate_lines_and_never_a_key_quote()
    {
        var documents = Corpus.Documents.Where(d => d.BoilerplateIncluded == true && d.Gold is { Boilerplate.Count: > 0 }).ToList();
        Assert.NotEmpty(documents);
        int gold = 0, removedGold = 0, wronglyRemoved = 0;
        foreach (var document in documents)
        {
            var report = Read(document);
            var goldLines = document.Gold!.Boilerplate.Select(Normalise).ToList();
            var paragraphs = report.Text.Split("\n\n").Select(Normalise).ToHashSet(StringComparer.Ordinal);
            var removed = report.RemovedBoilerplate.Select(Normalise).ToList();
            var missed = new List<string>();
            foreach (var line in goldLines)
            {
                gold++;
                // Removed only if the cleaner put it on its removed list and no paragraph of the text still is that line.
                var parts = line.Split('\n').Select(Normalise).ToList();
                if (parts.All(p => removed.Any(r => r.Contains(p, StringComparison.Ordinal))) && !paragraphs.Contains(line))
                {
                    removedGold++;
                }
                else
                {
                    missed.Add(line);
                }
            }

            // Repeats of the headline are removed on purpose (the title is kept apart); they are not story text.
            var headline = Normalise(document.Title);
            var wrong = removed
                .Where(r => r != headline)
                .Where(r => !goldLines.Any(g => r.Contains(g, StringComparison.Ordinal) || g.Contains(r, StringComparison.Ordinal)))
                .ToList();
            wronglyRemoved += wrong.Count;
            output.WriteLine($"{document.Id}: {goldLines.Count - missed.Count}/{goldLines.Count} gold lines removed, {wrong.Count} other (non-headline) lines removed");
            foreach (var line in missed)
            {
                output.WriteLine($"    kept:    {Short(line)}");
            }

            foreach (var line in wrong)
            {
                output.WriteLine($"    removed: {Short(line)}");
            }
        }

        output.WriteLine($"gold boilerplate lines removed: {removedGold}/{gold} ({(double)removedGold / gold:P1}); other (non-headline) lines removed: {wronglyRemoved}");
        Assert.True(removedGold >= RemovedGoldLinesFloor, $"removed {removedGold} gold lines, floor {RemovedGoldLinesFloor}");
        Assert.True(wronglyRemoved <= WronglyRemovedStoryLinesCeiling, $"removed {wronglyRemoved} lines that are not gold boilerplate, ceiling {WronglyRemovedStoryLinesCeiling}");
    }

    /// <summary>Documents stored without furniture: whatever the cleaner removes there is a loss (headings and
    /// datelines so far). Printed with the rule that removed it; the ceiling only ever falls.</summary>
    [Fact]
    public void Removes_little_from_documents_stored_without_furniture()
    {
        const int RemovedLinesCeiling = 13;
        var removed = 0;
        foreach (var document in Corpus.Documents.Where(d => d.BoilerplateIncluded != true))
        {
            var report = Read(document);
            foreach (var line in report.RemovedBoilerplate.Where(l => Normalise(l) != Normalise(document.Title)))
            {
                removed++;
                output.WriteLine($"{document.Id} [{BoilerplateCleaner.RuleFor(line)}] {Short(line)}");
            }
        }

        output.WriteLine($"lines removed from documents without furniture (headline repeats aside): {removed}");
        Assert.True(removed <= RemovedLinesCeiling, $"removed {removed} lines, ceiling {RemovedLinesCeiling}");
    }

    [Fact]
    public void No_gold_quote_of_any_corpus_document_is_lost()
    {
        var lost = new List<string>();
        var checkedQuotes = 0;
        foreach (var document in Corpus.Documents.Where(d => d.Gold is not null))
        {
            var before = Normalise(document.Body);
            var after = Normalise(Read(document).Text);
            foreach (var quote in document.Gold!.Quotes.Select(q => Normalise(q.Text)).Where(q => before.Contains(q, StringComparison.Ordinal)))
            {
                checkedQuotes++;
                if (!after.Contains(quote, StringComparison.Ordinal))
                {
                    lost.Add($"{document.Id}: {Short(quote)}");
                }
            }
        }

        output.WriteLine($"gold quotes checked: {checkedQuotes}, lost: {lost.Count}");
        Assert.True(checkedQuotes > 0);
        Assert.Empty(lost);
    }

    private static ParsedReport Read(CorpusDocument document) =>
        Assert.Single(FormatReader.Read(new RawInput(document.FilePath, File.ReadAllBytes(document.FilePath)), new Settings()));

    private static string Normalise(string text) =>
        string.Join('\n', text.Split('\n').Select(BoilerplateCleaner.NormaliseWhitespace)).Trim();

    private static string Short(string line) => line.Length <= 90 ? line : line[..90] + "…";
}
