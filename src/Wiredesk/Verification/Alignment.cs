using Wiredesk.Drafting;

namespace Wiredesk.Verification;

/// <summary>Finds the source sentences a claim rests on, by the claim's content words: the sentence sharing the
/// most first (ordinary words count double: they say what the sentence is about, while a name or a number may
/// have been swapped in from another sentence), then at most two more that each add at least two ordinary words
/// the first lacks (a sentence fused from two). A name or a number alone never pulls in another sentence, so a
/// name swapped for one from elsewhere in the text is not "supported" by that elsewhere. Provenance spans the
/// claim names win ties but must earn their place like any other sentence.</summary>
internal static class Alignment
{
    private const int MaxUnits = 3;
    private const int MinAddedWords = 2;

    public static List<SourceUnit> Align(Word[] words, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance)
    {
        var claim = DistinctContent(words);
        var evidence = new List<SourceUnit>(MaxUnits);
        var best = BestUnit(claim, sources, provenance);
        if (best is null)
        {
            return evidence;
        }

        evidence.Add(best);
        while (evidence.Count < MaxUnits && MostAdded(claim, sources, evidence) is { } next)
        {
            evidence.Add(next);
        }

        return evidence;
    }

    /// <summary>The sentence sharing the most (weighted) claim words, the first in source order on a tie. Scores
    /// are summed through each source's word index, so only sentences sharing a word are ever touched.</summary>
    private static SourceUnit? BestUnit(Word[] claim, IReadOnlyList<VerificationSource> sources, IReadOnlyList<SourceSpan>? provenance)
    {
        SourceUnit? best = null;
        var bestScore = 0.0;
        foreach (var source in sources)
        {
            double[]? scores = null;
            foreach (var w in claim)
            {
                if (source.Postings.TryGetValue(w.Key, out var units))
                {
                    scores ??= new double[source.Units.Length];
                    var weight = w.Is(WordKinds.Capitalized | WordKinds.Number) ? 0.5 : 1;
                    foreach (var u in units)
                    {
                        scores[u] += weight;
                    }
                }
            }

            if (scores is null)
            {
                continue;
            }

            for (var u = 0; u < scores.Length; u++)
            {
                var score = scores[u];
                if (score > 0 && IsNamed(source.Units[u], provenance))
                {
                    score += 0.5;
                }

                if (score > bestScore)
                {
                    (best, bestScore) = (source.Units[u], score);
                }
            }
        }

        return best;
    }

    /// <summary>The first sentence (in source order) adding the most ordinary claim words that no evidence sentence
    /// has, when it adds at least <see cref="MinAddedWords"/>; else null.</summary>
    private static SourceUnit? MostAdded(Word[] claim, IReadOnlyList<VerificationSource> sources, List<SourceUnit> evidence)
    {
        SourceUnit? next = null;
        var nextAdded = MinAddedWords - 1;
        foreach (var source in sources)
        {
            int[]? added = null;
            foreach (var w in claim)
            {
                if (!w.Is(WordKinds.Capitalized | WordKinds.Number | WordKinds.Attribution) && source.Postings.TryGetValue(w.Key, out var units)
                    && !evidence.Exists(e => e.Keys.Contains(w.Key)))
                {
                    added ??= new int[source.Units.Length];
                    foreach (var u in units)
                    {
                        added[u]++;
                    }
                }
            }

            if (added is null)
            {
                continue;
            }

            for (var u = 0; u < added.Length; u++)
            {
                if (added[u] > nextAdded)
                {
                    (next, nextAdded) = (source.Units[u], added[u]);
                }
            }
        }

        return next;
    }

    /// <summary>The claim's content words, each key once (the first occurrence decides its kind).</summary>
    private static Word[] DistinctContent(Word[] words)
    {
        var seen = new HashSet<string>(words.Length, StringComparer.Ordinal);
        var distinct = new List<Word>(words.Length);
        foreach (var w in words)
        {
            if (w.IsContent && seen.Add(w.Key))
            {
                distinct.Add(w);
            }
        }

        return [.. distinct];
    }

    private static bool IsNamed(SourceUnit unit, IReadOnlyList<SourceSpan>? provenance)
    {
        if (provenance is null)
        {
            return false;
        }

        foreach (var span in provenance)
        {
            if (span.Report == unit.Source.Id && span.Start < unit.End && span.End > unit.Start)
            {
                return true;
            }
        }

        return false;
    }
}
