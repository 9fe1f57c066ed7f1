using System.Diagnostics;
using Wiredesk.Tests.Support;

namespace Wiredesk.Bench;

/// <summary>Runs the npm peer (compromise) with the machine's Node.js, installing it on first use.</summary>
public static class Peer
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "bench", "peers", "compromise");

    public static async Task<string?> RunAsync(params string[] args)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules")) && await ExecAsync("npm", ["ci", "--no-audit", "--no-fund"]) is null)
        {
            return null;
        }

        return await ExecAsync("node", ["run.js", .. args]);
    }

    private static async Task<string?> ExecAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"  peer: {file} exited {process.ExitCode}: {(await error).Trim()}");
                return null;
            }

            return await output;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine($"  peer: cannot run {file}: {e.Message}");
            return null;
        }
    }
}
