using System.Runtime.InteropServices;

namespace Wiredesk.Bench;

/// <summary>CPU time of the calling thread (Linux: CLOCK_THREAD_CPUTIME_ID). The writer's steps run synchronously on
/// one thread (Microsoft.Data.Sqlite completes its async calls inline), so the thread's CPU time per step is what the
/// step costs, whatever else the shared machine runs; elsewhere it falls back to the wall clock.</summary>
internal static class ThreadCpuTime
{
    private const int ThreadCpuClock = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>Seconds of CPU the calling thread has used.</summary>
    public static double Seconds() => TryRead(out var seconds) ? seconds : 0;

    private static bool TryRead(out double seconds)
    {
        seconds = 0;
        try
        {
            if (ClockGetTime(ThreadCpuClock, out var time) != 0)
            {
                return false;
            }

            seconds = time.Seconds + (time.Nanoseconds / 1e9);
            return true;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in the project for one libc call.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
