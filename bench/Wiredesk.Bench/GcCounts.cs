namespace Wiredesk.Bench;

/// <summary>Collections by generation and the time the runtime held threads paused for them: with two workers on two
/// cores, a pause stops both, so it is wall-clock time no CPU figure shows.</summary>
public readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static GcCounts Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public static GcCounts operator -(GcCounts after, GcCounts before) =>
        new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Paused - before.Paused);

    public override string ToString() =>
        $"GC: {Gen0:N0} collections ({Gen1:N0} gen1, {Gen2:N0} gen2), paused {Paused.TotalMilliseconds:N0} ms";
}
