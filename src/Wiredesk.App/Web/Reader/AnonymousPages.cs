using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Wiredesk.App.Web.Shared;
using Wiredesk.Publishing;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Reader;

/// <summary>Pages for a reader who is not signed in, written as bytes around the layout, which Razor renders once per
/// process (<see cref="Layout"/>), not once per request.
/// <para>A live story's page: the layout, the page body stored at publication, the visible comments and the sign-in
/// prompt. The same bytes <see cref="StoryPage"/> renders for such a reader (golden tests compare both with the
/// all-Razor page of before). Signed-in viewers, a killed story and a refused comment still go through
/// <see cref="StoryPage"/>.</para>
/// <para>The search page: the layout around <see cref="SearchResults"/>, the same markup <see cref="SearchPage"/>
/// renders (a test compares both).</para></summary>
public sealed class AnonymousPages(IServiceProvider services, ILoggerFactory logging)
{
    private readonly Lazy<Task<Layout>> _storyLayout = new(() => Layout.RenderAsync(services, logging, "story-page"));
    private readonly Lazy<Task<Layout>> _searchLayout = new(() => Layout.RenderAsync(services, logging, "search-page"));

    public async Task<IResult> StoryAsync(HttpContext http, ArticlePage story, IReadOnlyList<Comment> comments)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(comments);
        var layout = await _storyLayout.Value;
        return new Result(layout, story, comments, http.Request.Path + http.Request.QueryString);
    }

    public async Task<IResult> SearchAsync(HttpContext http, string query, IReadOnlyList<SearchHit> hits, int pageNumber, bool hasMore)
    {
        ArgumentNullException.ThrowIfNull(http);
        var layout = await _searchLayout.Value;
        return new MainResult(layout, SearchResults.Title(query), http.Request.Path + http.Request.QueryString, SearchResults.Html(query, hits, pageNumber, hasMore));
    }

    /// <summary>What follows the stored body: the comments section of StoryPage.razor as an anonymous reader sees it
    /// (visible comments only, no forms), and the end of the story's article element.</summary>
    public static string Comments(ArticlePage story, IReadOnlyList<Comment> comments)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(comments);
        var html = new StringBuilder(256 + (comments.Count * 400));
        html.Append("<section class=\"comments\" id=\"comments\"><h2>Comments <span class=\"count\">")
            .Append(comments.Count(c => !c.IsHidden)).Append("</span></h2>");
        if (comments.Count == 0)
        {
            html.Append("<p class=\"empty\">No comments yet.</p>");
        }

        foreach (var comment in comments.Where(c => !c.IsHidden))
        {
            html.Append("<article class=\"comment\" id=\"comment-").Append(comment.Id).Append("\"><header><strong class=\"author\">")
                .Append(StoryPageBody.Encode(comment.AuthorName)).Append("</strong>\n                            <time datetime=\"")
                .Append(StoryPageBody.Encode(Dates.Iso(comment.CreatedAt))).Append("\">").Append(StoryPageBody.Encode(Dates.Long(comment.CreatedAt)))
                .Append("</time></header>\n                        <p class=\"comment-text\">").Append(StoryPageBody.Encode(comment.Text)).Append("</p></article>");
        }

        html.Append("<p class=\"sign-in-prompt\"><a href=\"").Append(StoryPageBody.Encode("/account/sign-in?returnUrl=" + Uri.EscapeDataString(story.Path + "#comments")))
            .Append("\">Sign in</a> to comment.</p></section></article>");
        return html.ToString();
    }

    private sealed class Result(Layout layout, ArticlePage story, IReadOnlyList<Comment> comments, string path) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var title = StoryPageBody.Encode(story.Headline);
            var signIn = StoryPageBody.Encode(Uri.EscapeDataString(path));
            var tail = Comments(story, comments);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength = layout.Length + Encoding.UTF8.GetByteCount(title) + Encoding.UTF8.GetByteCount(signIn)
                + Layout.ArticleStart.Length + story.Body.Length + Encoding.UTF8.GetByteCount(tail);
            var writer = response.BodyWriter;
            layout.Write(writer, title, signIn, story.Body.Span, tail);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }

    /// <summary>A page of the same layout whose main content is one string of HTML (already encoded): the search
    /// results for a signed-out reader.</summary>
    private sealed class MainResult(Layout layout, string title, string signInPath, string main) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var response = httpContext.Response;
            var encodedTitle = StoryPageBody.Encode(title);
            var signIn = StoryPageBody.Encode(Uri.EscapeDataString(signInPath));
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/html; charset=utf-8";
            response.ContentLength = layout.Length + Encoding.UTF8.GetByteCount(encodedTitle) + Encoding.UTF8.GetByteCount(signIn) + Encoding.UTF8.GetByteCount(main);
            var writer = response.BodyWriter;
            layout.Write(writer, encodedTitle, signIn, main);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }

    /// <summary>Shared/PageLayout.razor as Razor renders it for a reader who is not signed in, cut at its three
    /// per-page values: the title, the return path of the sign-in link, and the main content. Rendered once with
    /// placeholders that every encoding leaves as they are, so each part is exactly what Razor writes.</summary>
    public sealed class Layout
    {
        public static readonly byte[] ArticleStart = "<article class=\"story\">"u8.ToArray();

        private const string TitleSlot = "wiredesklayouttitleslot";
        private const string PathSlot = "wiredesklayoutpathslot";
        private const string MainSlot = "wiredesklayoutmainslot";

        private readonly byte[] _beforeTitle;
        private readonly byte[] _beforePath;
        private readonly byte[] _beforeMain;
        private readonly byte[] _afterMain;

        private Layout(string html)
        {
            var title = Single(html, TitleSlot);
            var path = Single(html, PathSlot);
            var main = Single(html, MainSlot);
            if (!(title < path && path < main))
            {
                throw new InvalidOperationException("the page layout no longer has its title, sign-in link and main content in that order");
            }

            _beforeTitle = Encoding.UTF8.GetBytes(html[..title]);
            _beforePath = Encoding.UTF8.GetBytes(html[(title + TitleSlot.Length)..path]);
            _beforeMain = Encoding.UTF8.GetBytes(html[(path + PathSlot.Length)..main]);
            _afterMain = Encoding.UTF8.GetBytes(html[(main + MainSlot.Length)..]);
        }

        /// <summary>Bytes of the layout itself, without the three values.</summary>
        public int Length => _beforeTitle.Length + _beforePath.Length + _beforeMain.Length + _afterMain.Length;

        public static async Task<Layout> RenderAsync(IServiceProvider services, ILoggerFactory logging, string bodyClass)
        {
            await using var renderer = new HtmlRenderer(services, logging);
            var html = await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<PageLayout>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(PageLayout.Page)] = new PageContext(null, "", "", PathSlot),
                    [nameof(PageLayout.Title)] = TitleSlot,
                    [nameof(PageLayout.BodyClass)] = bodyClass,
                    [nameof(PageLayout.ChildContent)] = (RenderFragment)(b => b.AddMarkupContent(0, MainSlot)),
                }));
                return output.ToHtmlString();
            });
            return new Layout(html);
        }

        public void Write(IBufferWriter<byte> writer, string title, string signInPath, ReadOnlySpan<byte> body, string tail)
        {
            writer.Write(_beforeTitle);
            Encoding.UTF8.GetBytes(title, writer);
            writer.Write(_beforePath);
            Encoding.UTF8.GetBytes(signInPath, writer);
            writer.Write(_beforeMain);
            writer.Write(ArticleStart);
            writer.Write(body);
            Encoding.UTF8.GetBytes(tail, writer);
            writer.Write(_afterMain);
        }

        public void Write(IBufferWriter<byte> writer, string title, string signInPath, string main)
        {
            writer.Write(_beforeTitle);
            Encoding.UTF8.GetBytes(title, writer);
            writer.Write(_beforePath);
            Encoding.UTF8.GetBytes(signInPath, writer);
            writer.Write(_beforeMain);
            Encoding.UTF8.GetBytes(main, writer);
            writer.Write(_afterMain);
        }

        private static int Single(string html, string slot)
        {
            var at = html.IndexOf(slot, StringComparison.Ordinal);
            if (at < 0 || html.IndexOf(slot, at + slot.Length, StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"the page layout shows {slot} {(at < 0 ? "nowhere" : "twice")}");
            }

            return at;
        }
    }
}
