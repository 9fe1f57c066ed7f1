using Microsoft.Extensions.Time.Testing;
using Wiredesk.Alerts.Delivery;

namespace Wiredesk.Tests.Alerts.Delivery;

public class RetryScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static RetrySchedule Schedule(int seed = 42, int maxAttempts = 8, FakeTimeProvider? time = null) =>
        new(maxAttempts, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1), time ?? new FakeTimeProvider(Start), new Random(seed));

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(8, 1280)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(64, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void The_ceiling_doubles_with_each_failed_attempt_up_to_the_maximum(int attemptsMade, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Schedule().Ceiling(attemptsMade));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void Full_jitter_stays_between_zero_and_the_ceiling_and_spreads_across_it(int attemptsMade)
    {
        var schedule = Schedule();
        var ceiling = schedule.Ceiling(attemptsMade);
        var delays = Enumerable.Range(0, 2000).Select(_ => schedule.Delay(attemptsMade)).ToList();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.Zero, ceiling));
        Assert.True(delays.Min() < ceiling * 0.05, $"smallest {delays.Min()} of {ceiling}");
        Assert.True(delays.Max() > ceiling * 0.95, $"largest {delays.Max()} of {ceiling}");
        var mean = delays.Average(d => d.TotalSeconds) / ceiling.TotalSeconds;
        Assert.InRange(mean, 0.45, 0.55);
    }

    [Fact]
    public void Waits_grow_exponentially_on_average()
    {
        var schedule = Schedule();
        var means = Enumerable.Range(1, 6).Select(n => Enumerable.Range(0, 2000).Average(_ => schedule.Delay(n).TotalSeconds)).ToList();
        for (var n = 1; n < means.Count; n++)
        {
            Assert.InRange(means[n] / means[n - 1], 1.8, 2.2);
        }
    }

    [Fact]
    public void The_same_seed_and_clock_give_the_same_schedule_and_the_last_attempt_gives_none()
    {
        var time = new FakeTimeProvider(Start);
        var a = Schedule(seed: 5, maxAttempts: 4, time: time);
        var b = Schedule(seed: 5, maxAttempts: 4, time: time);
        var c = Schedule(seed: 6, maxAttempts: 4, time: time);

        var fromA = Enumerable.Range(1, 3).Select(n => a.NextAttemptAt(n)).ToList();
        var fromB = Enumerable.Range(1, 3).Select(n => b.NextAttemptAt(n)).ToList();
        var fromC = Enumerable.Range(1, 3).Select(n => c.NextAttemptAt(n)).ToList();

        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA, fromC);
        Assert.All(fromA.Select((at, i) => (at, i)), x => Assert.InRange(x.at!.Value, Start, Start + a.Ceiling(x.i + 1)));
        Assert.Null(a.NextAttemptAt(4));
        Assert.Null(a.NextAttemptAt(5));

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.InRange(a.NextAttemptAt(1)!.Value, Start.AddMinutes(30), Start.AddMinutes(30).AddSeconds(10));
    }

    [Fact]
    public void Nonsense_settings_are_refused()
    {
        var time = new FakeTimeProvider(Start);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), time, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(3, TimeSpan.Zero, TimeSpan.FromSeconds(2), time, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetrySchedule(3, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2), time, new Random(1)));
    }
}
