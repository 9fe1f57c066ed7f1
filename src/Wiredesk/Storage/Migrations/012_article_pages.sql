-- A live story's page body as rendered when its current version was published (Publishing/StoryPageBody: headline to
-- version history, before the comments), so that a story page is a read by primary key instead of a render from the
-- draft JSON and tags. `version` is the article version the page shows: a story page uses the row only when it equals
-- the article's current version, so a correction (a new version, whose page replaces this one in its own
-- transaction) can never be shown stale; a killed story's page is drawn from its notice, never from here. Articles
-- published before this migration have no row: their page is rendered and stored the first time it is read.
CREATE TABLE article_pages (
    article_id      INTEGER PRIMARY KEY REFERENCES articles(id),
    version         INTEGER NOT NULL,
    html            TEXT NOT NULL
);
