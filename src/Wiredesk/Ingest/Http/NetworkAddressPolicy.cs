using System.Net;
using System.Net.Sockets;

namespace Wiredesk.Ingest.Http;

/// <summary>Which addresses a server-side fetch may connect to: public unicast only, unless the operator allows
/// private networks or names the host.</summary>
internal static class NetworkAddressPolicy
{
    /// <summary>A host name as URLs and sockets spell it, compared bare: no brackets, no trailing dot.</summary>
    public static string NormaliseHost(string host) => host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');

    /// <summary>What <paramref name="host"/> resolves to right now, and which of those addresses a connection may
    /// use (all when <paramref name="mayBePrivate"/>, else the public ones). The check and the connect must use the
    /// same resolution, or a name could rebind to 127.0.0.1 between them.</summary>
    public static async ValueTask<(IPAddress[] Resolved, IPAddress[] Allowed)> ResolveAsync(string host, bool mayBePrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        return (addresses, mayBePrivate ? addresses : [.. addresses.Where(a => !IsPrivate(a))]);
    }

    /// <summary>A TCP stream to the first of <paramref name="allowed"/> that answers.</summary>
    public static async ValueTask<Stream> ConnectAsync(IPAddress[] allowed, int port, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>True for loopback, private, link-local, carrier-grade NAT, unspecified, multicast and reserved
    /// addresses, including IPv4 addresses embedded in IPv6 (mapped, NAT64, 6to4).</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivate(address.MapToIPv4());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPrivateV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPrivateV6(address),
            _ => true,
        };
    }

    private static bool IsPrivateV4(byte[] b) => b[0] switch
    {
        0 or 10 or 127 => true,
        100 => b[1] is >= 64 and <= 127,
        169 => b[1] == 254,
        172 => b[1] is >= 16 and <= 31,
        192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
        198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
        203 => b[1] == 0 && b[2] == 113,
        >= 224 => true,
        _ => false,
    };

    private static bool IsPrivateV6(IPAddress address)
    {
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) || b[0] == 0xFF)
        {
            return true; // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
        {
            return IsPrivateV4(b[12..16]); // 64:ff9b::/96 NAT64
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPrivateV4(b[2..6]); // 2002::/16 6to4
        }

        // ::/96 IPv4-compatible (deprecated) addresses.
        return b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
    }
}
