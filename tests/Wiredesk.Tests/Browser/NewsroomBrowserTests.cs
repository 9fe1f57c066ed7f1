using Microsoft.Playwright;
using Wiredesk.Editorial;
using Wiredesk.Publishing;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Browser;

/// <summary>The newsroom end to end in headless Chromium against the real server and a real SQLite file: an editor
/// finds a flagged sentence with its reason, sees a sentence's evidence highlighted, fixes the sentence and
/// publishes; a reader whose home page is open sees the story arrive live, comments on it, and an editor hides the
/// comment. Screenshots of each main page go to artifacts/screenshots.</summary>
public class NewsroomBrowserTests(Support.Browser browser) : IClassFixture<Support.Browser>
{
    [Fact]
    public async Task From_flagged_draft_to_published_story_read_live_and_commented()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var storyId = (await DeskKit.PushOneAsync(wire, DeskKit.Report())).StoryId!.Value;
        await DeskKit.WaitForDeskAsync(server.Composition.Database, storyId);
        await server.AddUserAsync("ada", Roles.Editor, displayName: "Ada Byron");
        await server.AddUserAsync("bob", Roles.Editor, displayName: "Bob Slip");
        await server.AddUserAsync("rita", Roles.Reader, displayName: "Rita Reader");

        // A colleague's careless edit puts a figure in the draft that no source gives.
        using (var bob = await server.SignInAsync("bob"))
        {
            await DeskKit.SaveEditAsync(bob, storyId, text => text.Replace("30%", "90%", StringComparison.Ordinal));
        }

        // The reader's home page is open before anything is published.
        var reader = await browser.NewPageAsync(server.BaseAddress);
        await SignInAsync(reader, "rita");
        await reader.GotoAsync("/");
        await reader.WaitForSelectorAsync("#live-status:not([hidden])");

        var editor = await browser.NewPageAsync(server.BaseAddress);
        await SignInAsync(editor, "ada");
        await editor.GotoAsync("/desk");
        await Support.Browser.ScreenshotAsync(editor, "desk-queue");
        await editor.ClickAsync($"a[href='/desk/stories/{storyId}']");

        // The flagged sentence shows the figure and the verifier's reason.
        var flagged = editor.Locator(".sentence.unsupported");
        await Assertions.Expect(flagged).ToHaveCountAsync(1);
        Assert.Contains("90%", await flagged.Locator(".text").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("number", await flagged.Locator(".reasons").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);

        // Clicking a supported sentence marks its evidence in the source text beside it.
        var supported = editor.Locator(".sentence.supported").Filter(new() { HasText = "$450 million" }).First;
        await supported.ClickAsync();
        var mark = editor.Locator(".source-text mark").First;
        await Assertions.Expect(mark).ToBeVisibleAsync();
        Assert.Contains("450 million", await mark.InnerTextAsync(), StringComparison.Ordinal);
        await Support.Browser.ScreenshotAsync(editor, "desk-draft-flagged");

        // Publishing is refused while the sentence stands unsupported.
        await editor.ClickAsync("form.publish button[type=submit]");
        Assert.Null(await new ArticleStore(server.Composition.Database).GetByStoryAsync(storyId));

        // The editor fixes the sentence; the save re-verifies every sentence.
        await editor.GotoAsync($"/desk/stories/{storyId}/edit");
        var field = editor.Locator(".edit-sentence.unsupported textarea");
        await field.FillAsync((await field.InputValueAsync()).Replace("90%", "30%", StringComparison.Ordinal));
        await Support.Browser.ScreenshotAsync(editor, "desk-edit");
        await editor.ClickAsync(".edit-form button[type=submit]");
        await Assertions.Expect(editor.Locator(".verdict-badge.ok")).ToBeVisibleAsync();
        await Assertions.Expect(editor.Locator(".sentence.unsupported")).ToHaveCountAsync(0);

        await editor.ClickAsync("form.publish button[type=submit]");
        var article = await WaitForArticleAsync(server, storyId);
        Assert.Equal("This story was generated using Wiredesk and edited by Ada Byron.", article.Draft.ClosingLine);

        // The reader's open page shows the story without a reload.
        var card = reader.Locator($"#stories [data-story='{storyId}'] h2 a");
        await Assertions.Expect(card).ToHaveTextAsync(article.Headline);
        await Support.Browser.ScreenshotAsync(reader, "home-live");

        // The reader opens it and comments; the comment text stays text.
        await card.ClickAsync();
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync(article.Headline);
        Assert.Contains("edited by Ada Byron", await reader.InnerTextAsync("main"), StringComparison.Ordinal);
        await reader.FillAsync("#comment-text", "Does the <b>90%</b> figure hold?");
        await reader.ClickAsync(".comment-form button[type=submit]");
        var comment = reader.Locator(".comment .comment-text").Filter(new() { HasText = "Does the <b>90%</b> figure hold?" });
        await Assertions.Expect(comment).ToHaveCountAsync(1);
        await Support.Browser.ScreenshotAsync(reader, "story-with-comment");

        // An editor hides it: readers no longer see it, the store keeps it.
        await editor.GotoAsync(reader.Url);
        await editor.ClickAsync(".comment form.moderate button");
        await Assertions.Expect(editor.Locator(".comment.hidden-comment")).ToHaveCountAsync(1);
        await reader.ReloadAsync();
        await Assertions.Expect(reader.Locator(".comment .comment-text")).ToHaveCountAsync(0);
        var kept = await new CommentStore(server.Composition.Database).ForArticleAsync(article.Id, includeHidden: true);
        Assert.True(Assert.Single(kept).IsHidden);

        var phone = await browser.NewPageAsync(server.BaseAddress, 390, 844);
        await phone.GotoAsync(reader.Url);
        await Support.Browser.ScreenshotAsync(phone, "story-phone");

        // A signed-out reader searches for a word of the headline: the story comes up with the word marked.
        var word = article.Headline.Split(' ').Where(w => w.Length >= 5 && w.All(char.IsLetter)).First();
        var searcher = await browser.NewPageAsync(server.BaseAddress, 1280, 900);
        await searcher.GotoAsync("/search?q=" + Uri.EscapeDataString(word));
        var result = searcher.Locator($".results a[href='{article.Path}']");
        await Assertions.Expect(result).ToHaveCountAsync(1);
        await Assertions.Expect(result.Locator("mark").First).ToHaveTextAsync(word, new() { IgnoreCase = true });
        await Support.Browser.ScreenshotAsync(searcher, "search");
    }

    private static async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=name]", name);
        await page.FillAsync("input[name=password]", "correct horse battery");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".account .who")).ToBeVisibleAsync();
    }

    private static async Task<Article> WaitForArticleAsync(NewsroomServer server, long storyId)
    {
        var store = new ArticleStore(server.Composition.Database);
        for (var i = 0; i < 100; i++)
        {
            if (await store.GetByStoryAsync(storyId) is { } article)
            {
                return article;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"story {storyId} was not published");
    }
}
