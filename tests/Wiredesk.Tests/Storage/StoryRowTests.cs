using System.Data;
using System.Text;
using Dapper;
using Wiredesk.Ingest;
using Wiredesk.Ingest.Dedup;
using Wiredesk.Storage;
using Wiredesk.Stories;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>A join rewrites the story's row with its profile serialised straight to UTF-8 on the connection's handle;
/// a new story's row is written through a command from the profile's string. Both must store the same text.</summary>
public sealed class StoryRowTests
{
    [Fact]
    public async Task A_joined_storys_row_holds_the_text_a_new_story_with_the_same_profile_gets()
    {
        var store = await TestPipeline.CreateAsync();
        await using var connection = await store.Database.ConnectAsync();
        var documents = Corpus.Documents.Take(30).ToList();
        var compared = 0;
        for (var i = 0; i + 2 < documents.Count; i += 3)
        {
            await using var tx = await connection.BeginTransactionAsync(IsolationLevel.Serializable);
            var (first, second, third) = (documents[i], documents[i + 1], documents[i + 2]);
            var (a, firstId) = await StoreAsync(connection, tx, store, first);
            var (b, secondId) = await StoreAsync(connection, tx, store, second);
            var (_, thirdId) = await StoreAsync(connection, tx, store, third);

            var joined = await StoryStore.AddAsync(connection, tx, firstId, a, StoryProfile.Of(a));
            var state = (await StoryStore.StatesAsync(connection, tx, [joined]))[joined];
            await StoryStore.JoinAsync(connection, tx, state, secondId, b, 0.5);
            var started = await StoryStore.AddAsync(connection, tx, thirdId, a, StoryProfile.Of(a).With(b));

            var rows = (await connection.QueryAsync<(long Id, string Type, string Profile, string Entities)>(
                "SELECT id, typeof(profile), profile, entities FROM stories WHERE id IN (@joined, @started) ORDER BY id", new { joined, started }, tx)).ToList();
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal("text", r.Type));
            Assert.Equal(rows[1].Profile, rows[0].Profile);
            Assert.Equal(rows[1].Entities, rows[0].Entities);
            Assert.Equal(2, await connection.ExecuteScalarAsync<long>("SELECT report_count FROM stories WHERE id = @joined", new { joined }, tx));
            compared += rows[0].Profile.Length > 100 ? 1 : 0;
            await tx.CommitAsync();
        }

        Assert.Equal(10, compared);
    }

    private static async Task<(StoryFeatures Features, long Id)> StoreAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, TestPipeline store, CorpusDocument document)
    {
        var at = store.Time.GetUtcNow();
        var analysis = TestPipeline.SharedAnalyzer.Value.Analyze(document.Title, document.Body, at);
        var report = new Report
        {
            Title = document.Title,
            Text = document.Body,
            ReceivedAt = at,
            UpdatedAt = at,
            ContentHash = TextFingerprint.ContentHash(document.Title, document.Body),
        };
        var fingerprint = DedupFingerprint.Of(document.Title, document.Body);
        var id = await ReportStore.InsertAsync(connection, tx, report, Encoding.UTF8.GetBytes(document.Body), "text/plain", fingerprint.BandHashes);
        return (StoryFeatures.Of(document.Title, document.Body, analysis, at), id);
    }
}
