using Wiredesk.Editorial;

namespace Wiredesk.Tests.Editorial;

public class WorkflowTests
{
    private static readonly string[] Actions = ["draft", "redraft", "auto-publish", "publish", "reject", "reopen", "correct", "kill", "delete", "edit"];
    private static readonly string[] Actors = [Workflow.System, Roles.Admin, Roles.Editor, Roles.Reader, "nobody"];

    /// <summary>The workflow as the newsroom agreed it, written out here independently of the table: (from, action,
    /// minimum role or "system") → to. Every other combination must be refused.</summary>
    private static readonly Dictionary<(string From, string Action), (string Who, string To)> Agreed = new()
    {
        [("none", "draft")] = ("system", "drafted"),
        [("drafted", "redraft")] = ("system", "drafted"),
        [("drafted", "auto-publish")] = ("system", "published"),
        [("drafted", "publish")] = ("editor", "published"),
        [("drafted", "reject")] = ("editor", "rejected"),
        [("rejected", "redraft")] = ("system", "drafted"),
        [("rejected", "reopen")] = ("editor", "drafted"),
        [("published", "correct")] = ("editor", "corrected"),
        [("published", "kill")] = ("editor", "killed"),
        [("corrected", "correct")] = ("editor", "corrected"),
        [("corrected", "kill")] = ("editor", "killed"),
    };

    public static TheoryData<string, string, string> EveryCombination()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var from in DeskStatus.All)
        {
            foreach (var action in Actions)
            {
                foreach (var actor in Actors)
                {
                    data.Add(from, action, actor);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_status_action_and_actor_is_allowed_exactly_as_agreed(string from, string action, string actor)
    {
        var expected = Agreed.TryGetValue((from, action), out var rule) && Qualifies(actor, rule.Who) ? rule.To : null;
        Assert.Equal(expected, Workflow.Find(from, action, actor)?.To);
    }

    [Fact]
    public void The_table_has_no_move_beyond_the_agreed_ones()
    {
        Assert.Equal(Agreed.Count, Workflow.Transitions.Count);
        Assert.All(Workflow.Transitions, t => Assert.True(Agreed.ContainsKey((t.From, t.Action)), $"{t.From} -{t.Action}->"));
    }

    [Fact]
    public void A_killed_story_is_final_for_everyone()
    {
        foreach (var actor in Actors)
        {
            Assert.Empty(Workflow.AllowedFrom(DeskStatus.Killed, actor));
            Assert.False(Workflow.CanEdit(DeskStatus.Killed, actor));
        }
    }

    [Theory]
    [InlineData("drafted", "editor", true)]
    [InlineData("drafted", "admin", true)]
    [InlineData("drafted", "reader", false)]
    [InlineData("drafted", "system", false)]
    [InlineData("published", "editor", true)]
    [InlineData("corrected", "editor", true)]
    [InlineData("rejected", "editor", false)]
    [InlineData("none", "editor", false)]
    public void Only_editors_edit_and_only_open_stories(string status, string actor, bool allowed) =>
        Assert.Equal(allowed, Workflow.CanEdit(status, actor));

    private static bool Qualifies(string actor, string who) => who switch
    {
        "system" => actor == Workflow.System,
        "editor" => actor is Roles.Editor or Roles.Admin,
        _ => false,
    };
}
