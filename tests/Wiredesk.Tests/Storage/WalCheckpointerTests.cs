using Dapper;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

/// <summary>The checkpoints beside a long writer: committed pages reach the database file without the writer
/// checkpointing, and the WAL starts again from its beginning instead of growing with every commit.</summary>
public sealed class WalCheckpointerTests
{
    [Fact]
    public async Task Committed_pages_reach_the_database_file_and_the_wal_stops_growing_while_the_writer_never_checkpoints()
    {
        using var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        await using var writer = await database.ConnectAsync();
        // The writer's own automatic checkpoint is off: only the checkpointer can copy pages.
        await writer.ExecuteAsync("PRAGMA wal_autocheckpoint=0; CREATE TABLE scratch (x BLOB NOT NULL)");
        var file = new FileInfo(database.Path);
        var wal = new FileInfo(database.Path + "-wal");
        file.Refresh();
        var fileBefore = file.Length;

        var walSizes = new List<long>();
        await using (var checkpoints = database.CheckpointInBackground())
        {
            for (var round = 1; round <= 6; round++)
            {
                await using (var tx = await writer.BeginTransactionAsync())
                {
                    await writer.ExecuteAsync("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO scratch (x) SELECT randomblob(1000) FROM n", transaction: tx);
                    await tx.CommitAsync();
                }

                checkpoints.Committed();
                await WaitForAsync(() => checkpoints.Runs >= round);
                wal.Refresh();
                walSizes.Add(wal.Length);
            }
        }

        file.Refresh();
        Assert.True(file.Length >= fileBefore + (6 * 500 * 1000), $"database file {fileBefore} -> {file.Length} bytes: the rows are not in it");
        // Each round's pages were copied before the next commit, which therefore wrote from the WAL's beginning again.
        Assert.All(walSizes.Skip(1), size => Assert.True(size <= walSizes[0] * 2, $"WAL sizes {string.Join(", ", walSizes)}"));
        await using var reader = await database.ConnectAsync();
        Assert.Equal(3000, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM scratch"));
    }

    [Fact]
    public async Task Stopping_runs_the_checkpoint_asked_for_and_a_commit_told_after_is_ignored()
    {
        using var database = await Database.OpenAsync(Path.Combine(TestPaths.NewTempFolder(), "wiredesk.db"));
        var checkpoints = database.CheckpointInBackground();
        checkpoints.Committed();
        await checkpoints.DisposeAsync();
        Assert.Equal(1, checkpoints.Runs);
        checkpoints.Committed();
        await Task.Delay(100);
        Assert.Equal(1, checkpoints.Runs);
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var i = 0; i < 600 && !done(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(done(), "the checkpoint did not run within 30 s");
    }
}
