using System.Text;
using Wiredesk.Ingest;

namespace Wiredesk.Tests.Ingest;

public class TextDecoderTests
{
    private const string Sample = "Café prices rose “sharply” to €4.50 – a record";

    public static TheoryData<string, byte[], string?> EncodedSamples()
    {
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        return new()
        {
            { "UTF-8", Encoding.UTF8.GetBytes(Sample), null },
            { "UTF-8 with BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sample)], null },
            { "UTF-16 LE with BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Sample)], null },
            { "UTF-16 BE with BOM", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Sample)], null },
            { "Windows-1252 declared", cp1252.GetBytes(Sample), "windows-1252" },
            { "Windows-1252 declared as ISO-8859-1", cp1252.GetBytes(Sample), "iso-8859-1" },
            { "Windows-1252 undeclared", cp1252.GetBytes(Sample), null },
            { "Windows-1252 declared in quotes", cp1252.GetBytes(Sample), "\"Windows-1252\"" },
            { "UTF-8 declared but really Windows-1252", cp1252.GetBytes(Sample), "utf-8" },
            { "BOM wins over a wrong declaration", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Sample)], "windows-1252" },
            { "unknown declared charset falls back to detection", Encoding.UTF8.GetBytes(Sample), "x-no-such-charset" },
        };
    }

    [Theory]
    [MemberData(nameof(EncodedSamples))]
    public void Decodes_every_supported_encoding_to_the_same_text(string _, byte[] bytes, string? declared)
    {
        Assert.Equal(Sample, TextDecoder.Decode(bytes, declared));
    }

    [Fact]
    public void Reads_the_encoding_an_XML_declaration_names()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>“Préface” 5€</title></rss>");
        Assert.Contains("<title>“Préface” 5€</title>", TextDecoder.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_encoding_an_HTML_meta_tag_names()
    {
        // 0xE9 0xE8 would be Cyrillic in windows-1251: only the meta tag can say so.
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1251)!.GetBytes("<html><head><meta charset=\"windows-1251\"></head><body>Привет</body></html>");
        Assert.Contains("Привет", TextDecoder.Decode(bytes, null), StringComparison.Ordinal);
    }

    [Fact]
    public void The_HTTP_charset_wins_over_the_document_declaration()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=\"windows-1251\"></head><body>Привет</body></html>");
        Assert.Contains("Привет", TextDecoder.Decode(bytes, "utf-8"), StringComparison.Ordinal);
    }

    [Fact]
    public void Normalises_line_endings()
    {
        Assert.Equal("one\ntwo\nthree", TextDecoder.Decode(Encoding.UTF8.GetBytes("one\r\ntwo\rthree"), null));
    }

    public static TheoryData<string, byte[], string> RejectedInputs() => new()
    {
        { "empty", [], "is empty (0 bytes)" },
        { "whitespace only", Encoding.UTF8.GetBytes(" \n\t \r\n "), "is empty (only whitespace)" },
        { "BOM only", [0xEF, 0xBB, 0xBF], "is empty (only whitespace)" },
        { "NUL bytes", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0D, 0x0A], "contains NUL bytes" },
        { "control characters", Enumerable.Repeat(Encoding.ASCII.GetBytes("ab\u0001\u0002\u0003\u0004"), 50).SelectMany(b => b).ToArray(), "control characters" },
        { "byte undefined in Windows-1252", [.. Encoding.ASCII.GetBytes("Title\n\nText "), 0xC3, 0x28, 0x81], "is not valid UTF-8 and not Windows-1252 text either (byte 0x81" },
        { "mostly high bytes", [.. Encoding.ASCII.GetBytes("ab"), .. Enumerable.Range(0xA0, 60).Select(i => (byte)i)], "too many of its bytes are non-ASCII" },
        { "invalid UTF-8 after a UTF-8 BOM", [0xEF, 0xBB, 0xBF, 0x41, 0xC3, 0x28], "UTF-8 byte-order mark but is not valid UTF-8" },
        { "odd-length UTF-16", [0xFF, 0xFE, 0x41, 0x00, 0x42], "odd number of bytes" },
        { "UTF-16 that decodes to NULs", [0xFF, 0xFE, 0x00, 0x00, 0x41, 0x00], "NUL characters" },
    };

    [Theory]
    [MemberData(nameof(RejectedInputs))]
    public void Rejects_what_is_not_text_with_a_clear_reason(string _, byte[] bytes, string expectedMessage)
    {
        var error = Assert.Throws<InputRejectedException>(() => TextDecoder.Decode(bytes, null));
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }
}
