-- Alerts follow the story (issue 5): a reader alerted on a story hears again when it is corrected or killed, and a
-- story from a source set to breaking alerts before publication. So an alert now says which change of the story it
-- is about (published, corrected, killed, breaking), which article version, and a note (the correction note or kill
-- notice); the headline and a short summary are copied in as they stood, so an alert reads the same later and a
-- webhook can send it without another query. One alert per reader, story, change, version and watchlist item.
-- SQLite cannot change a UNIQUE constraint in place: the table is recreated and its rows copied.
CREATE TABLE alerts_new (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    watchlist_id    INTEGER NOT NULL,
    item_position   INTEGER NOT NULL,
    item_label      TEXT NOT NULL DEFAULT '',
    story_id        TEXT NOT NULL,
    article_id      INTEGER,
    change          TEXT NOT NULL DEFAULT 'published' CHECK (change IN ('published', 'corrected', 'killed', 'breaking')),
    version         INTEGER NOT NULL DEFAULT 1,
    note            TEXT,
    headline        TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('direct', 'exposure')),
    reason_json     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    read_at         TEXT,
    UNIQUE (owner_id, story_id, change, version, watchlist_id, item_position)
);

INSERT INTO alerts_new (id, owner_id, watchlist_id, item_position, story_id, article_id, kind, reason_json, created_at, read_at)
SELECT al.id, al.owner_id, al.watchlist_id, al.item_position, al.story_id,
       (SELECT a.id FROM articles a WHERE CAST(a.story_id AS TEXT) = al.story_id), al.kind, al.reason_json, al.created_at, al.read_at
FROM alerts al;

DROP TABLE alerts;
ALTER TABLE alerts_new RENAME TO alerts;
CREATE INDEX alerts_owner ON alerts(owner_id, id);
CREATE INDEX alerts_owner_unread ON alerts(owner_id, id) WHERE read_at IS NULL;
CREATE INDEX alerts_story ON alerts(story_id, owner_id);

-- How far alerting has read the publications (article versions and kills, by their time): on start the alert worker
-- matches every publication at or after it, so a publication made while the server was down, or whose bus message
-- was lost, still alerts. Starts at the newest publication already made: stories published before alerts existed
-- raise none.
CREATE TABLE alert_progress (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    publications_at TEXT NOT NULL
);
INSERT INTO alert_progress (id, publications_at)
SELECT 1, COALESCE(MAX(at), '') FROM (
    SELECT published_at AS at FROM article_versions
    UNION ALL
    SELECT killed_at FROM articles WHERE killed_at IS NOT NULL
);
