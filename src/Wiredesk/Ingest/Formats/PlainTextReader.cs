namespace Wiredesk.Ingest.Formats;

/// <summary>Plain text: the first line is the title when it is short enough to be one; otherwise the text has no
/// separate title line and the title is its first sentence.</summary>
internal static class PlainTextReader
{
    private const int MaxTitleLineLength = 200;

    public static ParsedReport Read(string text, string origin)
    {
        var trimmed = text.TrimStart();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var firstLine = (newline < 0 ? trimmed : trimmed[..newline]).Trim();
        var template = new ParsedReport { Title = "", Text = "", Url = UrlOf(origin) };
        if (firstLine.Length <= MaxTitleLineLength && newline >= 0 && !trimmed.AsSpan(newline + 1).IsWhiteSpace())
        {
            // The body is read in place: no copy of the rest of the text.
            return ReportAssembly.AssembleSingle(template, firstLine, trimmed, newline + 1);
        }

        return ReportAssembly.AssembleSingle(template, null, trimmed);
    }

    internal static string? UrlOf(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? origin : null;
}
