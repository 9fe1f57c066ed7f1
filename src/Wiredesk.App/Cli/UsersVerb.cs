using System.CommandLine;
using Wiredesk.App.Web.Account;
using Wiredesk.Editorial;
using Wiredesk.Storage;

namespace Wiredesk.App.Cli;

/// <summary>`wiredesk users add|list|key`: accounts of the newsroom server and their API keys.</summary>
public static class UsersVerb
{
    public static Command Create(CliOutput output)
    {
        var command = new Command("users", "Manage newsroom accounts: add, list, key");
        command.Subcommands.Add(Add(output));
        command.Subcommands.Add(List(output));
        command.Subcommands.Add(Key(output));
        return command;
    }

    private static Command Add(CliOutput output)
    {
        var name = new Argument<string>("NAME") { Description = "Account name used to sign in" };
        var role = new Option<string>("--role") { Description = "admin, editor or reader", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All]);
        var display = new Option<string?>("--display-name") { Description = "Name shown on pages and in the credit line (default: NAME)" };
        var password = new Option<string?>("--password")
        {
            Description = "Password (env WIREDESK_PASSWORD; when neither is given one is generated and printed once)",
        };
        var command = new Command("add", "Create an account") { name, role, display, password };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var given = parsed.GetValue(password) ?? Environment.GetEnvironmentVariable("WIREDESK_PASSWORD");
            var secret = string.IsNullOrEmpty(given) ? GeneratePassword() : given;
            if (Passwords.Problem(secret) is { } problem)
            {
                throw new UsageException(problem);
            }

            var accountName = parsed.GetValue(name)!.Trim();
            if (accountName.Length is 0 or > 64 || accountName.Any(char.IsControl))
            {
                throw new UsageException("an account name has 1 to 64 printable characters");
            }

            var store = new UserStore(await Database.OpenAsync(settings.DatabasePath, ct));
            try
            {
                var user = await store.AddAsync(accountName, parsed.GetValue(display) ?? accountName, parsed.GetValue(role)!, Passwords.Hash(secret), TimeProvider.System.GetUtcNow(), ct);
                output.Out.WriteLine($"Added {user.Role} '{user.Name}' (id {user.Id}).");
                if (string.IsNullOrEmpty(given))
                {
                    output.Out.WriteLine($"Password (shown once): {secret}");
                }
            }
            catch (DuplicateNameException e)
            {
                throw new UsageException(e.Message);
            }

            return CommandLine.Ok;
        });
        return command;
    }

    private static Command List(CliOutput output)
    {
        var command = new Command("list", "List accounts");
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var users = await new UserStore(await Database.OpenAsync(settings.DatabasePath, ct)).AllAsync(ct);
            foreach (var user in users)
            {
                output.Out.WriteLine($"{user.Id,5}  {user.Role,-7} {user.Name}  ({user.DisplayName}){(user.Disabled ? "  disabled" : "")}");
            }

            return CommandLine.Ok;
        });
        return command;
    }

    private static Command Key(CliOutput output)
    {
        var name = new Argument<string>("NAME") { Description = "Account the key acts for" };
        var label = new Option<string>("--label") { Description = "What the key is for", DefaultValueFactory = _ => "cli" };
        var command = new Command("key", "Create a personal API key (printed once; only its hash is stored)") { name, label };
        command.SetAction(async (parsed, ct) =>
        {
            var settings = GlobalOptions.ToSettings(parsed);
            var store = new UserStore(await Database.OpenAsync(settings.DatabasePath, ct));
            var user = await store.FindByNameAsync(parsed.GetValue(name)!, ct) ?? throw new UsageException($"no account named '{parsed.GetValue(name)}'");
            var (key, _) = await store.CreateApiKeyAsync(user.Id, parsed.GetValue(label)!, TimeProvider.System.GetUtcNow(), ct);
            output.Out.WriteLine(key);
            return CommandLine.Ok;
        });
        return command;
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}
