using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wiredesk.Alerts.Delivery;

/// <summary>Signs webhook payloads: <c>Wiredesk-Signature: t=UNIX,v1=HEX</c>, where HEX is the lower-case
/// HMAC-SHA256 of <c>"{t}.{body}"</c> (the body's exact bytes as UTF-8) keyed with the webhook's secret. The
/// timestamp is signed with the body, so a receiver that also refuses old timestamps cannot be fed a replayed
/// request. <see cref="Verify"/> is what a receiver does; it is written to be copied (README, "Webhooks").</summary>
public static class WebhookSignature
{
    public const string HeaderName = "Wiredesk-Signature";

    /// <summary>A new random secret: 32 bytes, hex, with a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Hex(secret, t, body)}";
    }

    /// <summary>True when <paramref name="header"/> carries a v1 signature of <paramref name="body"/> made with
    /// <paramref name="secret"/> and a timestamp no further than <paramref name="tolerance"/> from
    /// <paramref name="now"/>. Compares in constant time.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(header);
        string? t = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }

        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Hex(secret, t, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }

    private static string Hex(string secret, string t, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
}
