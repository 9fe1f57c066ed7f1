using System.Threading.Channels;

namespace Wiredesk.Ingest;

/// <summary>Runs a preparation step over a sequence of items on a fixed number of workers and hands the results back
/// in item order, in groups of those already prepared. Only the items in flight are held in memory, so a folder of a
/// million files costs what a folder of twenty does.</summary>
/// <remarks>The consumer (ingest's writer) is the one step that cannot be spread over cores, so the workers leave it a
/// core: one per core but one. Started as one task each on the thread pool, as before, two preparations ran on two
/// cores and the writer waited its turn behind them, and ingest ran at the pace of a writer given a third of the
/// machine. When the consumer has to wait (the writer is faster than the preparation), it prepares items no worker
/// has started yet instead, so the core it was left is not idle.</remarks>
internal sealed class InOrderPreparation<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Slot> _inOrder;
    private readonly Channel<Slot> _toStart;
    private readonly Func<TItem, CancellationToken, Task<TResult>> _prepare;
    private readonly CancellationTokenSource _stop;
    private readonly Task _producer;
    private readonly Task[] _workers;

    public InOrderPreparation(IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<TResult>> prepare, int inFlight, CancellationToken ct)
        : this(items, prepare, inFlight, DefaultWorkers, ct)
    {
    }

    public InOrderPreparation(IEnumerable<TItem> items, Func<TItem, CancellationToken, Task<TResult>> prepare, int inFlight, int workers, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _prepare = prepare;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _inOrder = Channel.CreateBounded<Slot>(new BoundedChannelOptions(inFlight) { SingleReader = true, SingleWriter = true });
        // Never fuller than the in-order channel, whose bound the producer waits on.
        _toStart = Channel.CreateUnbounded<Slot>(new UnboundedChannelOptions { SingleWriter = true });
        _producer = Task.Run(() => ProduceAsync(items, _stop.Token), CancellationToken.None);
        _workers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(_stop.Token), CancellationToken.None))];
    }

    /// <summary>One worker per core but one (at least one): the consumer keeps a core.</summary>
    public static int DefaultWorkers => Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>The next results in item order: waits for the first, then takes those that follow while the running
    /// total of <paramref name="size"/> stays within <paramref name="maxSize"/> and the next one is already queued.
    /// Empty once every item has been handed back.</summary>
    public async Task<IReadOnlyList<TResult>> NextAsync(Func<TResult, int> size, int maxSize)
    {
        var group = new List<TResult>();
        if (!await _inOrder.Reader.WaitToReadAsync(_stop.Token))
        {
            return group;
        }

        var total = 0;
        while (total < maxSize && _inOrder.Reader.TryRead(out var slot))
        {
            var result = await ResultOfAsync(slot);
            group.Add(result);
            total += Math.Max(1, size(result));
        }

        return group;
    }

    /// <summary>The item's result. An item no worker has started is prepared here, and while a worker is still on it
    /// the items after it that no worker has started are prepared here too: the consumer's core does the work that
    /// is left instead of waiting.</summary>
    private async Task<TResult> ResultOfAsync(Slot slot)
    {
        if (slot.TryClaim())
        {
            await RunAsync(slot, _stop.Token);
        }

        while (!slot.Done.Task.IsCompleted && _toStart.Reader.TryRead(out var ahead))
        {
            if (ahead.TryClaim())
            {
                await RunAsync(ahead, _stop.Token);
            }
        }

        return await slot.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _producer;
        await Task.WhenAll(_workers);
        _stop.Dispose();
    }

    private async Task ProduceAsync(IEnumerable<TItem> items, CancellationToken ct)
    {
        try
        {
            foreach (var item in items)
            {
                var slot = new Slot(item);
                // The in-order channel's bound limits how many items are held at once.
                await _inOrder.Writer.WriteAsync(slot, ct);
                _toStart.Writer.TryWrite(slot);
            }

            _inOrder.Writer.Complete();
        }
        catch (Exception e)
        {
            // The consumer sees the failure when it reaches this point of the sequence.
            _inOrder.Writer.Complete(e);
        }
        finally
        {
            _toStart.Writer.Complete();
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var slot in _toStart.Reader.ReadAllAsync(ct))
            {
                if (slot.TryClaim())
                {
                    await RunAsync(slot, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Disposed before every item was taken: nothing waits for the rest.
        }
    }

    /// <summary>Prepares one item; a failure is handed to whoever takes the item's result.</summary>
    private async Task RunAsync(Slot slot, CancellationToken ct)
    {
        try
        {
            slot.Done.SetResult(await _prepare(slot.Item, ct));
        }
        catch (Exception e)
        {
            slot.Done.SetException(e);
        }
    }

    /// <summary>An item in flight: claimed by exactly one of the workers and the consumer.</summary>
    private sealed class Slot(TItem item)
    {
        private int _claimed;

        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryClaim() => Interlocked.Exchange(ref _claimed, 1) == 0;
    }
}
