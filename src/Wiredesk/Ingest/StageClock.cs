using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Wiredesk.Ingest;

// TEMPORARY instrumentation: thread CPU time per stage.
public static partial class StageClock
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Sec; public long NSec; }

#pragma warning disable
    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec ts);
#pragma warning restore

    public static long Now()
    {
        _ = ClockGetTime(3, out var ts);
        return ts.Sec * 1_000_000_000 + ts.NSec;
    }

    public static readonly ConcurrentDictionary<string, long[]> Totals = new();

    public static long Mark(string stage, long since)
    {
        var now = Now();
        var t = Totals.GetOrAdd(stage, _ => new long[2]);
        Interlocked.Add(ref t[0], now - since);
        Interlocked.Increment(ref t[1]);
        return now;
    }

    public static string Report(int reports) => string.Join("\n", Totals.OrderBy(k => k.Key).Select(k => $"{k.Key,-30} {k.Value[0] / 1000.0 / reports,8:F1} µs/report  ({k.Value[1]} calls)"));
}
