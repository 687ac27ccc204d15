-- Accounts, sessions, sharing, audit, integration secrets and the shared Data Protection key ring.
ALTER TABLE users ADD COLUMN login text COLLATE "C";
ALTER TABLE users ADD COLUMN password_hash text;
UPDATE users SET login = lower(id) WHERE login IS NULL;
ALTER TABLE users ALTER COLUMN login SET NOT NULL;
CREATE UNIQUE INDEX users_by_login ON users (login);

-- Scopes and device event types are space-separated lists; NULL means "all" (grants made before scopes existed).
ALTER TABLE tokens ADD COLUMN scope text;
ALTER TABLE tokens ADD COLUMN event_types text;
ALTER TABLE tokens ADD COLUMN expires timestamptz;
ALTER TABLE tokens ADD COLUMN last_seen timestamptz;

CREATE TABLE sessions (
    id      text COLLATE "C" PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL,
    created timestamptz NOT NULL,
    revoked timestamptz
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE refresh_tokens (
    hash       text COLLATE "C" PRIMARY KEY,
    session_id text COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id    text COLLATE "C" NOT NULL,
    created    timestamptz NOT NULL,
    expires    timestamptz NOT NULL,
    used       timestamptz
);
CREATE INDEX refresh_by_session ON refresh_tokens (session_id);

CREATE TABLE shares (
    id         text COLLATE "C" PRIMARY KEY,
    owner_id   text COLLATE "C" NOT NULL,
    grantee_id text COLLATE "C" NOT NULL,
    role       text NOT NULL CHECK (role IN ('Viewer', 'Collaborator', 'Owner')),
    types      text,
    from_time  timestamptz,
    to_time    timestamptz,
    created    timestamptz NOT NULL,
    revoked    timestamptz
);
-- One active share per (owner, grantee): a new one replaces the old.
CREATE UNIQUE INDEX shares_active ON shares (owner_id, grantee_id) WHERE revoked IS NULL;
CREATE INDEX shares_by_grantee ON shares (grantee_id);

CREATE TABLE audit_log (
    seq     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id text COLLATE "C" NOT NULL,
    time    timestamptz NOT NULL,
    action  text NOT NULL,
    actor   text,
    detail  text,
    address text
);
CREATE INDEX audit_by_user ON audit_log (user_id, seq);

-- Append-only, whoever connects: UPDATE, DELETE and TRUNCATE are refused by the database itself.
CREATE FUNCTION lifeos_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION lifeos_audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION lifeos_audit_log_append_only();

CREATE TABLE integration_secrets (
    user_id    text COLLATE "C" NOT NULL,
    name       text COLLATE "C" NOT NULL,
    ciphertext bytea NOT NULL,
    updated    timestamptz NOT NULL,
    PRIMARY KEY (user_id, name)
);

-- The ASP.NET Core Data Protection key ring every replica shares (XML elements, as the framework writes them).
CREATE TABLE data_protection_keys (
    name text COLLATE "C" PRIMARY KEY,
    xml  text NOT NULL
);

-- Deleting a user's media must find whether anyone else still references the same blob.
CREATE INDEX media_by_sha ON media (sha256);
