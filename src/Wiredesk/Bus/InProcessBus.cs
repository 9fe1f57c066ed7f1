using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Wiredesk.Bus;

/// <summary>The default bus: a bounded channel per subscriber. A subscriber that falls more than
/// <see cref="Capacity"/> messages behind loses the oldest ones rather than slowing the publisher down — a reader's
/// browser on a bad connection must never hold up ingest. Subscribers that need every message (drafting, alerts)
/// read the store, which the message only points at.</summary>
public sealed class InProcessBus : IBus
{
    public const int Capacity = 1024;

    private readonly ConcurrentDictionary<Channel<IMessage>, Type> _subscribers = new();
    private readonly ConcurrentDictionary<object, Action<IMessage>> _observers = new();

    public int SubscriberCount => _subscribers.Count;

    public ValueTask PublishAsync<T>(T message, CancellationToken ct = default) where T : IMessage
    {
        foreach (var observer in _observers.Values)
        {
            observer(message);
        }

        foreach (var (channel, type) in _subscribers)
        {
            if (type.IsInstanceOfType(message))
            {
                channel.Writer.TryWrite(message);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Calls <paramref name="observer"/> for every message of type T inside <see cref="PublishAsync"/>, on
    /// the publisher's thread, before it returns, until the result is disposed. For the rare reaction that must have
    /// happened before the publisher goes on — the reader site's page cache must drop a page a publication changed
    /// before the editor's next request can read it. The observer must be quick and must not throw.</summary>
    public IDisposable Observe<T>(Action<T> observer) where T : IMessage
    {
        ArgumentNullException.ThrowIfNull(observer);
        var key = new object();
        _observers[key] = message =>
        {
            if (message is T typed)
            {
                observer(typed);
            }
        };
        return new Observation(() => _observers.TryRemove(key, out _));
    }

    private sealed class Observation(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }

    public IAsyncEnumerable<T> SubscribeAsync<T>(CancellationToken ct = default) where T : IMessage
    {
        // Registered now, not at the first MoveNextAsync: a caller that subscribes and then triggers a publish
        // must see the message.
        var channel = Channel.CreateBounded<IMessage>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _subscribers[channel] = typeof(T);
        return ReadAsync<T>(channel, ct);
    }

    private async IAsyncEnumerable<T> ReadAsync<T>(Channel<IMessage> channel, [EnumeratorCancellation] CancellationToken ct) where T : IMessage
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var message))
                {
                    yield return (T)message;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(channel, out _);
        }
    }
}
