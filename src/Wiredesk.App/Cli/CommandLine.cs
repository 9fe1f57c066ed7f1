namespace Wiredesk.App.Cli;

/// <summary>Dispatches the first argument to its verb.</summary>
public static class CommandLine
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("usage: wiredesk VERB ...");
        return Task.FromResult(args.Length == 0 ? 2 : 2);
    }
}
