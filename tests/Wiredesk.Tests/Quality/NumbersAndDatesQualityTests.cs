using System.Globalization;
using System.Text;
using Wiredesk.Analysis.Dates;
using Wiredesk.Analysis.Numbers;
using Wiredesk.Tests.Support;
using Xunit.Abstractions;

namespace Wiredesk.Tests.Quality;

/// <summary>Recall of numbers and dates against the corpus gold (SurfaceMatch.Matches: equal, or one contains the
/// other as whole words). Floors only rise: set them to what we reach, never lower one.</summary>
public class NumbersAndDatesQualityTests(ITestOutputHelper output)
{
    private const double NumbersRecallFloor = 0.984;
    private const double DatesRecallFloor = 1.0;

    [Fact]
    public void Numbers_and_dates_recall_over_the_corpus_stays_above_the_floors()
    {
        int numberGold = 0, numberFound = 0, numberMentions = 0, numberUnmatched = 0;
        int dateGold = 0, dateFound = 0, dateMentions = 0, dateUnmatched = 0;
        var misses = new StringBuilder();
        foreach (var doc in Corpus.Documents)
        {
            var gold = doc.Gold!;
            DateOnly? published = DateOnly.TryParse(doc.Published, CultureInfo.InvariantCulture, out var p) ? p : null;
            var dates = DateExtractor.Extract(doc.Body, published);
            var numbers = NumberExtractor.Extract(doc.Body, dates);

            foreach (var g in gold.Numbers)
            {
                numberGold++;
                if (numbers.Any(n => SurfaceMatch.Matches(g, n.Text)))
                {
                    numberFound++;
                }
                else
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  {doc.Id} number missed: {g}");
                }
            }

            foreach (var g in gold.Dates)
            {
                dateGold++;
                if (dates.Any(d => SurfaceMatch.Matches(g, d.Text)))
                {
                    dateFound++;
                }
                else
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"  {doc.Id} date missed: {g}");
                }
            }

            numberMentions += numbers.Count;
            numberUnmatched += numbers.Count(n => !gold.Numbers.Any(g => SurfaceMatch.Matches(g, n.Text)));
            dateMentions += dates.Count;
            dateUnmatched += dates.Count(d => !gold.Dates.Any(g => SurfaceMatch.Matches(g, d.Text)));
        }

        var numberRecall = (double)numberFound / numberGold;
        var dateRecall = (double)dateFound / dateGold;
        output.WriteLine("field    gold  found  recall  mentions  not-in-gold");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"numbers  {numberGold,4}  {numberFound,5}  {numberRecall,6:F3}  {numberMentions,8}  {numberUnmatched,11}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dates    {dateGold,4}  {dateFound,5}  {dateRecall,6:F3}  {dateMentions,8}  {dateUnmatched,11}"));
        output.WriteLine("(not-in-gold: mentions no gold form matches; gold lists are not exhaustive, so this is only indicative of precision)");
        output.WriteLine(misses.ToString());

        Assert.True(numberRecall >= NumbersRecallFloor, $"numbers recall {numberRecall:F3} fell below the floor {NumbersRecallFloor}");
        Assert.True(dateRecall >= DatesRecallFloor, $"dates recall {dateRecall:F3} fell below the floor {DatesRecallFloor}");
    }
}
