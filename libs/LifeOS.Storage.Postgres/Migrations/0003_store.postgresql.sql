-- The store on plain PostgreSQL: the timeline and one table per projection.
-- Replays are recognised by (user, device, seq), the events' primary key, exactly as in the embedded store.
-- B-trees serve the queries (timeline: user, time, id; metrics: user, type, time); BRIN indexes on time keep
-- whole-range scans (exports, retention) cheap at a few pages per table, since rows arrive roughly in time order.
CREATE TABLE events (
    user_id text COLLATE "C" NOT NULL,
    device  text COLLATE "C" NOT NULL,
    seq     bigint NOT NULL,
    id      text COLLATE "C" NOT NULL,
    type    text COLLATE "C" NOT NULL,
    time    timestamptz NOT NULL,
    data    json NOT NULL,
    PRIMARY KEY (user_id, device, seq)
);
CREATE INDEX events_timeline ON events (user_id, time, id);
CREATE INDEX events_time_brin ON events USING brin (time);

CREATE TABLE samples (
    user_id  text COLLATE "C" NOT NULL,
    type     text COLLATE "C" NOT NULL,
    time     timestamptz NOT NULL,
    event_id text COLLATE "C" NOT NULL,
    device   text COLLATE "C" NOT NULL,
    value    double precision NOT NULL,
    PRIMARY KEY (user_id, type, time, event_id)
);
CREATE INDEX samples_time_brin ON samples USING brin (time);

CREATE TABLE locations (
    user_id  text COLLATE "C" NOT NULL,
    time     timestamptz NOT NULL,
    event_id text COLLATE "C" NOT NULL,
    device   text COLLATE "C" NOT NULL,
    lat      double precision NOT NULL,
    lon      double precision NOT NULL,
    alt      double precision,
    accuracy double precision,
    PRIMARY KEY (user_id, time, event_id)
);

CREATE TABLE motion (
    user_id  text COLLATE "C" NOT NULL,
    device   text COLLATE "C" NOT NULL,
    time     timestamptz NOT NULL,
    event_id text COLLATE "C" NOT NULL,
    x        double precision NOT NULL,
    y        double precision NOT NULL,
    z        double precision NOT NULL,
    PRIMARY KEY (user_id, device, time, event_id)
);

CREATE TABLE media (
    user_id      text COLLATE "C" NOT NULL,
    sha256       text COLLATE "C" NOT NULL,
    event_id     text COLLATE "C" NOT NULL,
    type         text COLLATE "C" NOT NULL,
    device       text COLLATE "C" NOT NULL,
    time         timestamptz NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL,
    PRIMARY KEY (user_id, sha256, event_id)
);

-- Which schema this database got, for operators and for the store's own choice of SQL.
CREATE FUNCTION lifeos_store_flavour() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'postgresql' $$;
