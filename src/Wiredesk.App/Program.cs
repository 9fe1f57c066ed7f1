using Wiredesk.App.Cli;

return await CommandLine.RunAsync(args);
