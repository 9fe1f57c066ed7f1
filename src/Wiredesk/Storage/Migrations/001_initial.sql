-- Reports: the current version of each report; earlier versions (near-duplicate updates) live in report_versions.
CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    text            TEXT NOT NULL,
    source          TEXT,
    url             TEXT,
    guid            TEXT,
    language        TEXT NOT NULL,
    published_at    TEXT,
    received_at     TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    raw             BLOB NOT NULL,
    raw_type        TEXT,
    image_credit    TEXT,
    image_url       TEXT,
    boilerplate     TEXT NOT NULL DEFAULT '[]',
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX reports_content_hash ON reports(content_hash);
CREATE INDEX reports_guid ON reports(guid) WHERE guid IS NOT NULL;
CREATE INDEX reports_published ON reports(published_at);

-- Every version a report has had, the current one included; a near-duplicate re-send adds a row here.
CREATE TABLE report_versions (
    report_id       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    title           TEXT NOT NULL,
    text            TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    raw             BLOB NOT NULL,
    received_at     TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
);
CREATE INDEX report_versions_hash ON report_versions(content_hash);

-- MinHash-LSH bands: a near-duplicate lookup is one indexed probe per band, whatever the number of reports.
CREATE TABLE report_bands (
    band            INTEGER NOT NULL,
    hash            INTEGER NOT NULL,
    report_id       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, report_id)
) WITHOUT ROWID;

-- Analysis is computed once per report version and stored as JSON (the analyze --json shape); recomputable.
CREATE TABLE report_analyses (
    report_id       INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
    analyzer_version INTEGER NOT NULL,
    analysis        TEXT NOT NULL,
    analyzed_at     TEXT NOT NULL
);

-- Feed and page URLs that are polled on their own interval.
CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    name            TEXT,
    poll_interval_s INTEGER NOT NULL,
    next_poll_at    TEXT NOT NULL,
    etag            TEXT,
    last_modified   TEXT,
    last_polled_at  TEXT,
    last_success_at TEXT,
    last_status     TEXT,
    last_error      TEXT,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    items_seen      INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
CREATE INDEX sources_due ON sources(next_poll_at);
