-- Alerting reads publications by time (versions published and kills at or after its progress) on every publication,
-- and moves its progress to the newest one when no alert can be raised. Without these indexes each read scans every
-- version ever published: at 100,000 stories that is tens of milliseconds of a core for every new publication.
CREATE INDEX article_versions_published ON article_versions(published_at);
CREATE INDEX articles_killed ON articles(killed_at) WHERE killed_at IS NOT NULL;
