using System.CommandLine;

namespace Wiredesk.App.Cli;

/// <summary>The `wiredesk` verbs. Exit codes: 0 all went well, 1 some input failed, 2 bad usage.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error);
        var root = new RootCommand("Wiredesk: wire reports in, verified stories and alerts out.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(IngestVerb.Create(output));
        root.Subcommands.Add(AnalyzeVerb.Create(output));
        root.Subcommands.Add(ReportsVerb.Create(output));
        root.Subcommands.Add(SourcesVerb.Create(output));
        root.Subcommands.Add(PollVerb.Create(output));
        root.Subcommands.Add(StoriesVerb.Create(output));
        root.Subcommands.Add(StoryVerb.Create(output));
        root.Subcommands.Add(DraftVerb.Create(output));
        root.Subcommands.Add(VerifyVerb.Create(output));
        root.Subcommands.Add(ServeVerb.Create(output));
        root.Subcommands.Add(UsersVerb.Create(output));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                output.Error.WriteLine($"wiredesk: {error.Message}");
            }

            output.Error.WriteLine("Run 'wiredesk --help' for usage.");
            return BadUsage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output.Out, Error = output.Error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            output.Error.WriteLine($"wiredesk: {e.Message}");
            return BadUsage;
        }
    }
}

/// <summary>Where verbs write: injected so tests can run the CLI in-process and read what a user would see.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Error);

/// <summary>A command line that parses but cannot be acted on (a knowledge-base file that is not there...).</summary>
public sealed class UsageException(string message) : Exception(message);
