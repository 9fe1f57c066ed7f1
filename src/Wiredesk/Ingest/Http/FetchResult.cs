namespace Wiredesk.Ingest.Http;

/// <summary>The outcome of one conditional GET. On 304, Bytes is empty and NotModified is true.</summary>
public sealed record FetchResult(
    int Status,
    bool NotModified,
    byte[] Bytes,
    string? ContentType,
    string? Charset,
    string? ETag,
    string? LastModified,
    Uri FinalUrl)
{
    /// <summary>The body as an input for <see cref="Formats.FormatReader"/>, named after the URL it came from.</summary>
    public RawInput ToRawInput() =>
        new(FinalUrl.ToString(), Bytes, Charset is null ? ContentType : $"{ContentType ?? "application/octet-stream"}; charset={Charset}");
}
