using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wiredesk.Tests.Support;

/// <summary>A webhook receiver as an integrator would run one: Kestrel on 127.0.0.1 and a free port. It checks each
/// call's signature itself (HMAC-SHA256 over "{t}.{body}", written here from the documented format, not with the
/// server's code) and records every call. <see cref="Respond"/> decides each answer, by call number from 1: a status,
/// or a delay first (a slow or hanging receiver).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The endpoint to register (path /hook).</summary>
    public Uri Url { get; }

    /// <summary>The webhook's secret, set once the server has shown it.</summary>
    public string Secret { get; set; } = "";

    /// <summary>What to answer to call n (from 1); 200 at once by default.</summary>
    public Func<int, (int Status, TimeSpan Delay)> Respond { get; set; } = _ => (200, TimeSpan.Zero);

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) => await receiver!.HandleAsync(http));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(new Uri(address), "/hook"));
        return receiver;
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the calls so far.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<ReceivedCall>, bool> condition, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition([.. Calls]))
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"the receiver saw {Calls.Count} calls in {timeout.TotalSeconds:0} s, not what the test waited for");
            }

            await Task.Delay(20);
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var number = Interlocked.Increment(ref _calls);
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var signature = http.Request.Headers["Wiredesk-Signature"].ToString();
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var (status, delay) = Respond(number);
        Calls.Enqueue(new ReceivedCall(number, body, key, signature, SignatureHolds(signature, body), status, delay));
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        // Written directly: a lambda returning an IResult would bind as a RequestDelegate and always answer 200.
        http.Response.StatusCode = status;
    }

    /// <summary>The receiver's own check: t within five minutes, v1 = hex HMAC-SHA256(secret, "{t}.{body}").</summary>
    private bool SignatureHolds(string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var t) || !parts.TryGetValue("v1", out var v1)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(t, CultureInfo.InvariantCulture)) > 300)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes(t + "." + body)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One call the receiver got: its number, body, idempotency key, signature (and whether it held), and what it
/// was answered.</summary>
public sealed record ReceivedCall(int Number, string Body, string IdempotencyKey, string Signature, bool SignatureValid, int Answered, TimeSpan Delay)
{
    /// <summary>When the call's body had been read (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long ReceivedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
