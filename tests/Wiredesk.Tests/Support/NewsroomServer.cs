using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wiredesk.App;
using Wiredesk.App.Web;
using Wiredesk.App.Web.Account;
using Wiredesk.Storage;

namespace Wiredesk.Tests.Support;

/// <summary>The real newsroom server (`wiredesk serve`) on 127.0.0.1 and a free port, with a fresh data folder and
/// SQLite file of its own; plus the steps a browser takes (sign in, read a form's CSRF token, post it).</summary>
public sealed partial class NewsroomServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NewsroomServer(WebApplication app, Composition composition, Uri baseAddress, string dataFolder)
    {
        _app = app;
        Composition = composition;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
    }

    public Composition Composition { get; }
    public Uri BaseAddress { get; }
    public string DataFolder { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<NewsroomServer> StartAsync(Settings? settings = null, ServeOptions? options = null, string? dataFolder = null)
    {
        dataFolder ??= TestPaths.NewTempFolder();
        settings = (settings ?? new Settings()) with { DataFolder = dataFolder };
        var composition = await Composition.CreateAsync(settings, CancellationToken.None);
        var app = WebServer.Build(composition, (options ?? new ServeOptions()) with { Urls = ["http://127.0.0.1:0"] }, builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new NewsroomServer(app, composition, new Uri(address), dataFolder);
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async Task<User> AddUserAsync(string name, string role, string password = "correct horse battery", string? displayName = null) =>
        await new UserStore(Composition.Database).AddAsync(name, displayName ?? name, role, Passwords.Hash(password), DateTimeOffset.UtcNow);

    /// <summary>A client with no account: keeps cookies, does not follow redirects (tests look at them).</summary>
    public HttpClient Anonymous() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>Signs in through the sign-in form, as a browser does, and returns the signed-in client.</summary>
    public async Task<HttpClient> SignInAsync(string name, string password = "correct horse battery")
    {
        var client = Anonymous();
        var response = await PostFormAsync(client, "/account/sign-in", "/account/sign-in", new() { ["name"] = name, ["password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {name} failed: {(int)response.StatusCode}");
        }

        return client;
    }

    /// <summary>Opens <paramref name="pagePath"/>, takes the CSRF token of its form, and posts the fields to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, string action, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pagePath);
        var token = CsrfToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{pagePath} has no CSRF field");
        }

        var form = new Dictionary<string, string>(fields) { [WebUtility.HtmlDecode(token.Groups["name"].Value)] = WebUtility.HtmlDecode(token.Groups["value"].Value) };
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    /// <summary>As <see cref="PostFormAsync"/>, for a form whose fields repeat (one "kind" and "value" per row).</summary>
    public static async Task<HttpResponseMessage> PostFormPairsAsync(HttpClient client, string pagePath, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetStringAsync(pagePath);
        var token = CsrfToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{pagePath} has no CSRF field");
        }

        var form = fields.Append(new(WebUtility.HtmlDecode(token.Groups["name"].Value), WebUtility.HtmlDecode(token.Groups["value"].Value)));
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken)" value="(?<value>[^"]+)""")]
    private static partial Regex CsrfToken();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Composition.Dispose();
    }
}
