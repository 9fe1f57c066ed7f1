-- Watchlists: what each reader follows (issue 5). Items keep the reader's wording and their order; the matcher
-- resolves them against the knowledge base when it loads them, so a knowledge-base update applies on restart.
CREATE TABLE watchlists (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (owner_id, name)
);

CREATE TABLE watchlist_items (
    watchlist_id    INTEGER NOT NULL REFERENCES watchlists(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('ticker', 'company', 'person', 'country', 'topic', 'query')),
    value           TEXT NOT NULL,
    PRIMARY KEY (watchlist_id, position)
);

-- Alerts are stored before any delivery is attempted, so a restart loses none. One row per reader, story and
-- watchlist item; reasons as JSON (the path of steps with fact ids).
CREATE TABLE alerts (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    watchlist_id    INTEGER NOT NULL,
    item_position   INTEGER NOT NULL,
    story_id        TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('direct', 'exposure')),
    reason_json     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    read_at         TEXT,
    UNIQUE (owner_id, story_id, watchlist_id, item_position)
);
CREATE INDEX alerts_owner ON alerts(owner_id, created_at);
