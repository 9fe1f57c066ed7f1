namespace Wiredesk.Editorial;

/// <summary>The three roles of a Wiredesk account. A role includes the ones below it: an admin may do what an
/// editor may, an editor what a reader may.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Editor = "editor";
    public const string Reader = "reader";

    public static IReadOnlyList<string> All { get; } = [Admin, Editor, Reader];

    public static bool IsValid(string role) => All.Contains(role);

    /// <summary>The roles that satisfy a requirement of <paramref name="role"/>.</summary>
    public static IReadOnlyList<string> AtLeast(string role) => role switch
    {
        Admin => [Admin],
        Editor => [Admin, Editor],
        Reader => [Admin, Editor, Reader],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a role"),
    };
}
