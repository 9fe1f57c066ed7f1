using System.Net;
using Wiredesk.Editorial;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

public class AccountTests
{
    [Fact]
    public async Task An_account_signs_in_with_its_password_and_sees_its_name()
    {
        await using var server = await NewsroomServer.StartAsync();
        await server.AddUserAsync("ada", Roles.Editor, displayName: "Ada Byron");
        using var client = await server.SignInAsync("ada");
        var home = await client.GetStringAsync("/");
        Assert.Contains("Ada Byron", home, StringComparison.Ordinal);
        Assert.Contains("Sign out", home, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ada", "wrong password!")]
    [InlineData("nobody", "correct horse battery")]
    public async Task A_wrong_name_or_password_gets_one_message_and_no_cookie(string name, string password)
    {
        await using var server = await NewsroomServer.StartAsync();
        await server.AddUserAsync("ada", Roles.Editor);
        using var client = server.Anonymous();
        var response = await NewsroomServer.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new() { ["name"] = name, ["password"] = password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("do not match an account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_form_without_its_csrf_token_is_refused()
    {
        await using var server = await NewsroomServer.StartAsync();
        await server.AddUserAsync("ada", Roles.Editor);
        using var client = server.Anonymous();
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "ada", ["password"] = "correct horse battery" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Sign out", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_attempts_are_rate_limited()
    {
        await using var server = await NewsroomServer.StartAsync();
        await server.AddUserAsync("ada", Roles.Editor);
        using var client = server.Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            var response = await NewsroomServer.PostFormAsync(client, "/account/sign-in", "/account/sign-in", new() { ["name"] = "ada", ["password"] = $"guess number {i}" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("/desk?x=1", "/desk?x=1")]
    public void Only_local_return_urls_are_followed(string given, string expected) =>
        Assert.Equal(expected, App.Web.Account.AccountEndpoints.SafeReturnUrl(given));

    [Fact]
    public async Task A_personal_api_key_is_stored_hashed_and_a_revoked_key_stops_working()
    {
        await using var server = await NewsroomServer.StartAsync();
        var user = await server.AddUserAsync("ada", Roles.Reader);
        var store = new UserStore(server.Composition.Database);
        var (key, info) = await store.CreateApiKeyAsync(user.Id, "test", DateTimeOffset.UtcNow);
        Assert.Equal(user.Id, (await store.FindByApiKeyAsync(key, DateTimeOffset.UtcNow))?.Id);
        var raw = await File.ReadAllBytesAsync(server.Composition.Database.Path);
        Assert.DoesNotContain(key, System.Text.Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        Assert.True(await store.RevokeApiKeyAsync(user.Id, info.Id, DateTimeOffset.UtcNow));
        Assert.Null(await store.FindByApiKeyAsync(key, DateTimeOffset.UtcNow));
    }
}
