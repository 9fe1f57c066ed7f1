using System.Text;
using System.Text.RegularExpressions;

namespace Wiredesk.Ingest;

/// <summary>Turns the bytes of an input into text. Order of authority: a byte-order mark, then the charset the
/// caller declares (HTTP Content-Type), then a declaration inside the document (XML encoding, HTML meta charset),
/// then detection: valid UTF-8 is UTF-8, anything else that still looks like text is Windows-1252
/// (docs/decisions.md, "Encodings").</summary>
public static partial class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TextDecoder()
    {
        // Registration must come before the first lookup: a static property initializer would run before this
        // body and find no code pages.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>Windows-1252, the encoding WHATWG maps "iso-8859-1" and "us-ascii" labels to.</summary>
    internal static Encoding Windows1252 { get; }

    public static string Decode(byte[] bytes, string? declaredCharset)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new InputRejectedException("is empty (0 bytes)");
        }

        var text = DecodeWithoutChecks(bytes, declaredCharset);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InputRejectedException("is empty (only whitespace)");
        }

        RejectIfBinary(text);
        return text.Contains('\r') ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;
    }

    private static string DecodeWithoutChecks(byte[] bytes, string? declaredCharset)
    {
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            return DecodeUtf8OrReject(bytes.AsSpan(3));
        }

        if (bytes is [0xFF, 0xFE, ..])
        {
            return DecodeUtf16(bytes, 2, Encoding.Unicode);
        }

        if (bytes is [0xFE, 0xFF, ..])
        {
            return DecodeUtf16(bytes, 2, Encoding.BigEndianUnicode);
        }

        // UTF-16 without a BOM is read only when the caller declares it (an HTTP charset); in-document labels
        // cannot be read before the encoding is known.
        if (EncodingFromLabel(declaredCharset) is { CodePage: 1200 or 1201 } utf16)
        {
            return DecodeUtf16(bytes, 0, utf16);
        }

        // A NUL byte never occurs in single-byte or UTF-8 text; without a BOM it means binary (or BOM-less UTF-16,
        // which is not accepted).
        if (bytes.AsSpan().Contains((byte)0))
        {
            throw new InputRejectedException("looks like a binary file (it contains NUL bytes), not text");
        }

        var encoding = EncodingFromLabel(declaredCharset) ?? EncodingFromLabel(SniffDeclaredCharset(bytes));
        if (encoding is not null && encoding.CodePage != Encoding.UTF8.CodePage)
        {
            return encoding.GetString(bytes);
        }

        // Declared UTF-8, or nothing declared: UTF-8 when valid, Windows-1252 when it still looks like text.
        return TryDecodeUtf8(bytes, out var utf8) ? utf8 : DecodeAsWindows1252OrReject(bytes);
    }

    private static string DecodeUtf8OrReject(ReadOnlySpan<byte> bytes)
    {
        if (TryDecodeUtf8(bytes, out var text))
        {
            return text;
        }

        throw new InputRejectedException("starts with a UTF-8 byte-order mark but is not valid UTF-8");
    }

    private static string DecodeUtf16(byte[] bytes, int offset, Encoding encoding)
    {
        if ((bytes.Length - offset) % 2 != 0)
        {
            throw new InputRejectedException("has a UTF-16 byte-order mark but an odd number of bytes");
        }

        return encoding.GetString(bytes, offset, bytes.Length - offset);
    }

    private static bool TryDecodeUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    /// <summary>Invalid UTF-8 is read as Windows-1252 only when it looks like text written in a Western single-byte
    /// encoding: few bytes above 0x7F and none of the five byte values Windows-1252 leaves undefined.</summary>
    private static string DecodeAsWindows1252OrReject(byte[] bytes)
    {
        var high = 0;
        foreach (var b in bytes)
        {
            if (b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D)
            {
                throw new InputRejectedException($"is not valid UTF-8 and not Windows-1252 text either (byte 0x{b:X2} is undefined there); declare its charset or convert it to UTF-8");
            }

            if (b >= 0x80)
            {
                high++;
            }
        }

        if (high > bytes.Length * 0.3)
        {
            throw new InputRejectedException("is not valid UTF-8 and too many of its bytes are non-ASCII to be Windows-1252 text; it looks binary");
        }

        return Windows1252.GetString(bytes);
    }

    private static void RejectIfBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 64 * 1024));
        var controls = 0;
        foreach (var c in sample)
        {
            if (c == '\0')
            {
                throw new InputRejectedException("looks like a binary file (it contains NUL characters), not text");
            }

            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                controls++;
            }
        }

        if (controls > 0 && controls * 100 > sample.Length)
        {
            throw new InputRejectedException($"looks like a binary file ({controls} control characters in the first {sample.Length}), not text");
        }
    }

    internal static Encoding? EncodingFromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return null;
        }

        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "windows-1252")
        {
            return Windows1252;
        }

        if (name is "utf8")
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            // Servers and pages name charsets .NET does not know; detection decides instead of failing the input.
            return null;
        }
    }

    /// <summary>The charset an XML declaration or an HTML meta tag names in the first 4 KB, read as ASCII.</summary>
    internal static string? SniffDeclaredCharset(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var xml = XmlEncodingDeclaration().Match(head);
        if (xml.Success)
        {
            return xml.Groups[1].Value;
        }

        var meta = HtmlMetaCharset().Match(head);
        return meta.Success ? meta.Groups[1].Value : null;
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")]
    private static partial Regex XmlEncodingDeclaration();

    [GeneratedRegex("""<meta\b[^>]*?\bcharset\s*=\s*["']?([A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlMetaCharset();
}
