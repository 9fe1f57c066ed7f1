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
        // Index loops throughout: the list interface's enumerator is an allocation, and every claim aligns.
        for (var s = 0; s < sources.Count; s++)
        {
            var source = sources[s];
            // One score row per thread, cleared where it was used: a claim is aligned against many sources.
            var scores = Row(ref _scores, source.Units.Length);
            var touched = false;
            foreach (var w in claim)
            {
                var units = source.Postings.UnitsWith(w.Key);
                if (!units.IsEmpty)
                {
                    touched = true;
                    var weight = w.Is(WordKinds.Capitalized | WordKinds.Number) ? 0.5 : 1;
                    foreach (var u in units)
                    {
                        scores[u] += weight;
                    }
                }
            }

            if (!touched)
            {
                continue;
            }

            for (var u = 0; u < source.Units.Length; u++)
            {
                var score = scores[u];
                scores[u] = 0;
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
        for (var s = 0; s < sources.Count; s++)
        {
            var source = sources[s];
            var added = Row(ref _added, source.Units.Length);
            var touched = false;
            foreach (var w in claim)
            {
                if (!w.Is(WordKinds.Capitalized | WordKinds.Number | WordKinds.Attribution) && source.Postings.UnitsWith(w.Key) is { IsEmpty: false } units
                    && !AnyHas(evidence, w.Key))
                {
                    touched = true;
                    foreach (var u in units)
                    {
                        added[u]++;
                    }
                }
            }

            if (!touched)
            {
                continue;
            }

            for (var u = 0; u < source.Units.Length; u++)
            {
                var count = added[u];
                added[u] = 0;
                if (count > nextAdded)
                {
                    (next, nextAdded) = (source.Units[u], count);
                }
            }
        }

        return next;
    }

    private static bool AnyHas(List<SourceUnit> evidence, string key)
    {
        foreach (var e in evidence)
        {
            if (e.Keys.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A per-thread row of at least <paramref name="length"/> zeros (callers zero what they used).</summary>
    private static T[] Row<T>(ref T[]? row, int length)
        where T : struct
    {
        if (row is null || row.Length < length)
        {
            row = new T[Math.Max(length, 256)];
        }

        return row;
    }

    [ThreadStatic] private static double[]? _scores;
    [ThreadStatic] private static int[]? _added;

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

        for (var i = 0; i < provenance.Count; i++)
        {
            var span = provenance[i];
            if (span.Report == unit.Source.Id && span.Start < unit.End && span.End > unit.Start)
            {
                return true;
            }
        }

        return false;
    }
}
