-- Accounts: editors, admins and readers. The password hash is opaque here (the app hashes with ASP.NET Core
-- Identity's PasswordHasher); a disabled account keeps its rows (comments, audit entries) but cannot sign in.
CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'reader')),
    password_hash   TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0
);

-- Personal API keys: only a SHA-256 of the key is kept (keys are long random strings, so a fast hash is enough);
-- the prefix lets an owner tell keys apart without the store holding the key.
CREATE TABLE api_keys (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    prefix          TEXT NOT NULL,
    key_hash        TEXT NOT NULL UNIQUE,
    created_at      TEXT NOT NULL,
    last_used_at    TEXT,
    revoked_at      TEXT
);
CREATE INDEX api_keys_user ON api_keys(user_id);

-- Who did what, when: every editorial and admin action. Rows are only ever added.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    user_id         INTEGER,
    user_name       TEXT NOT NULL,
    action          TEXT NOT NULL,
    target_type     TEXT NOT NULL,
    target_id       TEXT NOT NULL,
    detail          TEXT
);
CREATE INDEX audit_log_target ON audit_log(target_type, target_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
