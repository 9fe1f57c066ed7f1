using System.Threading.Channels;

namespace Wiredesk.Ingest;

/// <summary>Runs a preparation step over a sequence of items on the thread pool, a few per core at a time, and hands
/// the results back in item order, in groups of those already prepared. Only the items in flight are held in memory,
/// so a folder of a million files costs what a folder of twenty does.</summary>
internal sealed class InOrderPreparation<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Task<TResult>> _prepared;
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;

    public InOrderPreparation(IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<TResult>> prepare, int inFlight, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _prepared = Channel.CreateBounded<Task<TResult>>(new BoundedChannelOptions(inFlight) { SingleReader = true, SingleWriter = true });
        _producer = Task.Run(() => ProduceAsync(items, prepare, _stop.Token), CancellationToken.None);
    }

    /// <summary>The next results in item order: waits for the first, then takes those that follow while the running
    /// total of <paramref name="size"/> stays within <paramref name="maxSize"/> and the next one is already queued.
    /// Empty once every item has been handed back.</summary>
    public async Task<IReadOnlyList<TResult>> NextAsync(Func<TResult, int> size, int maxSize)
    {
        var group = new List<TResult>();
        if (!await _prepared.Reader.WaitToReadAsync(_stop.Token))
        {
            return group;
        }

        var total = 0;
        while (total < maxSize && _prepared.Reader.TryRead(out var work))
        {
            var result = await work;
            group.Add(result);
            total += Math.Max(1, size(result));
        }

        return group;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _producer;
        _stop.Dispose();
    }

    private async Task ProduceAsync(IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<TResult>> prepare, CancellationToken ct)
    {
        try
        {
            foreach (var item in items)
            {
                // Started now, awaited in order by the consumer: the channel's bound limits how many run at once.
                var work = Task.Run(() => prepare(item, ct), ct);
                await _prepared.Writer.WriteAsync(work, ct);
            }

            _prepared.Writer.Complete();
        }
        catch (Exception e)
        {
            // The consumer sees the failure when it reaches this point of the sequence.
            _prepared.Writer.Complete(e);
        }
    }
}
