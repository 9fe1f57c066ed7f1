using Wiredesk.Alerts.Delivery;

namespace Wiredesk.Tests.Alerts.Delivery;

public class WebhookSignatureTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1764320400);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private const string Body = """{"alertId":1}""";

    [Fact]
    public void The_header_is_the_timestamp_and_the_hmac_sha256_of_timestamp_dot_body()
    {
        // Expected value computed outside .NET (Python's hmac module) from the documented format.
        Assert.Equal("t=1764320400,v1=4144b1f52b31d24676c82a1eb84838219325a67b58248fe5193b56161250ea1b", WebhookSignature.Sign("whsec_test", At, Body));
    }

    [Theory]
    [InlineData("whsec_test", Body, 0, true)]
    [InlineData("whsec_test", Body, 299, true)]
    [InlineData("whsec_test", Body, -299, true)]
    [InlineData("whsec_test", Body, 301, false)]
    [InlineData("whsec_other", Body, 0, false)]
    [InlineData("whsec_test", """{"alertId":2}""", 0, false)]
    [InlineData("whsec_test", """{"alertId":1} """, 0, false)]
    public void Verify_accepts_only_the_right_secret_body_and_a_fresh_timestamp(string secret, string body, int secondsLater, bool valid)
    {
        var header = WebhookSignature.Sign("whsec_test", At, Body);
        Assert.Equal(valid, WebhookSignature.Verify(secret, header, body, At.AddSeconds(secondsLater), Tolerance));
    }

    [Theory]
    [InlineData("")]
    [InlineData("v1=4144b1f52b31d24676c82a1eb84838219325a67b58248fe5193b56161250ea1b")]
    [InlineData("t=1764320400")]
    [InlineData("t=abc,v1=4144b1f52b31d24676c82a1eb84838219325a67b58248fe5193b56161250ea1b")]
    [InlineData("t=1764320401,v1=4144b1f52b31d24676c82a1eb84838219325a67b58248fe5193b56161250ea1b")]
    [InlineData("t=1764320400,v1=4144B1F52B31D24676C82A1EB84838219325A67B58248FE5193B56161250EA1B")]
    public void Malformed_or_altered_headers_do_not_verify(string header) =>
        Assert.False(WebhookSignature.Verify("whsec_test", header, Body, At, Tolerance));

    [Fact]
    public void A_header_with_a_second_v1_signature_verifies_when_either_matches()
    {
        var header = "t=1764320400,v1=00,v1=4144b1f52b31d24676c82a1eb84838219325a67b58248fe5193b56161250ea1b";
        Assert.True(WebhookSignature.Verify("whsec_test", header, Body, At, Tolerance));
    }

    [Fact]
    public void Secrets_are_long_random_and_distinct()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => WebhookSignature.NewSecret()).ToList();
        Assert.All(secrets, s => Assert.Matches("^whsec_[0-9a-f]{64}$", s));
        Assert.Equal(50, secrets.Distinct().Count());
    }
}
