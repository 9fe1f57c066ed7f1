using System.Net;
using System.Net.Http.Json;
using Wiredesk.App.Web.Api;
using Wiredesk.Editorial;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

public class PushApiTests
{
    [Fact]
    public async Task A_pushed_report_is_stored_before_the_answer_and_its_story_gets_a_draft()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));

        using var response = await DeskKit.PushAsync(api, DeskKit.Report());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<PushResult>(JsonDefaults.Options);
        var pushed = Assert.Single(result!.Reports);
        Assert.Equal("new", pushed.Status);
        Assert.Equal("plaintext", result.Format);
        var stored = await new ReportStore(server.Composition.Database).GetAsync(pushed.ReportId!.Value);
        Assert.Equal("Port of Calder Opens New Container Terminal", stored!.Title);
        Assert.NotNull(pushed.StoryId);

        var desk = await DeskKit.WaitForDeskAsync(server.Composition.Database, pushed.StoryId!.Value);
        Assert.Equal(DeskStatus.Drafted, desk.Status);
        Assert.Equal(1, desk.ReportCount);
    }

    [Fact]
    public async Task The_same_report_again_is_a_duplicate_on_the_same_story_and_an_edited_one_an_update()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Admin));
        var first = await DeskKit.PushOneAsync(api, DeskKit.Report());

        using var again = await DeskKit.PushAsync(api, DeskKit.Report());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var duplicate = Assert.Single((await again.Content.ReadFromJsonAsync<PushResult>(JsonDefaults.Options))!.Reports);
        Assert.Equal(("duplicate", first.ReportId, first.StoryId), (duplicate.Status, duplicate.ReportId, duplicate.StoryId));

        var update = await DeskKit.PushOneAsync(api, DeskKit.Report(percent: 35));
        Assert.Equal(("update", first.ReportId, first.StoryId), (update.Status, update.ReportId, update.StoryId));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n\t  ", "empty")]
    [InlineData("{\"not\": \"a report\"", "")]
    public async Task Bad_input_gets_400_with_one_message(string body, string says)
    {
        await using var server = await NewsroomServer.StartAsync();
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        using var response = await DeskKit.PushAsync(api, body, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<PushProblem>(JsonDefaults.Options);
        Assert.False(string.IsNullOrWhiteSpace(problem!.Error));
        Assert.Contains(says, problem.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await new ReportStore(server.Composition.Database).CountAsync());
    }

    [Fact]
    public async Task A_body_over_the_size_limit_gets_413_and_nothing_is_stored()
    {
        await using var server = await NewsroomServer.StartAsync(new Settings { MaxInputBytes = 2_000 });
        using var api = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "wire", Roles.Editor));
        using var response = await DeskKit.PushAsync(api, DeskKit.Report() + new string('x', 3_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", (await response.Content.ReadFromJsonAsync<PushProblem>(JsonDefaults.Options))!.Error, StringComparison.Ordinal);
        Assert.Equal(0, await new ReportStore(server.Composition.Database).CountAsync());
    }

    [Fact]
    public async Task Pushing_needs_an_editors_api_key_a_reader_key_or_a_signed_in_cookie_is_not_enough()
    {
        await using var server = await NewsroomServer.StartAsync();
        using var anonymous = server.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeskKit.PushAsync(anonymous, DeskKit.Report())).StatusCode);

        using var reader = DeskKit.ApiClient(server.BaseAddress, await DeskKit.ApiKeyAsync(server, "ria", Roles.Reader));
        Assert.Equal(HttpStatusCode.Forbidden, (await DeskKit.PushAsync(reader, DeskKit.Report())).StatusCode);

        using var wrongKey = DeskKit.ApiClient(server.BaseAddress, "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await DeskKit.PushAsync(wrongKey, DeskKit.Report())).StatusCode);

        // A browser's cookie must not push: a cross-site page could make the browser send one without any CSRF token.
        await server.AddUserAsync("eda", Roles.Editor);
        using var browser = await server.SignInAsync("eda");
        var viaCookie = await DeskKit.PushAsync(browser, DeskKit.Report());
        Assert.True(viaCookie.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, viaCookie.StatusCode.ToString());
        Assert.Equal(0, await new ReportStore(server.Composition.Database).CountAsync());
    }
}
