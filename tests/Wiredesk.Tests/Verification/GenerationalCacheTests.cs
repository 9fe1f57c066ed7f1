using Wiredesk.Verification;

namespace Wiredesk.Tests.Verification;

public class GenerationalCacheTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(100)]
    public void An_entry_is_kept_for_the_next_max_minus_one_additions_and_forgotten_after_twice_max(int max)
    {
        var cache = new GenerationalCache<string, int>(max);
        cache.Add("kept", 1);
        for (var i = 0; i < max - 1; i++)
        {
            cache.Add($"other {i}", i);
        }

        Assert.True(cache.TryGetValue("kept", out var value));
        Assert.Equal(1, value);

        var forgotten = new GenerationalCache<string, int>(max);
        forgotten.Add("old", 1);
        for (var i = 0; i < 2 * max; i++)
        {
            forgotten.Add($"other {i}", i);
        }

        Assert.False(forgotten.TryGetValue("old", out _));
    }

    [Fact]
    public void An_entry_in_use_is_carried_over_while_unused_ones_are_dropped()
    {
        const int Max = 3;
        var cache = new GenerationalCache<string, string>(Max);
        cache.Add("used", "u");
        cache.Add("unused", "x");
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < Max - 1; i++)
            {
                cache.Add($"filler {round} {i}", "f");
            }

            Assert.True(cache.TryGetValue("used", out var value), $"round {round}");
            Assert.Equal("u", value);
        }

        Assert.False(cache.TryGetValue("unused", out _));
    }

    [Fact]
    public void Keys_compare_with_the_given_comparer()
    {
        var cache = new GenerationalCache<string, int>(8, StringComparer.OrdinalIgnoreCase);
        cache.Add("Seoul", 1);

        Assert.True(cache.TryGetValue("SEOUL", out var value));
        Assert.Equal(1, value);
        Assert.False(new GenerationalCache<string, int>(8).TryGetValue("SEOUL", out _));
    }

    [Fact]
    public void Adds_from_several_threads_keep_the_bound_and_every_value_right()
    {
        const int Max = 64;
        const int Threads = 4;
        const int Count = 10_000;
        var cache = new GenerationalCache<int, int>(Max);
        Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i =>
        {
            cache.Add(i, i * 2);
            if (cache.TryGetValue(i / 2, out var earlier))
            {
                Assert.Equal(i / 2 * 2, earlier);
            }
        });

        var found = 0;
        for (var i = 0; i < Count; i++)
        {
            if (cache.TryGetValue(i, out var value))
            {
                Assert.Equal(i * 2, value);
                found++;
            }
        }

        // The previous generation was full when it was turned over; an add racing a turnover may land in it.
        Assert.InRange(found, Max, (2 * Max) + Threads);
    }
}
