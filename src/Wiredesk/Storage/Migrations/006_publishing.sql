-- Published stories. One row per story holds the current version; every version ever published (the current one
-- included) is in article_versions, so a correction never overwrites what readers saw. A killed story keeps its
-- rows: status says it is off the site and feeds. No foreign key to stories: a publication is a record of what was
-- published and must outlive any clean-up of the newsroom's working data.
CREATE TABLE articles (
    id              INTEGER PRIMARY KEY,
    story_id        INTEGER NOT NULL UNIQUE,
    version         INTEGER NOT NULL,
    draft_id        INTEGER NOT NULL,
    slug            TEXT NOT NULL,
    headline        TEXT NOT NULL,
    draft           TEXT NOT NULL,
    editor_name     TEXT NOT NULL,
    first_published_at TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('live', 'killed')),
    correction_note TEXT,
    kill_notice     TEXT,
    killed_by       TEXT,
    killed_at       TEXT,
    image_url       TEXT,
    image_credit    TEXT
);
CREATE INDEX articles_latest ON articles(status, first_published_at DESC, id DESC);

CREATE TABLE article_versions (
    article_id      INTEGER NOT NULL REFERENCES articles(id),
    version         INTEGER NOT NULL,
    draft_id        INTEGER NOT NULL,
    headline        TEXT NOT NULL,
    draft           TEXT NOT NULL,
    editor_name     TEXT NOT NULL,
    published_at    TEXT NOT NULL,
    correction_note TEXT,
    PRIMARY KEY (article_id, version)
);

-- What a story is about, for the reader site's filters and the API: tickers, companies, people, countries, topics
-- (and other organisations for ninjs). Key is the normalised value a filter compares (upper-case ticker, slug of a
-- name); Name is what a reader sees; Code is the knowledge-base id, the IPTC media topic code or the exchange;
-- Company, for a ticker, is the key of the company tag it is the symbol of. Live and published_at copy the article's
-- state so that a tag page reads its newest stories straight off the index, however many stories carry the tag.
CREATE TABLE article_tags (
    kind            TEXT NOT NULL,
    key             TEXT NOT NULL,
    article_id      INTEGER NOT NULL REFERENCES articles(id),
    name            TEXT NOT NULL,
    code            TEXT,
    company         TEXT,
    live            INTEGER NOT NULL,
    published_at    TEXT NOT NULL,
    PRIMARY KEY (kind, key, article_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_latest ON article_tags(kind, key, live, published_at DESC, article_id DESC);
CREATE INDEX article_tags_article ON article_tags(article_id);

-- Reader comments. A hidden comment is kept with who hid it and when; an editor can restore it.
CREATE TABLE comments (
    id              INTEGER PRIMARY KEY,
    article_id      INTEGER NOT NULL REFERENCES articles(id),
    user_id         INTEGER NOT NULL REFERENCES users(id),
    author_name     TEXT NOT NULL,
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    hidden_by       TEXT,
    hidden_at       TEXT
);
CREATE INDEX comments_article ON comments(article_id, created_at);
CREATE INDEX comments_user ON comments(user_id, created_at);

-- Full-text search over live stories; rowid is the article id. A killed story is removed from it.
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, body, tokenize = 'porter unicode61');
