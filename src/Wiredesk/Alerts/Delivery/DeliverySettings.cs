namespace Wiredesk.Alerts.Delivery;

/// <summary>How alerts leave the server besides the browser: webhooks and the optional e-mail digest. `wiredesk
/// serve` reads it from delivery.json in the data folder (docs/configuration.md); every field has a default.</summary>
public sealed record DeliverySettings
{
    public const string FileName = "delivery.json";

    /// <summary>The site's public address, for the story links in payloads and e-mails (the first --urls address
    /// when not set).</summary>
    public string? SiteUrl { get; init; }

    public WebhookSettings Webhooks { get; init; } = new();

    /// <summary>Null: no e-mail digest (the page says so).</summary>
    public SmtpSettings? Email { get; init; }

    /// <summary>Reads delivery.json from the data folder; the defaults when there is none. Throws
    /// <see cref="InvalidDataException"/> naming the file when it is not valid.</summary>
    public static async Task<DeliverySettings> LoadAsync(string dataFolder, CancellationToken ct = default)
    {
        var path = Path.Combine(dataFolder, FileName);
        if (!File.Exists(path))
        {
            return new DeliverySettings();
        }

        try
        {
            await using var file = File.OpenRead(path);
            return await System.Text.Json.JsonSerializer.DeserializeAsync<DeliverySettings>(file, JsonDefaults.Options, ct) ?? new DeliverySettings();
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid delivery settings: {e.Message}", e);
        }
    }
}

/// <summary>Retries, timeouts and the network rule for webhook calls.</summary>
public sealed record WebhookSettings
{
    /// <summary>Attempts in all, the first one included; after the last failure the delivery is dead.</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>One attempt's time limit: connect, send, and the receiver's answer.</summary>
    public double AttemptTimeoutSeconds { get; init; } = 10;

    /// <summary>The backoff's first ceiling; it doubles with each failed attempt.</summary>
    public double BaseDelaySeconds { get; init; } = 10;

    /// <summary>The ceiling never grows past this.</summary>
    public double MaxDelaySeconds { get; init; } = 3600;

    /// <summary>Hosts (names or literal addresses) a webhook may point at although they are loopback or private
    /// addresses; plain http is then accepted for loopback ones. Empty by default: a reader must not be able to make
    /// the server call into the operator's own network. Tests name 127.0.0.1.</summary>
    public IReadOnlyList<string> AllowedPrivateHosts { get; init; } = [];

    /// <summary>How often the server looks at the alerts table and the due deliveries even when nothing woke it:
    /// alerts stored by another process, or a bus message lost, are delivered after at most this long.</summary>
    public double PollSeconds { get; init; } = 5;

    /// <summary>Webhooks a reader may register.</summary>
    public int MaxPerOwner { get; init; } = 10;

    public TimeSpan AttemptTimeout => TimeSpan.FromSeconds(AttemptTimeoutSeconds);
    public TimeSpan BaseDelay => TimeSpan.FromSeconds(BaseDelaySeconds);
    public TimeSpan MaxDelay => TimeSpan.FromSeconds(MaxDelaySeconds);
    public TimeSpan PollInterval => TimeSpan.FromSeconds(PollSeconds);
}

/// <summary>The SMTP server digests are sent through (MailKit).</summary>
public sealed record SmtpSettings
{
    public string Host { get; init; } = "";
    public int Port { get; init; } = 587;

    /// <summary>"starttls" (default), "ssl" (TLS from the first byte, port 465), "none" (a local relay or a test
    /// sink) or "auto".</summary>
    public string Security { get; init; } = "starttls";

    public string? UserName { get; init; }
    public string? Password { get; init; }

    /// <summary>The From address, e.g. "Wiredesk alerts &lt;alerts@example.org&gt;".</summary>
    public string From { get; init; } = "";

    /// <summary>Digest intervals a reader may choose from, in minutes.</summary>
    public IReadOnlyList<int> IntervalsMinutes { get; init; } = [60, 360, 1440];

    public double TimeoutSeconds { get; init; } = 30;
}
