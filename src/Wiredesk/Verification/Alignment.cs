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
        SourceUnit? best = null;
        var bestScore = 0.0;
        foreach (var source in sources)
        {
            foreach (var unit in source.Units)
            {
                var score = Score(claim, unit);
                if (score > 0 && IsNamed(unit, provenance))
                {
                    score += 0.5;
                }

                if (score > bestScore)
                {
                    (best, bestScore) = (unit, score);
                }
            }
        }

        if (best is null)
        {
            return evidence;
        }

        evidence.Add(best);
        while (evidence.Count < MaxUnits)
        {
            SourceUnit? next = null;
            var nextAdded = MinAddedWords - 1;
            foreach (var source in sources)
            {
                foreach (var unit in source.Units)
                {
                    var added = evidence.Contains(unit) ? 0 : AddedOrdinaryWords(claim, unit, evidence);
                    if (added > nextAdded)
                    {
                        (next, nextAdded) = (unit, added);
                    }
                }
            }

            if (next is null)
            {
                break;
            }

            evidence.Add(next);
        }

        return evidence;
    }

    private static double Score(Word[] claim, SourceUnit unit)
    {
        var score = 0.0;
        for (var i = 0; i < claim.Length; i++)
        {
            var w = claim[i];
            if (unit.Keys.Contains(w.Key))
            {
                score += w.Is(WordKinds.Capitalized | WordKinds.Number) ? 0.5 : 1;
            }
        }

        return score;
    }

    private static int AddedOrdinaryWords(Word[] claim, SourceUnit unit, List<SourceUnit> evidence)
    {
        var added = 0;
        for (var i = 0; i < claim.Length; i++)
        {
            var w = claim[i];
            if (!w.Is(WordKinds.Capitalized | WordKinds.Number | WordKinds.Attribution) && unit.Keys.Contains(w.Key)
                && !evidence.Exists(e => e.Keys.Contains(w.Key)))
            {
                added++;
            }
        }

        return added;
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
