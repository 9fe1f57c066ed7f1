using Wiredesk.Drafting;

namespace Wiredesk.Verification;

/// <summary>Verifies every sentence of a draft: the thin adapter between the draft's JSON shape and the
/// <see cref="Verifier"/>, which knows nothing of drafts. A sentence may also rest on the knowledge-base facts it
/// lists; their texts join the sources for that sentence. The headline is verified too, against the sources alone
/// (it cites no facts): a headline is a claim like any other.</summary>
public static class DraftVerification
{
    public static VerifiedDraft Verify(Verifier verifier, Draft draft, IReadOnlyList<VerificationSource> sources)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(draft);
        var headline = verifier.Verify(draft.Headline, sources);
        var verdicts = new List<SentenceVerdict>();
        var sections = new List<DraftSection>(draft.Sections.Count);
        foreach (var section in draft.Sections)
        {
            var sentences = new List<DraftSentence>(section.Sentences.Count);
            foreach (var sentence in section.Sentences)
            {
                var own = sentence.Facts.Count == 0 ? sources : [.. sources, .. sentence.Facts.Select(f => verifier.PrepareFact(f.Id, f.Text))];
                var verdict = verifier.Verify(sentence.Text, own, sentence.Sources);
                verdicts.Add(verdict);
                sentences.Add(sentence with { Verdict = verdict.Verdict, Reasons = [.. verdict.Reasons.Select(r => r.ToString())] });
            }

            sections.Add(section with { Sentences = sentences });
        }

        var verified = draft with
        {
            HeadlineVerdict = headline.Verdict,
            HeadlineReasons = [.. headline.Reasons.Select(r => r.ToString())],
            Sections = sections,
        };
        return new VerifiedDraft(verified, headline, verdicts);
    }
}

/// <summary>A draft with its verdicts written in, the headline's verdict, and every sentence's verdict in draft order.</summary>
public sealed record VerifiedDraft(Draft Draft, SentenceVerdict Headline, IReadOnlyList<SentenceVerdict> Sentences)
{
    public bool AllSupported => Headline.Supported && Sentences.All(s => s.Supported);
}
