using System.Globalization;
using System.Text;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Quality;

/// <summary>What one engine found in one corpus document, as surface strings: the common ground on which our
/// analyzer and a peer (compromise, in the benchmark) are scored by the same rules.</summary>
public sealed record Extraction(
    IReadOnlyList<string> People,
    IReadOnlyList<string> Organizations,
    IReadOnlyList<string> Places,
    IReadOnlyList<ExtractedQuote> Quotes,
    IReadOnlyList<string> Numbers);

/// <summary>A found quote and every name its speaker goes by (empty when the engine names no speaker).</summary>
public sealed record ExtractedQuote(string Text, IReadOnlyList<string> SpeakerNames);

/// <summary>Scores extractions against the corpus gold (rules in docs/analysis.md, "Quality"):
/// - people, organisations, countries/places: distinct normalised surface forms per document against the gold
///   list, counts summed over documents (micro average);
/// - quotes: recall of gold quote texts, "exact" (equal after normalisation) and "within" (the gold text lies as
///   whole words inside one found quote);
/// - speakers: of the gold quotes found, the share whose gold speaker is one of the found speaker's names
///   (a null gold speaker needs no speaker);
/// - numbers: recall by <see cref="SurfaceMatch.Matches"/>.</summary>
public sealed class CorpusScorer
{
    public Score People { get; } = new();
    public Score Organizations { get; } = new();
    public Score Places { get; } = new();
    public Score QuotesExact { get; } = new();
    public Score QuotesWithin { get; } = new();
    public Score Speakers { get; } = new();
    public Score Numbers { get; } = new();
    public Score Entities => People + Organizations + Places;

    /// <summary>Per-document misses and extras, for whoever is improving the engine.</summary>
    public StringBuilder Misses { get; } = new();

    public void Add(CorpusDocument doc, Extraction found)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(found);
        var gold = doc.Gold ?? throw new ArgumentException($"{doc.Id} has no gold", nameof(doc));
        var misses = new List<string>();
        CompareNames(gold.People, found.People, People, "person", misses);
        CompareNames(gold.Organizations, found.Organizations, Organizations, "org", misses);
        CompareNames(gold.CountriesPlaces, found.Places, Places, "place", misses);
        CompareQuotes(gold.Quotes, found.Quotes, misses);
        foreach (var n in gold.Numbers)
        {
            var hit = found.Numbers.Any(m => SurfaceMatch.Matches(n, m));
            Numbers.Add(hit, true);
            if (!hit)
            {
                misses.Add($"number missed: {n}");
            }
        }

        if (misses.Count > 0)
        {
            Misses.AppendLine(CultureInfo.InvariantCulture, $"{doc.Id}:");
            misses.ForEach(m => Misses.AppendLine(CultureInfo.InvariantCulture, $"    {m}"));
        }
    }

    /// <summary>The table as a Markdown block, one column pair per engine when several are given.</summary>
    public static string Table(IReadOnlyList<(string Engine, CorpusScorer Score)> engines)
    {
        ArgumentNullException.ThrowIfNull(engines);
        var table = new StringBuilder();
        table.AppendLine("| field | " + string.Join(" | ", engines.Select(e => $"{e.Engine} precision | {e.Engine} recall")) + " |");
        table.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|---|", engines.Count)));
        void Row(string name, Func<CorpusScorer, Score> pick, bool precision) =>
            table.AppendLine($"| {name} | " + string.Join(" | ", engines.Select(e =>
                $"{(precision ? Fmt(pick(e.Score).Precision) : "")} | {Fmt(pick(e.Score).Recall)} ({pick(e.Score).TruePositives}/{pick(e.Score).Gold})")) + " |");
        Row("people", s => s.People, true);
        Row("organisations", s => s.Organizations, true);
        Row("countries/places", s => s.Places, true);
        Row("entities overall", s => s.Entities, true);
        Row("quotes exact", s => s.QuotesExact, false);
        Row("quotes within a found quote", s => s.QuotesWithin, false);
        Row("speakers (of quotes found)", s => s.Speakers, false);
        Row("numbers", s => s.Numbers, false);
        return table.ToString();
    }

    private static void CompareNames(IReadOnlyList<string> goldList, IReadOnlyList<string> foundList, Score score, string label, List<string> misses)
    {
        var gold = goldList.Select(SurfaceMatch.Normalize).ToHashSet(StringComparer.Ordinal);
        var found = foundList.Select(SurfaceMatch.Normalize).Where(f => f.Length > 0).ToHashSet(StringComparer.Ordinal);
        foreach (var g in gold)
        {
            score.Add(found.Contains(g), true);
            if (!found.Contains(g))
            {
                misses.Add($"{label} missed: {g}");
            }
        }

        foreach (var extra in found.Where(f => !gold.Contains(f)))
        {
            score.Add(false, false);
            misses.Add($"{label} extra: {extra}");
        }
    }

    private void CompareQuotes(IReadOnlyList<GoldQuote> goldQuotes, IReadOnlyList<ExtractedQuote> found, List<string> misses)
    {
        foreach (var g in goldQuotes)
        {
            var exact = found.FirstOrDefault(q => SurfaceMatch.MatchesExactly(g.Text, q.Text));
            var hit = exact ?? found.FirstOrDefault(q => ContainsWords(SurfaceMatch.Normalize(q.Text), SurfaceMatch.Normalize(g.Text)));
            QuotesExact.Add(exact is not null, true);
            QuotesWithin.Add(hit is not null, true);
            if (hit is null)
            {
                misses.Add($"quote missed: {Short(g.Text)}");
                continue;
            }

            if (exact is null)
            {
                misses.Add($"quote not exact: gold {Short(g.Text)} / found {Short(hit.Text)}");
            }

            var right = g.Speaker is null
                ? hit.SpeakerNames.Count == 0
                : hit.SpeakerNames.Any(n => SurfaceMatch.Normalize(n) == SurfaceMatch.Normalize(g.Speaker));
            Speakers.Add(right, true);
            if (!right)
            {
                misses.Add($"speaker wrong: gold '{g.Speaker}', found '{string.Join("/", hit.SpeakerNames.Take(2))}' for {Short(g.Text)}");
            }
        }
    }

    internal static bool ContainsWords(string outer, string inner)
    {
        for (var at = outer.IndexOf(inner, StringComparison.Ordinal); at >= 0; at = outer.IndexOf(inner, at + 1, StringComparison.Ordinal))
        {
            var end = at + inner.Length;
            if ((at == 0 || !char.IsLetterOrDigit(outer[at - 1])) && (end == outer.Length || !char.IsLetterOrDigit(outer[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static string Short(string s) => s.Length <= 70 ? s : s[..70] + "…";

    private static string Fmt(double v) => v.ToString("F3", CultureInfo.InvariantCulture);
}

/// <summary>True positives, gold items and extras, summed over documents.</summary>
public sealed class Score
{
    public int TruePositives { get; private set; }
    public int Gold { get; private set; }
    public int FalsePositives { get; private set; }

    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => Gold == 0 ? 1 : (double)TruePositives / Gold;

    public void Add(bool hit, bool isGold)
    {
        if (isGold)
        {
            Gold++;
            TruePositives += hit ? 1 : 0;
        }
        else
        {
            FalsePositives++;
        }
    }

    public static Score operator +(Score a, Score b) => new() { TruePositives = a.TruePositives + b.TruePositives, Gold = a.Gold + b.Gold, FalsePositives = a.FalsePositives + b.FalsePositives };
}
