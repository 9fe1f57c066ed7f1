using Wiredesk.Analysis;
using Wiredesk.Analysis.KnowledgeBase;
using Wiredesk.Verification;
using Wiredesk.Verification.Checks;

namespace Wiredesk.Tests.Verification;

/// <summary>A short wire report written for these tests (not from the corpus), analysed once, and a verifier that
/// runs one chosen check, so each fixture sees only its own rule's verdict.</summary>
internal static class VerificationTestSource
{
    public const string Text =
        "SEOUL — North Korea fired two short-range ballistic missiles into the sea off its east coast on Thursday, South Korea's Joint Chiefs of Staff said. " +
        "The launch came a day after Pyongyang warned it would respond to joint drills by the United States and South Korea. " +
        "“We will never tolerate such provocations,” Defence Minister Shin Won-sik told reporters in Seoul. " +
        "Japan's Prime Minister Fumio Kishida said the missiles did not land in Japan's exclusive economic zone.\n\n" +
        "The Bank of Korea said on Friday the won fell 1.2 percent against the dollar, and the central bank cut its growth forecast by 0.3 percentage point to 2.1 percent. " +
        "Samsung Electronics shares rose 3% after the company reported a $1.2 billion quarterly profit. " +
        "Officials denied reports that the talks had collapsed. " +
        "The ministry is expected to announce new sanctions next week.";

    public static readonly DateTimeOffset Published = new(2024, 5, 30, 9, 0, 0, TimeSpan.Zero);

    public static readonly Analyzer Analyzer = new(KnowledgeBase.LoadDefault());

    public static readonly VerificationSource Source =
        VerificationSource.Create(Analyzer, "wire-1", Text, Published, "Example Wire Service", "North Korea fires missiles");

    public static SentenceVerdict Verify(IVerificationCheck check, string sentence) =>
        new Verifier(Analyzer, [check]).Verify(sentence, [Source]);

    /// <summary>Asserts the verdict, and for an unsupported one that a reason names the expected words.</summary>
    public static void AssertVerdict(SentenceVerdict verdict, bool supported, string? offending)
    {
        var reasons = string.Join(" | ", verdict.Reasons);
        Assert.True(verdict.Supported == supported, $"expected {(supported ? "supported" : "unsupported")}: {verdict.Text}\nreasons: {reasons}");
        if (!supported && offending is not null)
        {
            Assert.Contains(verdict.Reasons, r => r.Token.Contains(offending, StringComparison.Ordinal));
        }
    }
}
