using System.Diagnostics;
using System.Net.Http.Json;
using Wiredesk.App.Web.Api;
using Wiredesk.Editorial;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Web;

/// <summary>The real `wiredesk serve` as a child process: killed or stopped in the middle of a stream of pushes, it
/// loses nothing it acknowledged, and on restart the drafts catch up.</summary>
public class ServeProcessTests
{
    private static readonly string[] Places = ["Calder", "Brightwater", "Ostmark", "Fennick", "Yarrow", "Quillon", "Marsden", "Tolvey", "Havelock", "Drummond", "Elsworth", "Kingsbay"];
    private static readonly string[] Goods = ["copper wire", "frozen fish", "wind turbine blades", "rice", "paper pulp", "steel coils", "coffee beans", "rail sleepers", "solar panels", "wool", "timber", "fertiliser"];
    private static readonly string[] People = ["Anna Hale", "Bruno Stead", "Clara Voss", "Dev Okafor", "Elin Marsh", "Farid Kell", "Greta Lund", "Hugo Barre", "Ines Varga", "Jon Petrie", "Kaia Moss", "Luis Brand"];

    [Fact]
    public async Task Killed_during_a_stream_of_pushes_it_keeps_every_acknowledged_report_and_drafts_catch_up_on_restart()
    {
        var (data, key) = await PrepareAsync();
        var acknowledged = new List<PushedReport>();
        using (var server = await ServeChild.StartAsync(data))
        {
            using var api = DeskKit.ApiClient(server.BaseAddress, key);
            var stream = PushStreamAsync(api, acknowledged, 40);
            while (acknowledged.Count < 6)
            {
                await Task.Delay(10);
            }

            server.Process.Kill(entireProcessTree: true);
            await stream;
            await server.Process.WaitForExitAsync();
        }

        Assert.InRange(acknowledged.Count, 6, 39);
        using (var server = await ServeChild.StartAsync(data))
        {
            var database = new Database(Path.Combine(data, "wiredesk.db"));
            var reports = new ReportStore(database);
            foreach (var pushed in acknowledged)
            {
                Assert.NotNull(await reports.GetAsync(pushed.ReportId!.Value));
            }

            await WaitForCatchUpAsync(database);
            foreach (var story in acknowledged.Select(p => p.StoryId!.Value).Distinct())
            {
                Assert.NotNull(await new DraftStore(database).GetDeskAsync(story));
            }
        }
    }

    [Fact]
    public async Task Stopped_with_sigterm_it_exits_cleanly_and_keeps_every_acknowledged_report()
    {
        var (data, key) = await PrepareAsync();
        var acknowledged = new List<PushedReport>();
        using (var server = await ServeChild.StartAsync(data))
        {
            using var api = DeskKit.ApiClient(server.BaseAddress, key);
            var stream = PushStreamAsync(api, acknowledged, 40);
            while (acknowledged.Count < 4)
            {
                await Task.Delay(10);
            }

            using (var kill = Process.Start("kill", ["-TERM", server.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await stream;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await server.Process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, server.Process.ExitCode);
        }

        var reports = new ReportStore(new Database(Path.Combine(data, "wiredesk.db")));
        foreach (var pushed in acknowledged)
        {
            Assert.NotNull(await reports.GetAsync(pushed.ReportId!.Value));
        }
    }

    /// <summary>Pushes distinct reports one after another until <paramref name="count"/> or the server goes away;
    /// keeps what was acknowledged with a 2xx.</summary>
    private static async Task PushStreamAsync(HttpClient api, List<PushedReport> acknowledged, int count)
    {
        for (var i = 0; i < count; i++)
        {
            try
            {
                using var response = await DeskKit.PushAsync(api, DistinctReport(i));
                if (!response.IsSuccessStatusCode)
                {
                    return;
                }

                var result = await response.Content.ReadFromJsonAsync<PushResult>(JsonDefaults.Options);
                lock (acknowledged)
                {
                    acknowledged.AddRange(result!.Reports);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reports that share little wording, so de-duplication keeps each one (written for this test).</summary>
    private static string DistinctReport(int i)
    {
        var place = Places[i % Places.Length];
        var goods = Goods[(i * 5 + 1) % Goods.Length];
        var person = People[(i * 7 + 3) % People.Length];
        var n = 100 + (i * 37 % 900);
        return $"""
            {place} Freight Terminal Handles Record {n} Containers of {goods}

            The {place} freight terminal handled {n} containers of {goods} in week {i + 1}, a record for the site.

            Terminal manager {person} said volumes of {goods} had grown for {i % 9 + 2} straight months.

            "We have never moved this much {goods} through {place}," {person} said.
            """;
    }

    private static async Task<(string Data, string Key)> PrepareAsync()
    {
        var data = TestPaths.NewTempFolder();
        var database = await Database.OpenAsync(Path.Combine(data, "wiredesk.db"));
        var users = new UserStore(database);
        var user = await users.AddAsync("wire", "Wire", Roles.Editor, App.Web.Account.Passwords.Hash("correct horse battery"), DateTimeOffset.UtcNow);
        var (key, _) = await users.CreateApiKeyAsync(user.Id, "push", DateTimeOffset.UtcNow);
        return (data, key);
    }

    private static async Task WaitForCatchUpAsync(Database database)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using (var connection = await database.ConnectAsync())
            {
                if ((await DraftStore.StaleStoriesAsync(connection, null)).Count == 0)
                {
                    return;
                }
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "drafts did not catch up");
            await Task.Delay(50);
        }
    }
}
