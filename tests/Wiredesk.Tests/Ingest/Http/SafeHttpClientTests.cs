using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Http;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest.Http;

/// <summary>Fetches against a real Kestrel server on 127.0.0.1.</summary>
public class SafeHttpClientTests
{
    private const string ETag = "\"v1\"";
    private static readonly DateTimeOffset LastModified = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Settings LocalAllowed = new() { AllowedPrivateHosts = ["127.0.0.1"], FetchTimeout = TimeSpan.FromSeconds(10) };

    private static Task<TestWebServer> StartServerAsync() => TestWebServer.StartAsync(app =>
    {
        app.MapGet("/feed", (HttpContext context) =>
        {
            if (context.Request.Headers.IfNoneMatch.ToString() == ETag)
            {
                return Results.StatusCode(304);
            }

            context.Response.Headers.ETag = ETag;
            context.Response.Headers.LastModified = LastModified.ToString("R");
            return Results.Text("<rss version=\"2.0\"><channel><title>t</title></channel></rss>", "application/rss+xml", Encoding.UTF8);
        });
        app.MapGet("/dated", (HttpContext context) =>
        {
            if (context.Request.GetTypedHeaders().IfModifiedSince is { } since && since >= LastModified)
            {
                return Results.StatusCode(304);
            }

            context.Response.Headers.LastModified = LastModified.ToString("R");
            return Results.Text("dated body", "text/plain");
        });
        app.MapGet("/latin1", () => Results.Bytes(Encoding.Latin1.GetBytes("caf\u00e9"), "text/plain; charset=iso-8859-1"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/hop/{n:int}", (int n) => n == 0 ? Results.Text("arrived", "text/plain") : Results.Redirect($"/hop/{n - 1}"));
        app.MapGet("/to-private", () => Results.Redirect("http://10.20.30.40/secret"));
        app.MapGet("/to-file", () => Results.Redirect("file:///etc/passwd"));
        app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            return Results.Text("too late");
        });
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/big-declared", () => Results.Bytes(new byte[2 * 1024 * 1024], "application/octet-stream"));
        app.MapGet("/big-streamed", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
            for (var i = 0; i < 32 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
    });

    [Fact]
    public async Task Conditional_get_with_etag_gives_not_modified()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed);

        var first = await client.FetchAsync(server.Url("/feed"), null, null, CancellationToken.None);
        Assert.Equal(200, first.Status);
        Assert.False(first.NotModified);
        Assert.Equal(ETag, first.ETag);
        Assert.Equal(LastModified.ToString("R"), first.LastModified);
        Assert.Equal("application/rss+xml", first.ContentType);
        Assert.Equal("utf-8", first.Charset);
        Assert.StartsWith("<rss", Encoding.UTF8.GetString(first.Bytes), StringComparison.Ordinal);

        var second = await client.FetchAsync(server.Url("/feed"), first.ETag, first.LastModified, CancellationToken.None);
        Assert.Equal(304, second.Status);
        Assert.True(second.NotModified);
        Assert.Empty(second.Bytes);
    }

    [Fact]
    public async Task Conditional_get_with_last_modified_gives_not_modified()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed);

        var first = await client.FetchAsync(server.Url("/dated"), null, null, CancellationToken.None);
        Assert.False(first.NotModified);
        Assert.Null(first.ETag);

        var second = await client.FetchAsync(server.Url("/dated"), null, first.LastModified, CancellationToken.None);
        Assert.True(second.NotModified);
    }

    [Fact]
    public async Task Charset_from_the_content_type_reaches_the_format_reader()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed);
        var fetched = await client.FetchAsync(server.Url("/latin1"), null, null, CancellationToken.None);
        Assert.Equal("iso-8859-1", fetched.Charset);
        Assert.Equal("café", TextDecoder.Decode(fetched.Bytes, fetched.Charset));
        Assert.Equal("text/plain; charset=iso-8859-1", fetched.ToRawInput().ContentType);
    }

    [Fact]
    public async Task Follows_a_few_redirects_to_the_final_url()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed);
        var fetched = await client.FetchAsync(server.Url("/hop/3"), null, null, CancellationToken.None);
        Assert.Equal("arrived", Encoding.UTF8.GetString(fetched.Bytes));
        Assert.Equal(server.Url("/hop/0"), fetched.FinalUrl);
    }

    [Fact]
    public async Task A_redirect_loop_is_refused_after_the_configured_number_of_hops()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed with { MaxRedirects = 3 });
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/loop"), null, null, CancellationToken.None));
        Assert.Equal("too many redirects (more than 3)", error.Message);

        var chain = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/hop/4"), null, null, CancellationToken.None));
        Assert.Equal("too many redirects (more than 3)", chain.Message);
    }

    [Fact]
    public async Task Each_redirect_hop_is_checked_again()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed);
        var toPrivate = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/to-private"), null, null, CancellationToken.None));
        Assert.Equal("points at a loopback or private address (10.20.30.40); refused unless the host is allowed in the settings", toPrivate.Message);
        var toFile = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/to-file"), null, null, CancellationToken.None));
        Assert.Equal("uses the scheme \"file\"; only http and https are fetched", toFile.Message);
    }

    [Fact]
    public async Task A_slow_server_times_out_with_the_configured_limit()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed with { FetchTimeout = TimeSpan.FromMilliseconds(300) });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/slow"), null, null, CancellationToken.None));
        Assert.Equal("timed out after 0.3s", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.FetchAsync(server.Url("/slow"), null, null, cancel.Token));
    }

    [Fact]
    public async Task Loopback_is_refused_by_default()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(new Settings());
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/feed"), null, null, CancellationToken.None));
        Assert.Equal("points at a loopback or private address (127.0.0.1); refused unless the host is allowed in the settings", error.Message);

        var byName = new UriBuilder(server.Url("/feed")) { Host = "localhost" }.Uri;
        var named = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(byName, null, null, CancellationToken.None));
        Assert.StartsWith("points at a loopback or private address", named.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_is_allowed_when_configured()
    {
        await using var server = await StartServerAsync();
        using var byHost = new SafeHttpClient(new Settings { AllowedPrivateHosts = ["127.0.0.1"] });
        Assert.Equal(200, (await byHost.FetchAsync(server.Url("/feed"), null, null, CancellationToken.None)).Status);
        using var everything = new SafeHttpClient(new Settings { AllowPrivateNetworks = true });
        Assert.Equal(200, (await everything.FetchAsync(server.Url("/feed"), null, null, CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData("http://10.0.0.1/feed.xml", "10.0.0.1")]
    [InlineData("http://192.168.1.1/", "192.168.1.1")]
    [InlineData("http://172.16.5.4:8080/", "172.16.5.4")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    [InlineData("http://[::1]/", "::1")]
    [InlineData("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1")]
    [InlineData("http://0.0.0.0/", "0.0.0.0")]
    public async Task Private_address_literals_are_refused_before_connecting(string url, string address)
    {
        using var client = new SafeHttpClient(new Settings());
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(new Uri(url), null, null, CancellationToken.None));
        Assert.Equal($"points at a loopback or private address ({address}); refused unless the host is allowed in the settings", error.Message);
    }

    [Theory]
    [InlineData("ftp://example.org/feed.xml", "ftp")]
    [InlineData("file:///etc/passwd", "file")]
    public async Task Only_http_and_https_are_fetched(string url, string scheme)
    {
        using var client = new SafeHttpClient(new Settings());
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(new Uri(url), null, null, CancellationToken.None));
        Assert.Equal($"uses the scheme \"{scheme}\"; only http and https are fetched", error.Message);
    }

    [Fact]
    public async Task Error_statuses_are_refused_with_the_status()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed);
        var error = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/missing"), null, null, CancellationToken.None));
        Assert.Equal("answered HTTP 404 Not Found", error.Message);
    }

    [Fact]
    public async Task The_size_limit_holds_for_declared_and_streamed_bodies()
    {
        await using var server = await StartServerAsync();
        using var client = new SafeHttpClient(LocalAllowed with { MaxInputBytes = 1024 * 1024 });
        var declared = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/big-declared"), null, null, CancellationToken.None));
        Assert.Equal("is 2 MB, over the size limit of 1 MB", declared.Message);
        var streamed = await Assert.ThrowsAsync<InputRejectedException>(() => client.FetchAsync(server.Url("/big-streamed"), null, null, CancellationToken.None));
        Assert.Equal("is larger than the size limit of 1 MB", streamed.Message);
    }
}
