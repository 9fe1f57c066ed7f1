using Wiredesk.Drafting;

namespace Wiredesk.Verification;

/// <summary>The verifier's judgement of one sentence: supported only when every check passed. Evidence lists the
/// source spans the sentence was aligned to (and where its quotes stand), so an editor can see what it rests on.</summary>
public sealed record SentenceVerdict(string Text, bool Supported, IReadOnlyList<VerificationReason> Reasons, IReadOnlyList<EvidenceSpan> Evidence)
{
    public string Verdict => Supported ? Verdicts.Supported : Verdicts.Unsupported;
}

/// <summary>Characters [Start, End) of a source's text, and the text itself.</summary>
public sealed record EvidenceSpan(string Report, int Start, int End, string Text);

/// <summary>Why a check failed: the check's name, the problem, and the offending words of the sentence.
/// Written as "check: problem: token" (docs/verification.md lists the vocabulary).</summary>
public sealed record VerificationReason(string Check, string Problem, string Token)
{
    public override string ToString() => $"{Check}: {Problem}: {Token}";
}
