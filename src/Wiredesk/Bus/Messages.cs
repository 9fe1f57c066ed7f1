namespace Wiredesk.Bus;

// The few facts that cross the bus (docs/architecture.md): everything else is a direct call inside a unit of work.
// A message says what happened and carries ids, not whole objects: a subscriber reads what it needs from the store,
// so a message is never stale and stays small enough for NATS later.

/// <summary>Marker for a bus message.</summary>
public interface IMessage;

/// <summary>A report was stored (new or a new version) and assigned to a story.</summary>
public sealed record ReportStored(long ReportId, long? StoryId, bool IsUpdate, DateTimeOffset At) : IMessage;

/// <summary>A story's draft was written or rewritten (a report joined, an editor saved).</summary>
public sealed record StoryUpdated(long StoryId, long DraftId, DateTimeOffset At) : IMessage;

/// <summary>A story was published, corrected or killed: readers' pages, feeds and alerts follow it.</summary>
public sealed record StoryPublished(long ArticleId, long StoryId, int Version, PublicationChange Change, DateTimeOffset At) : IMessage;

/// <summary>What a publication did to the reader site.</summary>
public enum PublicationChange
{
    Published,
    Corrected,
    Killed,
}

/// <summary>A reader's watchlist matched a story.</summary>
public sealed record AlertRaised(long AlertId, long UserId, long ArticleId, DateTimeOffset At) : IMessage;
