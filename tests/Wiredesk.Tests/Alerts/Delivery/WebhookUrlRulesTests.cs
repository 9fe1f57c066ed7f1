using Wiredesk.Alerts.Delivery;

namespace Wiredesk.Tests.Alerts.Delivery;

public class WebhookUrlRulesTests
{
    private static readonly WebhookSettings Strict = new();
    private static readonly WebhookSettings LoopbackAllowed = new() { AllowedPrivateHosts = ["127.0.0.1", "localhost"] };

    [Theory]
    [InlineData("https://hooks.example.org/wiredesk")]
    [InlineData("https://hooks.example.org:8443/a/b?c=d")]
    [InlineData("https://203.0.114.7/hook")]
    public void Public_https_endpoints_are_accepted(string url) =>
        Assert.Null(WebhookUrlRules.CheckShape(url, Strict));

    [Theory]
    [InlineData("", "give the URL")]
    [InlineData("   ", "give the URL")]
    [InlineData("hooks.example.org/x", "absolute https://")]
    [InlineData("ftp://hooks.example.org/x", "absolute https://")]
    [InlineData("javascript:alert(1)", "absolute https://")]
    [InlineData("http://hooks.example.org/x", "must use https://")]
    [InlineData("https://user:secret@hooks.example.org/x", "no user name or password")]
    [InlineData("https://hooks.example.org/x#part", "#fragment")]
    public void Malformed_and_plain_http_urls_are_refused_with_a_reason(string url, string reason) =>
        Assert.Contains(reason, WebhookUrlRules.CheckShape(url, Strict), StringComparison.Ordinal);

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.8.9.10/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.20.0.5/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    public void Loopback_and_private_addresses_are_refused_with_a_clear_message(string url)
    {
        var message = WebhookUrlRules.CheckShape(url, Strict);
        Assert.NotNull(message);
        Assert.Contains("loopback or private address; webhooks may only reach public addresses", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5055/hook", null)]
    [InlineData("https://127.0.0.1:5055/hook", null)]
    [InlineData("http://localhost:5055/hook", null)]
    [InlineData("http://127.0.0.2:5055/hook", "must use https://")]
    [InlineData("https://10.0.0.5/hook", "loopback or private address")]
    public void A_loopback_host_the_operator_allows_may_be_used_even_over_http(string url, string? reason)
    {
        var message = WebhookUrlRules.CheckShape(url, LoopbackAllowed);
        if (reason is null)
        {
            Assert.Null(message);
        }
        else
        {
            Assert.Contains(reason, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_allowed_private_host_that_is_not_loopback_still_needs_https()
    {
        var settings = new WebhookSettings { AllowedPrivateHosts = ["10.0.0.5"] };
        Assert.Null(WebhookUrlRules.CheckShape("https://10.0.0.5/hook", settings));
        Assert.Contains("must use https://", WebhookUrlRules.CheckShape("http://10.0.0.5/hook", settings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_that_resolves_only_to_loopback_is_refused_at_registration()
    {
        var message = await WebhookUrlRules.CheckAsync("https://localhost./hook", Strict);
        Assert.Contains("loopback or private address", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sender_checks_the_url_again_before_every_attempt()
    {
        using var sender = new WebhookSender(new WebhookSettings { AttemptTimeoutSeconds = 2 });
        var outcome = await sender.PostAsync(new Uri("http://127.0.0.1:9/hook"), "{}", "t=1,v1=00", "k", default);
        Assert.False(outcome.Delivered);
        Assert.Null(outcome.Status);
        Assert.Contains("must use https://", outcome.Error, StringComparison.Ordinal);
    }
}
