using System.Net.Http.Headers;
using System.Text;
using Wiredesk.Ingest.Http;

namespace Wiredesk.Alerts.Delivery;

/// <summary>What one attempt came to: delivered (2xx), or the status and a one-line reason.</summary>
public sealed record AttemptOutcome(bool Delivered, int? Status, string? Error);

/// <summary>Posts signed payloads to webhook URLs. Like the ingest's SafeHttpClient it checks the address when the
/// socket connects (defeating DNS rebinding), uses no proxy, and follows no redirects (a 3xx is a failure: a redirect
/// could point anywhere, and re-posting a body elsewhere is not what the owner registered).</summary>
public sealed class WebhookSender : IDisposable
{
    public const string IdempotencyHeader = "Idempotency-Key";

    private readonly WebhookSettings _settings;
    private readonly HttpClient _client;

    public WebhookSender(WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = settings.AttemptTimeout,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Wiredesk-Webhooks", "1"));
    }

    /// <summary>POSTs <paramref name="body"/> (JSON) with its signature and idempotency key, within the attempt
    /// timeout. Never throws for a failed attempt: the outcome says what happened.</summary>
    public async Task<AttemptOutcome> PostAsync(Uri url, string body, string signature, string idempotencyKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (WebhookUrlRules.CheckShape(url.ToString(), _settings) is { } refused)
        {
            return new AttemptOutcome(false, null, refused);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.AttemptTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, signature);
            request.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new AttemptOutcome(true, status, null)
                : new AttemptOutcome(false, status, $"answered HTTP {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, $"timed out after {_settings.AttemptTimeout.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refusal)
        {
            return new AttemptOutcome(false, null, refusal.Message);
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(false, null, $"could not connect: {e.HttpRequestError} ({(e.InnerException ?? e).Message})");
        }
        catch (IOException e)
        {
            return new AttemptOutcome(false, null, $"the connection broke ({e.Message})");
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The address check runs on the addresses the name resolves to now, the ones the socket then uses.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = NetworkAddressPolicy.NormaliseHost(context.DnsEndPoint.Host);
        var (addresses, allowed) = await NetworkAddressPolicy.ResolveAsync(host, WebhookUrlRules.MayBePrivate(host, _settings), ct);
        if (allowed.Length == 0)
        {
            throw new AddressRefusedException(addresses.Length == 0
                ? $"host {host} has no address"
                : $"{host} points at a loopback or private address ({addresses[0]}); refused unless the operator allows the host");
        }

        return await NetworkAddressPolicy.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
    }

    private static AddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private sealed class AddressRefusedException(string message) : Exception(message);
}
