-- The search index of the newest live stories (ArticleStore.RecentSearchStories, about 20,000): search ranks a word's
-- newest matches by BM25, which first counts every match of the word in the index it runs on; over the newest
-- stories that count is short whatever the size of the store. articles_fts stays the index of every live story.
-- It always holds every live story from its smallest rowid up (docs/publishing.md, "Search").
CREATE VIRTUAL TABLE articles_fts_recent USING fts5(headline, body, tokenize = 'porter unicode61');
-- Every publication past the newest 20,000 takes one out: without secure-delete FTS5 keeps each removed story's
-- entries as tombstones that every later search reads past (on a store seeded with 100,000 publications the web
-- benchmark's search p99 was 270 ms without it, 8.6 ms with it).
INSERT INTO articles_fts_recent (articles_fts_recent, rank) VALUES ('secure-delete', 1);
INSERT INTO articles_fts_recent (rowid, headline, body)
    SELECT rowid, headline, body FROM articles_fts ORDER BY rowid DESC LIMIT 20000;
