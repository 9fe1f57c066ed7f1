using System.Text;
using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Reader;

/// <summary>The main content of the search page: the form, the results with their matched words marked, and the
/// pager, as one string of HTML. <see cref="SearchPage"/> renders it inside the layout for a signed-in reader, and a
/// signed-out reader gets it written around the layout rendered once (<see cref="AnonymousPages.Layout"/>), so
/// both see the same markup without Razor building a component tree per result for every new query. Every value
/// from a reader or a report goes through the HTML encoder; only the tags written here are markup.</summary>
public static class SearchResults
{
    public static string Title(string query) => query.Length > 0 ? $"Search: {query}" : "Search";

    public static string Html(string query, IReadOnlyList<SearchHit> hits, int pageNumber, bool hasMore)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(hits);
        var html = new StringBuilder(1024 + (hits.Count * 900));
        html.Append("<section class=\"search\"><h1>Search</h1>")
            .Append("<form method=\"get\" action=\"/search\" class=\"search-form\" role=\"search\">")
            .Append("<input type=\"search\" name=\"q\" value=\"").Append(Encode(query))
            .Append("\" placeholder=\"Company, ticker, person, place or any word\" aria-label=\"Search stories\" autofocus />")
            .Append("<button type=\"submit\" class=\"primary\">Search</button></form>");
        if (query.Length > 0)
        {
            if (hits.Count == 0)
            {
                html.Append("<p class=\"empty\">No published story matches “").Append(Encode(query)).Append("”.</p>");
            }
            else
            {
                Results(html, query, hits, pageNumber, hasMore);
            }
        }

        return html.Append("</section>").ToString();
    }

    private static void Results(StringBuilder html, string query, IReadOnlyList<SearchHit> hits, int pageNumber, bool hasMore)
    {
        html.Append("<ol class=\"results\">");
        foreach (var hit in hits)
        {
            html.Append("<li><h2><a href=\"").Append(Encode(hit.Path)).Append("\">");
            Marked(html, hit.Headline);
            html.Append("</a></h2><p class=\"snippet\">");
            Marked(html, hit.Snippet);
            html.Append("</p><p class=\"card-meta\"><time datetime=\"").Append(Encode(Dates.Iso(hit.FirstPublishedAt))).Append("\">")
                .Append(Encode(Dates.Long(hit.FirstPublishedAt))).Append("</time>");
            foreach (var ticker in hit.Tickers.Take(4))
            {
                html.Append("\n<a class=\"tag tag-").Append(Encode(ticker.Kind)).Append("\" href=\"/").Append(Encode(Feeds.TagPath(ticker))).Append("\">")
                    .Append(Encode(ticker.Name)).Append("</a>");
            }

            html.Append("</p></li>");
        }

        html.Append("</ol><nav class=\"pager\">");
        var q = Uri.EscapeDataString(query);
        if (pageNumber > 1)
        {
            html.Append("<a href=\"").Append(Encode($"/search?q={q}&page={pageNumber - 1}")).Append("\">← Previous</a>");
        }

        if (hasMore)
        {
            html.Append("<a href=\"").Append(Encode($"/search?q={q}&page={pageNumber + 1}")).Append("\">More results →</a>");
        }

        html.Append("</nav>");
    }

    /// <summary>Each part encoded; only the marked ones wrapped in &lt;mark&gt;.</summary>
    private static void Marked(StringBuilder html, MarkedText text)
    {
        foreach (var part in text.Parts)
        {
            if (part.Marked)
            {
                html.Append("<mark>").Append(Encode(part.Text)).Append("</mark>");
            }
            else
            {
                html.Append(Encode(part.Text));
            }
        }
    }

    private static string Encode(string value) => StoryPageBody.Encode(value);
}
