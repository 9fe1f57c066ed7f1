using System.Xml;

namespace Wiredesk.Ingest.Formats;

/// <summary>The gate every XML document passes before any other parser sees it. DTDs are prohibited and no
/// resolver is set, so external entities (XXE) and entity-expansion bombs fail here at once; feed libraries are
/// not trusted to refuse them (CodeHollow.FeedReader parses DTDs).</summary>
internal static class SafeXml
{
    /// <summary>Reads the whole document and returns the local name and namespace of its root element.</summary>
    public static (string LocalName, string Namespace) CheckAndGetRoot(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            (string, string)? root = null;
            while (reader.Read())
            {
                if (root is null && reader.NodeType == XmlNodeType.Element)
                {
                    root = (reader.LocalName, reader.NamespaceURI);
                }
            }

            return root ?? throw new InputRejectedException("is XML without a root element");
        }
        // XmlReader reports a prohibited DOCTYPE with a message naming "DTD"; a DOCTYPE quoted inside CDATA is content and passes.
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new InputRejectedException("is XML with a DOCTYPE declaration; DTDs are refused because they allow external entities and entity-expansion bombs", e);
        }
        catch (XmlException e)
        {
            throw new InputRejectedException($"is malformed XML: {e.Message}", e);
        }
    }
}
