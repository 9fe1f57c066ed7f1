using Wiredesk.Editorial;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Browser;

/// <summary>Sign-in in a real browser: the form, its CSRF token and the cookie work together as a user sees them.</summary>
public class SignInBrowserTests(Support.Browser browser) : IClassFixture<Support.Browser>
{
    [Fact]
    public async Task An_editor_signs_in_through_the_form_and_a_wrong_password_is_told_so()
    {
        await using var server = await NewsroomServer.StartAsync();
        await server.AddUserAsync("grace", Roles.Editor, displayName: "Grace Hopper");
        var page = await browser.NewPageAsync(server.BaseAddress);

        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("input[name=name]", "grace");
        await page.FillAsync("input[name=password]", "not her password");
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("do not match an account", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);

        await page.FillAsync("input[name=name]", "grace");
        await page.FillAsync("input[name=password]", "correct horse battery");
        await Support.Browser.ScreenshotAsync(page, "sign-in");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(server.Url("/").ToString());
        Assert.Equal("Grace Hopper", await page.InnerTextAsync(".account .who"));
    }
}
