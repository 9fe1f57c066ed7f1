-- Stories: reports about the same event. A story's profile (key counts, term centroid, amounts, event days) is
-- what a new report is scored against; it is JSON because it is read and written whole, never queried inside.
CREATE TABLE stories (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    lead_report_id  INTEGER NOT NULL REFERENCES reports(id),
    lead_at         TEXT NOT NULL,
    first_seen      TEXT NOT NULL,
    last_updated    TEXT NOT NULL,
    report_count    INTEGER NOT NULL,
    entities        TEXT NOT NULL,
    profile         TEXT NOT NULL
);
CREATE INDEX stories_last_updated ON stories(last_updated);

-- The timeline: every report of a story with the time it is ordered by (published, else received).
CREATE TABLE story_reports (
    report_id       INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    story_id        INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    at              TEXT NOT NULL,
    score           REAL
);
CREATE INDEX story_reports_story ON story_reports(story_id, at);

-- The candidate index: one row per (key, story) with the span of event days over which the story's reports carried
-- the key. A lookup is one index search per key of the new report, bounded by the time window, never a scan.
CREATE TABLE story_keys (
    key             TEXT NOT NULL,
    story_id        INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL,
    PRIMARY KEY (key, story_id)
) WITHOUT ROWID;
CREATE INDEX story_keys_recent ON story_keys(key, last_seen);
CREATE INDEX story_keys_story ON story_keys(story_id);

-- How many stories carry each key: the document frequency behind the IDF weight of a shared key.
CREATE TABLE story_key_counts (
    key             TEXT PRIMARY KEY,
    stories         INTEGER NOT NULL
) WITHOUT ROWID;
