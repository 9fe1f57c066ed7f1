-- The candidate lookup filters each key's rows on both ends of their span of days; with first_seen in the index the
-- lookup answers from the index alone instead of visiting the table once per row it considers.
DROP INDEX story_keys_recent;
CREATE INDEX story_keys_recent ON story_keys(key, last_seen, first_seen);
