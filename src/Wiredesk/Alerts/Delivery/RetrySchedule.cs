namespace Wiredesk.Alerts.Delivery;

/// <summary>When a failed webhook delivery is tried again: exponential backoff with full jitter. After attempt n
/// failed, the ceiling is <c>min(maxDelay, baseDelay · 2^(n−1))</c> and the wait is drawn uniformly from
/// [0, ceiling] — spreading the retries of many deliveries that failed together (a receiver that was down) instead of
/// bringing them back in one burst. Time and randomness are injected so tests can pin both.</summary>
public sealed class RetrySchedule
{
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _gate = new();

    public RetrySchedule(int maxAttempts, TimeSpan baseDelay, TimeSpan maxDelay, TimeProvider time, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
        _time = time;
        _random = random;
    }

    public static RetrySchedule From(WebhookSettings settings, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RetrySchedule(settings.MaxAttempts, settings.BaseDelay, settings.MaxDelay, time, random);
    }

    public int MaxAttempts { get; }
    public TimeSpan BaseDelay { get; }
    public TimeSpan MaxDelay { get; }

    /// <summary>The longest wait after <paramref name="attemptsMade"/> failed attempts (1 or more).</summary>
    public TimeSpan Ceiling(int attemptsMade)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        // Past 2^40 the product overflows long before it matters: the cap has long been reached.
        var factor = Math.Pow(2, Math.Min(attemptsMade - 1, 40));
        var ticks = BaseDelay.Ticks * factor;
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A wait drawn from [0, <see cref="Ceiling"/>].</summary>
    public TimeSpan Delay(int attemptsMade)
    {
        var ceiling = Ceiling(attemptsMade);
        double sample;
        lock (_gate)
        {
            sample = _random.NextDouble();
        }

        return TimeSpan.FromTicks((long)(ceiling.Ticks * sample));
    }

    /// <summary>When to try again after <paramref name="attemptsMade"/> failed attempts, or null when that was the
    /// last one (the delivery is dead).</summary>
    public DateTimeOffset? NextAttemptAt(int attemptsMade) =>
        attemptsMade >= MaxAttempts ? null : _time.GetUtcNow() + Delay(attemptsMade);
}
