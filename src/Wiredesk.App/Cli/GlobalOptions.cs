using System.CommandLine;

namespace Wiredesk.App.Cli;

/// <summary>Options every verb takes; each can also come from an environment variable (docs/configuration.md).</summary>
public static class GlobalOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Data folder holding the SQLite store (env WIREDESK_DATA)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WIREDESK_DATA") is { Length: > 0 } d ? d : "wiredesk-data",
        Recursive = true,
    };

    public static readonly Option<long> MaxBytes = new("--max-bytes")
    {
        Description = "Refuse inputs larger than this many bytes (env WIREDESK_MAX_BYTES)",
        DefaultValueFactory = _ => long.TryParse(Environment.GetEnvironmentVariable("WIREDESK_MAX_BYTES"), out var v) ? v : new Settings().MaxInputBytes,
        Recursive = true,
    };

    public static readonly Option<string[]> AllowHost = new("--allow-host")
    {
        Description = "Host that may be fetched although it resolves to a loopback or private address (repeatable; env WIREDESK_ALLOWED_HOSTS, comma-separated)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<bool> AllowPrivateNetworks = new("--allow-private-networks")
    {
        Description = "Allow fetching any loopback or private address (closed networks and tests only)",
        Recursive = true,
    };

    public static readonly Option<string[]> KnowledgeBase = new("--kb")
    {
        Description = "Extra knowledge-base file merged over the shipped one (repeatable; <data>/knowledge.json is read when present)",
        Recursive = true,
    };

    public static readonly Option<double> TimeoutSeconds = new("--timeout")
    {
        Description = "Seconds before a fetch is abandoned",
        DefaultValueFactory = _ => new Settings().FetchTimeout.TotalSeconds,
        Recursive = true,
    };

    public static readonly Option<double> StoryWindowDays = new("--story-window")
    {
        Description = "Days around a report's event days within which it may join a story (env WIREDESK_STORY_WINDOW_DAYS)",
        DefaultValueFactory = _ => double.TryParse(Environment.GetEnvironmentVariable("WIREDESK_STORY_WINDOW_DAYS"), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : new Settings().StoryWindow.TotalDays,
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(Data);
        root.Options.Add(MaxBytes);
        root.Options.Add(AllowHost);
        root.Options.Add(AllowPrivateNetworks);
        root.Options.Add(KnowledgeBase);
        root.Options.Add(TimeoutSeconds);
        root.Options.Add(StoryWindowDays);
    }

    public static Settings ToSettings(ParseResult parsed)
    {
        var data = parsed.GetValue(Data)!;
        var hosts = (parsed.GetValue(AllowHost) ?? [])
            .Concat((Environment.GetEnvironmentVariable("WIREDESK_ALLOWED_HOSTS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        var kb = (parsed.GetValue(KnowledgeBase) ?? []).ToList();
        var userKb = Path.Combine(data, "knowledge.json");
        if (File.Exists(userKb))
        {
            kb.Insert(0, userKb);
        }

        foreach (var file in kb.Where(f => !File.Exists(f)))
        {
            throw new UsageException($"knowledge-base file not found: {file}");
        }

        return new Settings
        {
            DataFolder = data,
            MaxInputBytes = parsed.GetValue(MaxBytes),
            AllowedPrivateHosts = hosts,
            AllowPrivateNetworks = parsed.GetValue(AllowPrivateNetworks),
            KnowledgeBaseFiles = kb,
            FetchTimeout = TimeSpan.FromSeconds(parsed.GetValue(TimeoutSeconds)),
            StoryWindow = TimeSpan.FromDays(parsed.GetValue(StoryWindowDays)),
        };
    }
}
