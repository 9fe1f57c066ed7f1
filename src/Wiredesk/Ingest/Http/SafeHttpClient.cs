using System.Net;
using System.Net.Http.Headers;

namespace Wiredesk.Ingest.Http;

/// <summary>Fetches feeds and pages for the server without letting a URL reach the operator's own network: only
/// http and https, redirects followed by hand and each hop checked, a total time limit, a size limit enforced while
/// the body streams in, and addresses checked when the socket connects.</summary>
public sealed class SafeHttpClient : IDisposable
{
    private const int CopyBufferSize = 81920;

    private readonly Settings _settings;
    private readonly HttpClient _client;
    private readonly HashSet<string> _allowedPrivateHosts;

    public SafeHttpClient(Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _allowedPrivateHosts = new HashSet<string>(settings.AllowedPrivateHosts.Select(NetworkAddressPolicy.NormaliseHost), StringComparer.OrdinalIgnoreCase);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy from the environment would make the connect-time check see the proxy, not the target.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = settings.FetchTimeout,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Wiredesk", "0.1"));
        _client.DefaultRequestHeaders.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, text/html;q=0.9, application/xml;q=0.8, text/*;q=0.7, */*;q=0.5");
    }

    /// <summary>GETs <paramref name="url"/>, sending If-None-Match / If-Modified-Since when given. Every failure
    /// (refused address, redirect loop, timeout, HTTP error status, oversize body, network error) is an
    /// <see cref="InputRejectedException"/> with a one-line reason; no message contains credentials from the URL.</summary>
    public async Task<FetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_settings.FetchTimeout);
        try
        {
            return await FetchFollowingRedirectsAsync(url, etag, lastModified, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new InputRejectedException($"timed out after {_settings.FetchTimeout.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException e) when (FindRefusal(e) is { } refusal)
        {
            throw new InputRejectedException(refusal.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw new InputRejectedException($"could not be fetched: {e.HttpRequestError} ({FirstMessage(e)})", e);
        }
        catch (IOException e)
        {
            throw new InputRejectedException($"could not be fetched: the connection broke ({e.Message})", e);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<FetchResult> FetchFollowingRedirectsAsync(Uri url, string? etag, string? lastModified, CancellationToken ct)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            CheckScheme(current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (!string.IsNullOrEmpty(etag) && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (!string.IsNullOrEmpty(lastModified) && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                if (hop >= _settings.MaxRedirects)
                {
                    throw new InputRejectedException($"too many redirects (more than {_settings.MaxRedirects})");
                }

                current = location.IsAbsoluteUri ? location : new Uri(current, location);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new FetchResult(status, true, [], null, null, etag, lastModified, current);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InputRejectedException($"answered HTTP {status} {response.ReasonPhrase}".TrimEnd());
            }

            var bytes = await ReadLimitedAsync(response.Content, ct);
            var contentType = response.Content.Headers.ContentType;
            return new FetchResult(
                status,
                false,
                bytes,
                contentType?.MediaType,
                contentType?.CharSet,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"),
                current);
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        var limit = _settings.MaxInputBytes;
        if (content.Headers.ContentLength is { } length && length > limit)
        {
            throw new InputRejectedException($"is {Formats.FormatReader.Size(length)}, over the size limit of {Formats.FormatReader.Size(limit)}");
        }

        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[CopyBufferSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new InputRejectedException($"is larger than the size limit of {Formats.FormatReader.Size(limit)}");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void CheckScheme(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InputRejectedException($"uses the scheme \"{(url.IsAbsoluteUri ? url.Scheme : "relative")}\"; only http and https are fetched");
        }
    }

    /// <summary>Runs when a socket is about to connect, on the addresses the host name resolves to right now. Checking
    /// here rather than on the URL defeats DNS rebinding: a name that resolved to a public address during a check
    /// and to 127.0.0.1 a moment later still cannot reach loopback, because the check and the connect use the
    /// same resolution.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = NetworkAddressPolicy.NormaliseHost(context.DnsEndPoint.Host);
        var (addresses, allowed) = await NetworkAddressPolicy.ResolveAsync(host, _settings.AllowPrivateNetworks || _allowedPrivateHosts.Contains(host), ct);
        if (allowed.Length == 0)
        {
            throw new PrivateAddressRefusedException(addresses.Length == 0
                ? $"host {host} has no address"
                : $"points at a loopback or private address ({addresses[0]}); refused unless the host is allowed in the settings");
        }

        return await NetworkAddressPolicy.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
    }

    private static PrivateAddressRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PrivateAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    private static string FirstMessage(Exception e) => (e.InnerException ?? e).Message;

    private sealed class PrivateAddressRefusedException(string message) : Exception(message);
}
