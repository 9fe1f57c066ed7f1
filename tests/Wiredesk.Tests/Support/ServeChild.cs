using System.Diagnostics;
using System.Net;

namespace Wiredesk.Tests.Support;

/// <summary>`wiredesk serve` as a child process on a free loopback port with the given data folder.</summary>
public sealed record ServeChild(Process Process, Uri BaseAddress) : IDisposable
{
    public static async Task<ServeChild> StartAsync(string data)
    {
        var port = SmtpSink.FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Wiredesk.App.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data", data })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var child = new ServeChild(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = child.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await probe.GetAsync("/account/sign-in")).StatusCode == HttpStatusCode.OK)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }

            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                child.Dispose();
                throw new InvalidOperationException("wiredesk serve did not start");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
