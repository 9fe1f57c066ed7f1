using System.Net;
using System.Net.Sockets;
using Wiredesk.Ingest.Http;

namespace Wiredesk.Alerts.Delivery;

/// <summary>Which URLs a webhook may have: https, no credentials, and no loopback or private address unless the
/// operator named the host (<see cref="WebhookSettings.AllowedPrivateHosts"/>); plain http only for such an allowed
/// loopback host (tests). Checked at registration for a clear message; the sender checks the address again when it
/// connects, which is what stops a name that resolves elsewhere later (DNS rebinding).</summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2000;

    /// <summary>Null when the URL is acceptable, else a message for the reader.</summary>
    public static async Task<string?> CheckAsync(string? url, WebhookSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (CheckShape(url, settings) is { } problem)
        {
            return problem;
        }

        var uri = new Uri(url!);
        var host = HostOf(uri);
        if (MayBePrivate(host, settings) || IPAddress.TryParse(host, out _))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, ct);
        }
        catch (SocketException)
        {
            // Not resolvable now (or offline): the connect-time check still guards every attempt.
            return null;
        }

        return addresses.Length > 0 && addresses.All(NetworkAddressPolicy.IsPrivate)
            ? $"{host} resolves to a loopback or private address ({addresses[0]}); webhooks may only reach public addresses"
            : null;
    }

    /// <summary>The checks that need no name resolution.</summary>
    public static string? CheckShape(string? url, WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(url))
        {
            return "give the URL of your endpoint (https://...)";
        }

        if (url.Length > MaxLength)
        {
            return $"the URL is longer than {MaxLength} characters";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "the URL must be an absolute https:// address";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "put no user name or password in the URL: every call is signed with the webhook's secret instead";
        }

        if (uri.Fragment.Length > 0)
        {
            return "the URL must not have a #fragment";
        }

        var host = HostOf(uri);
        var allowed = MayBePrivate(host, settings);
        if (uri.Scheme == Uri.UriSchemeHttp && !(allowed && IsLoopbackName(host)))
        {
            return "the URL must use https:// (plain http is accepted only for a loopback host the operator allows)";
        }

        if (!allowed && (IsLoopbackName(host) || (IPAddress.TryParse(host, out var ip) && NetworkAddressPolicy.IsPrivate(ip))))
        {
            return $"{host} is a loopback or private address; webhooks may only reach public addresses";
        }

        return null;
    }

    /// <summary>The operator allowed this host to be private (names and literal addresses, compared without case).</summary>
    public static bool MayBePrivate(string host, WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.AllowedPrivateHosts.Any(h => string.Equals(Normalise(h), Normalise(host), StringComparison.OrdinalIgnoreCase));
    }

    public static string HostOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Normalise(uri.Host);
    }

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static string Normalise(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
}
