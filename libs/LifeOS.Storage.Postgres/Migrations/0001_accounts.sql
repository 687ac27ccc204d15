-- Users and their bearer-token grants (tokens only as SHA-256 hashes).
-- Text keys use the "C" collation: byte order, as the embedded SQLite store compares, whatever the database locale.
CREATE TABLE users (
    id      text COLLATE "C" PRIMARY KEY,
    name    text NOT NULL,
    created timestamptz NOT NULL
);

CREATE TABLE tokens (
    hash    text COLLATE "C" PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL REFERENCES users (id),
    kind    text NOT NULL CHECK (kind IN ('User', 'Device')),
    device  text COLLATE "C",
    name    text NOT NULL,
    created timestamptz NOT NULL,
    revoked timestamptz
);

CREATE INDEX tokens_by_user ON tokens (user_id);
