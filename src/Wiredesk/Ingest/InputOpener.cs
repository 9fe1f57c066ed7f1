using Wiredesk.Ingest.Http;

namespace Wiredesk.Ingest;

/// <summary>Turns what a user names (a file, a URL, standard input) into bytes, refusing oversize input before
/// reading it whole.</summary>
public static class InputOpener
{
    public static bool IsUrl(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public static async Task<RawInput> ReadFileAsync(string path, Settings settings, CancellationToken ct)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new InputRejectedException("no such file");
        }

        if (file.Length > settings.MaxInputBytes)
        {
            throw new InputRejectedException($"{file.Length:N0} bytes is over the {settings.MaxInputBytes:N0}-byte limit (--max-bytes)");
        }

        return new RawInput(path, await File.ReadAllBytesAsync(path, ct), ContentTypeFromExtension(path));
    }

    public static async Task<RawInput> ReadStreamAsync(string origin, Stream stream, Settings settings, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > settings.MaxInputBytes)
            {
                throw new InputRejectedException($"over the {settings.MaxInputBytes:N0}-byte limit (--max-bytes)");
            }

            buffer.Write(chunk, 0, read);
        }

        return new RawInput(origin, buffer.ToArray());
    }

    public static async Task<(RawInput Input, FetchResult Fetch)> FetchAsync(SafeHttpClient http, string url, CancellationToken ct)
    {
        var fetch = await http.FetchAsync(new Uri(url), null, null, ct);
        if (fetch.Status is < 200 or > 299)
        {
            throw new InputRejectedException($"HTTP {fetch.Status}");
        }

        var contentType = fetch.Charset is null ? fetch.ContentType : $"{fetch.ContentType}; charset={fetch.Charset}";
        return (new RawInput(url, fetch.Bytes, contentType), fetch);
    }

    /// <summary>A hint only: readers look at the content first.</summary>
    private static string? ContentTypeFromExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".txt" => "text/plain",
        ".md" or ".markdown" => "text/markdown",
        ".html" or ".htm" => "text/html",
        ".json" => "application/json",
        ".xml" or ".rss" => "application/rss+xml",
        ".atom" => "application/atom+xml",
        _ => null,
    };
}
