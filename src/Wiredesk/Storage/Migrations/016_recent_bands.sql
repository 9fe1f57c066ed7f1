-- Band rows in two tables (docs/ingest.md, "Writer speed, session 7"). A report's 32 band rows land on 32 random pages
-- of the band index; once the index has more pages than a transaction has rows, each row rewrites a page of its own
-- at the commit, and the pace of an ingest fell as the store grew. The batched writer now writes its rows into the
-- small report_bands_recent, and every few thousand reports they move to report_bands in one pass, in key order. A
-- lookup searches both.
CREATE TABLE report_bands_recent (
    band            INTEGER NOT NULL,
    hash            INTEGER NOT NULL,
    report_id       INTEGER NOT NULL,
    PRIMARY KEY (band, hash, report_id)
) WITHOUT ROWID;

-- Band rows no longer name reports(id) as a foreign key. The check looked up the report for each of the 32 rows a
-- report writes, which was two thirds of the cost of writing them; the writer inserts a report's bands right after
-- the report, in the same savepoint, and nothing deletes reports, so the check never found anything.
CREATE TABLE report_bands_unchecked (
    band            INTEGER NOT NULL,
    hash            INTEGER NOT NULL,
    report_id       INTEGER NOT NULL,
    PRIMARY KEY (band, hash, report_id)
) WITHOUT ROWID;
INSERT INTO report_bands_unchecked (band, hash, report_id) SELECT band, hash, report_id FROM report_bands;
DROP TABLE report_bands;
ALTER TABLE report_bands_unchecked RENAME TO report_bands;
