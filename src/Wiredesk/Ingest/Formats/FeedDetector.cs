namespace Wiredesk.Ingest.Formats;

/// <summary>Tells whether fetched content is a feed, which `ingest URL` then remembers as a polled source.
/// A page or a single document is ingested once and not polled.</summary>
public static class FeedDetector
{
    public static bool IsFeed(RawInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string head;
        try
        {
            head = TextDecoder.Decode(input.Bytes.AsSpan(0, Math.Min(input.Bytes.Length, 2048)).ToArray(), null);
        }
        catch (InputRejectedException)
        {
            return false;
        }

        return head.Contains("<rss", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<rdf:RDF", StringComparison.OrdinalIgnoreCase)
            || (head.Contains("<feed", StringComparison.OrdinalIgnoreCase) && head.Contains("http://www.w3.org/2005/Atom", StringComparison.Ordinal))
            || head.Contains("jsonfeed.org/version", StringComparison.OrdinalIgnoreCase);
    }
}
