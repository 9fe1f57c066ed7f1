-- A report's current version keeps its text and raw bytes in `reports` only: `report_versions` holds them (text, raw)
-- for earlier versions, and NULL for the current one, which would otherwise store every report's text and bytes twice.
-- A new version first copies the current text and bytes into the row of the version it replaces (ReportStore).
CREATE TABLE report_versions_010 (
    report_id       INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    title           TEXT NOT NULL,
    text            TEXT,
    content_hash    TEXT NOT NULL,
    raw             BLOB,
    received_at     TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
);
INSERT INTO report_versions_010 (report_id, version, title, text, content_hash, raw, received_at)
SELECT v.report_id, v.version, v.title,
       CASE WHEN v.version = r.version THEN NULL ELSE v.text END,
       v.content_hash,
       CASE WHEN v.version = r.version THEN NULL ELSE v.raw END,
       v.received_at
FROM report_versions v LEFT JOIN reports r ON r.id = v.report_id;
DROP TABLE report_versions;
ALTER TABLE report_versions_010 RENAME TO report_versions;
CREATE INDEX report_versions_hash ON report_versions(content_hash);

-- story_keys is read by key (the primary key and story_keys_recent), never by story: its index by story only made
-- every key a report adds cost a third b-tree insert. (Nothing deletes stories; a delete would now scan story_keys.)
DROP INDEX story_keys_story;
