using Wiredesk.Ingest;

namespace Wiredesk.Tests.Ingest;

public sealed class InOrderPreparationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(1, 4)]
    [InlineData(3, 4)]
    [InlineData(2, 64)]
    public async Task Results_come_back_in_item_order_whatever_order_they_finish_in(int workers, int inFlight)
    {
        var items = Enumerable.Range(0, 200).ToList();
        async Task<int> Prepare(int item, CancellationToken ct)
        {
            // Later items often finish first.
            await Task.Delay(item % 7 == 0 ? 5 : 0, ct);
            return item * 10;
        }

        await using var preparation = new InOrderPreparation<int, int>(items, Prepare, inFlight, workers, CancellationToken.None);
        var results = await DrainAsync(preparation, maxSize: 16);

        Assert.Equal(items.Select(i => i * 10), results);
    }

    [Fact]
    public async Task The_consumer_prepares_items_ahead_while_it_waits_for_a_worker()
    {
        // With one worker, item 0 cannot finish until item 1 is prepared: only the consumer, preparing the item no
        // worker has started while it waits, can get past it.
        var zeroStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<int> Prepare(int item, CancellationToken ct)
        {
            if (item == 0)
            {
                zeroStarted.TrySetResult();
                await secondDone.Task.WaitAsync(ct);
            }
            else if (item == 1)
            {
                secondDone.TrySetResult();
            }

            return item;
        }

        await using var preparation = new InOrderPreparation<int, int>([0, 1, 2, 3], Prepare, inFlight: 4, workers: 1, CancellationToken.None);
        // Nothing has asked for a result yet, so the worker is the one on item 0.
        await zeroStarted.Task.WaitAsync(Patience);
        var results = await DrainAsync(preparation, maxSize: 1).WaitAsync(Patience);

        Assert.Equal([0, 1, 2, 3], results);
    }

    [Fact]
    public async Task At_most_the_workers_and_the_consumer_prepare_at_once_and_only_in_flight_items_are_taken()
    {
        var running = 0;
        var most = 0;
        var taken = 0;
        var maxAhead = 0;
        var handedBack = 0;
        IEnumerable<int> Items()
        {
            for (var i = 0; i < 300; i++)
            {
                Interlocked.Increment(ref taken);
                InterlockedMax(ref maxAhead, Volatile.Read(ref taken) - Volatile.Read(ref handedBack));
                yield return i;
            }
        }

        async Task<int> Prepare(int item, CancellationToken ct)
        {
            InterlockedMax(ref most, Interlocked.Increment(ref running));
            await Task.Yield();
            Thread.Sleep(1);
            Interlocked.Decrement(ref running);
            return item;
        }

        await using var preparation = new InOrderPreparation<int, int>(Items(), Prepare, inFlight: 8, workers: 2, CancellationToken.None);
        var results = new List<int>();
        while (await preparation.NextAsync(_ => 1, 4) is { Count: > 0 } group)
        {
            results.AddRange(group);
            Interlocked.Add(ref handedBack, group.Count);
        }

        Assert.Equal(Enumerable.Range(0, 300), results);
        Assert.InRange(most, 1, 3);
        // The bound of 8 in flight, plus the item the producer holds while it waits for room, plus the group of at most
        // 4 taken out of the channel but not yet handed back.
        Assert.InRange(maxAhead, 1, 8 + 1 + 4);
    }

    [Fact]
    public async Task A_failing_item_fails_where_it_stands_in_the_sequence()
    {
        static Task<int> Prepare(int item, CancellationToken ct) =>
            item == 5 ? Task.FromException<int>(new InvalidOperationException("item 5 is broken")) : Task.FromResult(item);

        await using var preparation = new InOrderPreparation<int, int>(Enumerable.Range(0, 10), Prepare, inFlight: 4, workers: 1, CancellationToken.None);
        var before = new List<int>();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            while (await preparation.NextAsync(_ => 1, 1) is { Count: > 0 } group)
            {
                before.AddRange(group);
            }
        });

        Assert.Equal("item 5 is broken", error.Message);
        Assert.Equal([0, 1, 2, 3, 4], before);
    }

    private static async Task<List<int>> DrainAsync(InOrderPreparation<int, int> preparation, int maxSize)
    {
        var results = new List<int>();
        while (await preparation.NextAsync(_ => 1, maxSize) is { Count: > 0 } group)
        {
            results.AddRange(group);
        }

        return results;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var was = Interlocked.CompareExchange(ref target, value, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }
}
