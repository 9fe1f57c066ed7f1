-- The editors' desk: one row per story with its editorial status and which draft revision is current; every
-- revision kept (machine drafts and editors' saves), so history and diffs never lose a version.
CREATE TABLE desk_stories (
    story_id            INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    status              TEXT NOT NULL CHECK (status IN ('drafted', 'published', 'rejected', 'corrected', 'killed')),
    current_draft_id    INTEGER NOT NULL,
    published_draft_id  INTEGER,
    -- The newest report update the current machine draft was written from: a story whose reports were updated
    -- after it is stale and redrafted (also after a crash, on start).
    reports_seen_at     TEXT NOT NULL,
    report_count        INTEGER NOT NULL,
    importance          REAL NOT NULL,
    unsupported         INTEGER NOT NULL,
    headline            TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    status_note         TEXT
);
CREATE INDEX desk_stories_updated ON desk_stories(updated_at);

CREATE TABLE draft_revisions (
    id              INTEGER PRIMARY KEY,
    story_id        INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    revision        INTEGER NOT NULL,
    draft           TEXT NOT NULL,
    unsupported     INTEGER NOT NULL,
    author          TEXT NOT NULL,
    user_id         INTEGER,
    kind            TEXT NOT NULL CHECK (kind IN ('machine', 'edit')),
    note            TEXT,
    created_at      TEXT NOT NULL,
    UNIQUE (story_id, revision)
);

-- Catch-up after a restart looks for reports updated after a given time without scanning every report.
CREATE INDEX reports_updated ON reports(updated_at);
