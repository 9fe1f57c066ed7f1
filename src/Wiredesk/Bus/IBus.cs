namespace Wiredesk.Bus;

/// <summary>Carries the facts declared in Messages.cs between stages that do not call each other: in-process by
/// default (<see cref="InProcessBus"/>), NATS JetStream at scale. Delivery is best effort and in order per subscriber;
/// anything that must survive a crash is written to the store first and the message only says "look".</summary>
public interface IBus
{
    ValueTask PublishAsync<T>(T message, CancellationToken ct = default) where T : IMessage;

    /// <summary>Every message of type T published after the call (the subscription starts at the call, not at the first
    /// read), until <paramref name="ct"/> is cancelled.</summary>
    IAsyncEnumerable<T> SubscribeAsync<T>(CancellationToken ct = default) where T : IMessage;
}
