using System.Net;
using System.Text.RegularExpressions;
using Wiredesk.Drafting;
using Wiredesk.Editorial;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Publishing;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web.Reader;

/// <summary>Story pages byte for byte. The golden files were written by the story page as it was before its body was
/// rendered at publication and stored (migration 012), all Razor at every request; the page must not change, for any
/// viewer: anonymous, a signed-in reader, an editor (hidden comments and moderation forms), a comment refused.</summary>
public partial class StoryPageTests
{
    private const string GoldenFolder = "tests/Wiredesk.Tests/Web/Reader/Golden";

    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_viewer_sees_the_story_page_exactly_as_before()
    {
        await using var server = await NewsroomServer.StartAsync();
        var stories = await SeedAsync(server);
        using var anonymous = server.Anonymous();
        await server.AddUserAsync("rita", Roles.Reader, displayName: "Rita <b>Reader</b>");
        await server.AddUserAsync("eddie", Roles.Editor, displayName: "Eddie Editor");
        using var reader = await server.SignInAsync("rita");
        using var editor = await server.SignInAsync("eddie");

        foreach (var (name, article) in stories)
        {
            // Twice: the second answer must be the same page.
            for (var i = 0; i < 2; i++)
            {
                await AssertPageAsync(anonymous, article.Path, $"{name}.anonymous.html");
                await AssertPageAsync(reader, article.Path, $"{name}.reader.html");
                await AssertPageAsync(editor, article.Path, $"{name}.editor.html");
            }
        }

        var refused = await NewsroomServer.PostFormAsync(reader, stories["rich"].Path, $"/stories/{stories["rich"].StoryId}/comments", new() { ["text"] = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Golden.AssertMatches($"{GoldenFolder}/rich.comment-refused.html", Normalise(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_store_from_before_stored_pages_shows_every_viewer_the_same_pages()
    {
        await using var server = await NewsroomServer.StartAsync();
        var stories = await SeedAsync(server);
        await using (var connection = await server.Composition.Database.ConnectAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM article_pages");
        }

        using var anonymous = server.Anonymous();
        await server.AddUserAsync("eddie", Roles.Editor, displayName: "Eddie Editor");
        using var editor = await server.SignInAsync("eddie");
        foreach (var (name, article) in stories)
        {
            await AssertPageAsync(editor, article.Path, $"{name}.editor.html");
            await AssertPageAsync(anonymous, article.Path, $"{name}.anonymous.html");
        }
    }

    /// <summary>Five stories: one with everything a page can show (image and credit, tags of every kind, sources with
    /// and without a web address, hostile markup and non-ASCII text, a visible and a hidden comment); a corrected one
    /// (note, "Updated", version history); a killed one; and an older draft (credit line as its last sentence, a lede
    /// section, no sources, a javascript: source address).</summary>
    internal static async Task<Dictionary<string, Article>> SeedAsync(NewsroomServer server)
    {
        var database = server.Composition.Database;
        var pipeline = server.Composition.Pipeline;
        var (appleReport, appleStory) = await PublishingKit.IngestAsync(pipeline, ReaderTests.AppleTitle, ReaderTests.AppleBody,
            "https://images.example.com/plant.jpg?size=large&crop=1", "Image via Example Photos <i>“Ltd”</i>", database);
        var report = appleReport.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rich = await PublishingKit.PublishAsync(database, appleStory, new Draft
        {
            Headline = "Apple plans <script>alert('x')</script> factory — “Seoul” & Gyeonggi-do",
            Sections =
            [
                new DraftSection { Title = "What Happened", Sentences = [Sentence("Apple Inc. will build a factory in South Korea, Tim Cook said.", report), Sentence("The <img src=x onerror=alert(1)> plant opens in 2027 — “next year”.", report)] },
                new DraftSection { Title = "Why It Matters", Sentences = [Sentence("Apple shares rose 2% & analysts cheered.", report)] },
                new DraftSection { Title = "Empty", Sentences = [] },
            ],
            Sources =
            [
                new DraftSource { Report = report, Title = "Apple to build <factory>", Source = "Test Wire", Url = "https://wire.example.com/apple?a=1&b=2", Published = Noon.AddHours(-3) },
                new DraftSource { Report = report, Title = null, Source = null },
            ],
            ClosingLine = DraftMarkdown.EditedClosingLine("Ada <Byron>"),
        }, Noon, editor: "Ada <Byron>");
        var comments = new CommentStore(database);
        var author = await server.AddUserAsync("mallory", Roles.Reader, displayName: "Mallory <script>");
        await comments.AddAsync(rich.Id, author.Id, author.DisplayName, "Great <b>news</b> & “more” soon", Noon.AddMinutes(5));
        var hidden = await comments.AddAsync(rich.Id, author.Id, author.DisplayName, "Buy <a href='javascript:x'>now</a>", Noon.AddMinutes(6));
        await comments.HideAsync(hidden.Id, "Eddie <Editor>", Noon.AddMinutes(7));

        var (brazilReport, brazilStory) = await PublishingKit.IngestAsync(pipeline, ReaderTests.BrazilTitle, ReaderTests.BrazilBody);
        var first = await PublishingKit.PublishAsync(database, brazilStory, PublishingKit.Draft("Brazil cuts interest rate", brazilReport, ["Brazil's central bank cut its interest rate by half a point."]), Noon.AddHours(1));
        var corrected = await PublishingKit.PublishAsync(database, brazilStory,
            PublishingKit.Draft("Brazil cuts <rate>", brazilReport, ["Brazil's central bank cut its benchmark rate by half a point."], ["The real weakened."]),
            Noon.AddHours(2), editor: "Bea", correctionNote: "An earlier version said a <full> point.", draftId: first.Version + 1);

        var (killReport, killStory) = await PublishingKit.IngestAsync(pipeline, "Port of Calder opens terminal", "The Port of Calder opened a new container terminal on Monday.");
        await PublishingKit.PublishAsync(database, killStory, PublishingKit.Draft("Calder opens terminal", killReport, ["The Port of Calder opened a terminal."]), Noon.AddHours(3));
        var killed = (await PublishingKit.KillAsync(database, killStory, "Withdrawn: the <terminal> did not open.", Noon.AddHours(4)))!;

        var (oldReport, oldStory) = await PublishingKit.IngestAsync(pipeline, "Mill closes in Tamsworth", "The Tamsworth mill closed on Friday after ninety years.");
        var oldReportId = oldReport.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var older = await PublishingKit.PublishAsync(database, oldStory, new Draft
        {
            Headline = "Tamsworth mill closes",
            Sections =
            [
                new DraftSection { Title = DraftWriter.LedeTitle, Sentences = [Sentence("The Tamsworth mill closed on Friday.", oldReportId)] },
                new DraftSection { Title = "", Sentences = [Sentence("It had run for ninety years.", oldReportId), Sentence(DraftMarkdown.EditedClosingLine("Old Hand"), oldReportId)] },
            ],
            Sources = [new DraftSource { Report = oldReportId, Title = "Mill <closes>", Url = "javascript:alert(1)", Source = "Old Wire" }],
        }, Noon.AddHours(5), editor: "Old Hand");

        var (plainReport, plainStory) = await PublishingKit.IngestAsync(pipeline, "Microsoft and Nvidia sign chip deal",
            "Microsoft Corp. and Nvidia Corp. signed a chip supply deal on Monday in Germany, Microsoft chief executive Satya Nadella said.", "http://images.example.com/deal.png", "  ", database);
        var plainReportId = plainReport.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var plainDraft = new Draft
        {
            Headline = "Microsoft and Nvidia sign chip deal",
            Sections =
            [
                new DraftSection { Title = "What Happened", Sentences = [Sentence("Microsoft Corp. and Nvidia Corp. signed a chip deal in Germany, Satya Nadella said.", plainReportId)] },
                new DraftSection { Title = "Why It Matters", Sentences = [Sentence(DraftMarkdown.ClosingLine, plainReportId)] },
            ],
            Sources =
            [
                new DraftSource { Report = plainReportId, Url = "https://wire.example.com/deal", Published = Noon },
                new DraftSource { Report = plainReportId, Title = "Deal", Url = "ftp://files.example.com/deal", Source = "Files" },
            ],
        };
        await PublishingKit.PublishAsync(database, plainStory, plainDraft, Noon.AddHours(6), editor: "Cy");
        var plain = await PublishingKit.PublishAsync(database, plainStory, plainDraft with { Headline = "Microsoft and Nvidia agree chip deal" }, Noon.AddHours(7), editor: "Cy", draftId: 2);

        return new() { ["rich"] = rich, ["corrected"] = corrected, ["killed"] = killed, ["older"] = older, ["plain"] = plain };
    }

    private static DraftSentence Sentence(string text, string report) => new()
    {
        Text = text,
        Sources = [new SourceSpan(report, 0, 5)],
        Verdict = Verdicts.Supported,
    };

    private static async Task AssertPageAsync(HttpClient client, string path, string golden)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Gone, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Golden.AssertMatches($"{GoldenFolder}/{golden}", Normalise(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A signed-in page carries a fresh CSRF token per request: the one part that may differ.</summary>
    internal static string Normalise(string page) => CsrfValue().Replace(page, "value=\"CSRF-TOKEN\"");

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex CsrfValue();
}
