namespace Wiredesk.Editorial;

/// <summary>The editorial statuses of a story on the desk.</summary>
public static class DeskStatus
{
    /// <summary>No draft yet: the story has just been formed.</summary>
    public const string None = "none";
    public const string Drafted = "drafted";
    public const string Published = "published";
    public const string Rejected = "rejected";
    /// <summary>Published, and since then republished with a correction note.</summary>
    public const string Corrected = "corrected";
    /// <summary>Withdrawn from the site and feeds with a notice; kept in the store.</summary>
    public const string Killed = "killed";

    public static IReadOnlyList<string> All { get; } = [None, Drafted, Published, Rejected, Corrected, Killed];

    /// <summary>Whether the story is live on the reader site.</summary>
    public static bool IsLive(string status) => status is Published or Corrected;
}

/// <summary>One allowed move: from a status to another by an action, and who may make it — an account role
/// (<see cref="Roles"/>; higher roles included) or <see cref="Workflow.System"/>, the newsroom itself.</summary>
public sealed record Transition(string From, string To, string Action, string Role);

/// <summary>The editorial workflow as data (DESIGN.md rule 14): every move a story can make, with the role it
/// needs. Anything not in the table is refused. Saving an edit is not a move: it keeps the status
/// (<see cref="CanEdit"/>).</summary>
public static class Workflow
{
    /// <summary>The actor of moves the newsroom makes on its own: drafting, redrafting and auto-publish.</summary>
    public const string System = "system";

    public static IReadOnlyList<Transition> Transitions { get; } =
    [
        new(DeskStatus.None, DeskStatus.Drafted, "draft", System),
        new(DeskStatus.Drafted, DeskStatus.Drafted, "redraft", System),
        new(DeskStatus.Drafted, DeskStatus.Published, "auto-publish", System),
        new(DeskStatus.Drafted, DeskStatus.Published, "publish", Roles.Editor),
        new(DeskStatus.Drafted, DeskStatus.Rejected, "reject", Roles.Editor),
        // A new report on a rejected story puts it before an editor again; an editor may also reopen it.
        new(DeskStatus.Rejected, DeskStatus.Drafted, "redraft", System),
        new(DeskStatus.Rejected, DeskStatus.Drafted, "reopen", Roles.Editor),
        new(DeskStatus.Published, DeskStatus.Corrected, "correct", Roles.Editor),
        new(DeskStatus.Published, DeskStatus.Killed, "kill", Roles.Editor),
        new(DeskStatus.Corrected, DeskStatus.Corrected, "correct", Roles.Editor),
        new(DeskStatus.Corrected, DeskStatus.Killed, "kill", Roles.Editor),
    ];

    /// <summary>The transition for this action from this status when the actor may make it; null when refused.
    /// <paramref name="actor"/> is an account role or <see cref="System"/>.</summary>
    public static Transition? Find(string from, string action, string actor) =>
        Transitions.FirstOrDefault(t => t.From == from && t.Action == action && Satisfies(actor, t.Role));

    /// <summary>The actions an actor may take from a status, in table order.</summary>
    public static IReadOnlyList<Transition> AllowedFrom(string from, string actor) =>
        [.. Transitions.Where(t => t.From == from && Satisfies(actor, t.Role))];

    /// <summary>An editor may edit a draft under review and a live story (the edit is published as a correction);
    /// a rejected or killed story is closed.</summary>
    public static bool CanEdit(string status, string actor) =>
        status is DeskStatus.Drafted or DeskStatus.Published or DeskStatus.Corrected && actor != System && Satisfies(actor, Roles.Editor);

    private static bool Satisfies(string actor, string required) =>
        required == System ? actor == System : actor != System && Roles.IsValid(actor) && Roles.AtLeast(required).Contains(actor);
}
