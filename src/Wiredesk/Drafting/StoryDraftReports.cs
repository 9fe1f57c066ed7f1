namespace Wiredesk.Drafting;

/// <summary>Which of a story's reports a draft is written from. A story can grow to hundreds of reports; a draft
/// rests on the first (the event as first reported, which leads the draft) and the latest few (what has changed
/// since), so its cost and its source list stay bounded however long the story runs.</summary>
public static class StoryDraftReports
{
    public const int MaxReports = 6;

    /// <summary>The first item and the latest <see cref="MaxReports"/> − 1, in timeline order (oldest first).</summary>
    public static IReadOnlyList<T> Choose<T>(IReadOnlyList<T> timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (timeline.Count <= MaxReports)
        {
            return timeline;
        }

        return [timeline[0], .. timeline.Skip(timeline.Count - (MaxReports - 1))];
    }
}
