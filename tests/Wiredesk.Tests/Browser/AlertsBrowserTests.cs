using Microsoft.Playwright;
using Wiredesk.Editorial;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Browser;

/// <summary>Alerts end to end in headless Chromium against the real server: a reader builds a watchlist on the page
/// (a broken query is shown inline with the parser's message first), keeps the home page open, and sees the
/// notification and the unread badge arrive when a matching story is published; the alerts page lists it with its
/// reason. Screenshots of /watchlists, /alerts and the notification go to artifacts/screenshots.</summary>
public class AlertsBrowserTests(Support.Browser browser) : IClassFixture<Support.Browser>
{
    [Fact]
    public async Task A_reader_with_a_watchlist_sees_the_alert_arrive_on_an_open_page()
    {
        await using var server = await AlertsKit.StartAsync(AlertsKit.AutoPublish);
        await server.AddUserAsync("rita", Roles.Reader, displayName: "Rita Reader");
        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=name]", "rita");
        await page.FillAsync("input[name=password]", "correct horse battery");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator(".account .who")).ToBeVisibleAsync();

        // A first attempt with an unbalanced query: refused, the message beside the item, the rest kept.
        await page.GotoAsync("/watchlists");
        await page.FillAsync("input[name=name]", "Ports and shipping");
        var rows = page.Locator(".new-watchlist .item-row");
        await rows.Nth(0).Locator("select").SelectOptionAsync("query");
        await rows.Nth(0).Locator("input").FillAsync("(container OR terminal");
        await rows.Nth(1).Locator("select").SelectOptionAsync("person");
        await rows.Nth(1).Locator("input").FillAsync("Anna Hale");
        await page.ClickAsync(".new-watchlist button[type=submit]");
        var problem = page.Locator(".item-row.invalid .item-problem");
        await Assertions.Expect(problem).ToContainTextAsync("unbalanced parenthesis at 1");
        await Support.Browser.ScreenshotAsync(page, "watchlists-invalid-query");

        await page.Locator(".item-row.invalid input").FillAsync("container AND terminal");
        await page.ClickAsync(".new-watchlist button[type=submit]");
        await Assertions.Expect(page.Locator(".watchlist-edit h1")).ToHaveTextAsync("Ports and shipping");

        // A second list, so the overview shows more than one.
        await page.GotoAsync("/watchlists");
        await page.FillAsync("input[name=name]", "Food producers");
        await rows.Nth(0).Locator("select").SelectOptionAsync("query");
        await rows.Nth(0).Locator("input").FillAsync("milk AND (farmers OR dairy)");
        await rows.Nth(1).Locator("select").SelectOptionAsync("topic");
        await rows.Nth(1).Locator("input").FillAsync("economy, business and finance");
        await rows.Nth(2).Locator("select").SelectOptionAsync("ticker");
        await rows.Nth(2).Locator("input").FillAsync("LMT");
        await page.ClickAsync(".new-watchlist button[type=submit]");
        await page.GotoAsync("/watchlists");
        await Assertions.Expect(page.Locator(".watchlist-card")).ToHaveCountAsync(2);
        await Support.Browser.ScreenshotAsync(page, "watchlists");

        // The home page is open and listening when the stories come in.
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("html[data-alerts=live]", new() { State = WaitForSelectorState.Attached });
        using var wire = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        var storyId = await AlertsKit.PushFromWireAsync(wire, DeskKit.Report());
        var toast = page.Locator(".alert-toast").First;
        await Assertions.Expect(toast).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var article = await new ArticleStore(server.Composition.Database).GetByStoryAsync(storyId);
        await Assertions.Expect(toast.Locator(".toast-headline")).ToHaveTextAsync(article!.Headline);
        await Assertions.Expect(toast.Locator(".toast-headline")).ToHaveAttributeAsync("href", $"/stories/{storyId}");
        // Both items of the list match the story: one notification, a line per reason.
        await Assertions.Expect(toast.Locator(".toast-reason")).ToHaveCountAsync(2);
        Assert.Equal(["matches the query container AND terminal", "mentions Anna Hale"], (await toast.Locator(".toast-reason").AllInnerTextsAsync()).Order(StringComparer.Ordinal));
        await Assertions.Expect(page.Locator(".alert-toast")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#alert-badge")).ToBeVisibleAsync();
        await Support.Browser.ScreenshotAsync(page, "alert-notification");

        await AlertsKit.PushFromWireAsync(wire, AlertsKit.DairyReport());
        var reader = await new UserStore(server.Composition.Database).FindByNameAsync("rita");
        var alerts = await AlertsKit.WaitForAlertsAsync(server, reader!.Id, a => a.Select(x => x.StoryId).Distinct().Count() == 2);
        await Assertions.Expect(page.Locator("#alert-badge")).ToHaveTextAsync(alerts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The alerts page: newest first, the reason and matched item on each; one marked read.
        await page.GotoAsync("/alerts");
        await Assertions.Expect(page.Locator(".alert-item")).ToHaveCountAsync(alerts.Count);
        await page.Locator(".alert-item").Last.Locator("form.mark button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-item.read")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".alert-item").First.Locator("h2 a")).ToHaveTextAsync(alerts[0].Headline);
        await Support.Browser.ScreenshotAsync(page, "alerts");
    }
}
