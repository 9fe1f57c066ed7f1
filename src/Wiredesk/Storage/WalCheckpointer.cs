using System.Data.Common;
using System.Threading.Channels;

namespace Wiredesk.Storage;

/// <summary>Copies the writer's committed pages from the WAL into the database file on a connection of its own, while the
/// writer goes on writing: a passive checkpoint after each commit it is told of (<see cref="Committed"/>), one at a time,
/// a commit told of while one runs starting the next.
/// A long writer used to checkpoint on its own thread, through SQLite's automatic checkpoint after the commit that took
/// the WAL past 10,000 pages: in the write profile of 80,000 reports a commit took 21 ms without one and 130–280 ms
/// with one, every third commit, two thirds of the writer's commit time (docs/ingest.md, "Writer speed, session
/// 7"). A passive checkpoint never waits for the writer and never stops it; the writer's own automatic checkpoint
/// stays as a backstop (<see cref="Database.WriterAutoCheckpointPages"/>).</summary>
public sealed class WalCheckpointer : IAsyncDisposable
{
    private readonly Channel<bool> _commits = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private readonly Task _loop;
    private long _runs;

    internal WalCheckpointer(Database database)
    {
        _loop = Task.Run(() => LoopAsync(database));
    }

    /// <summary>Checkpoints run so far.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>The writer has committed: a checkpoint runs (or runs again once the one running ends).</summary>
    public void Committed() => _commits.Writer.TryWrite(true);

    /// <summary>Waits for the checkpoint running, if any, and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _commits.Writer.TryComplete();
        await _loop;
    }

    private async Task LoopAsync(Database database)
    {
        DbConnection? connection = null;
        try
        {
            await foreach (var _ in _commits.Reader.ReadAllAsync())
            {
                connection ??= await database.ConnectAsync();
                await connection.ScalarAsync(null, "PRAGMA wal_checkpoint(PASSIVE)");
                Interlocked.Increment(ref _runs);
            }
        }
        catch (DbException)
        {
            // A checkpoint that fails leaves the pages in the WAL, where the writer's own checkpoint copies them: nothing
            // is lost, the writer only does the work itself again. Checkpoints stop here rather than fail each commit.
            while (_commits.Reader.TryRead(out _))
            {
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
