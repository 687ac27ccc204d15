-- The store on TimescaleDB: the same tables and answers as on plain PostgreSQL, with events and the time-series
-- projections as hypertables (time-partitioned chunks) and older chunks compressed.
--
-- A hypertable's unique indexes must include its time column, and a replay may carry another time for the same
-- (user, device, seq); so the key that recognises replays lives in event_keys, an ordinary table written in the same
-- statement as the events.
CREATE TABLE event_keys (
    user_id text COLLATE "C" NOT NULL,
    device  text COLLATE "C" NOT NULL,
    seq     bigint NOT NULL,
    PRIMARY KEY (user_id, device, seq)
);

CREATE TABLE events (
    user_id text COLLATE "C" NOT NULL,
    device  text COLLATE "C" NOT NULL,
    seq     bigint NOT NULL,
    id      text COLLATE "C" NOT NULL,
    type    text COLLATE "C" NOT NULL,
    time    timestamptz NOT NULL,
    data    json NOT NULL
);
SELECT create_hypertable('events', 'time', chunk_time_interval => INTERVAL '7 days', create_default_indexes => FALSE);
CREATE INDEX events_timeline ON events (user_id, time, id);

CREATE TABLE samples (
    user_id  text COLLATE "C" NOT NULL,
    type     text COLLATE "C" NOT NULL,
    time     timestamptz NOT NULL,
    event_id text COLLATE "C" NOT NULL,
    device   text COLLATE "C" NOT NULL,
    value    double precision NOT NULL,
    PRIMARY KEY (user_id, type, time, event_id)
);
SELECT create_hypertable('samples', 'time', chunk_time_interval => INTERVAL '7 days', create_default_indexes => FALSE);

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
SELECT create_hypertable('locations', 'time', chunk_time_interval => INTERVAL '7 days', create_default_indexes => FALSE);

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
SELECT create_hypertable('motion', 'time', chunk_time_interval => INTERVAL '1 day', create_default_indexes => FALSE);

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

-- Chunks a week old are rarely written (late replays still are: inserts into compressed chunks are supported).
-- Segmenting by the query's leading key keeps a user's (and a metric type's) rows together in each compressed batch;
-- segment and order columns together cover each primary key, so conflict checks on compressed chunks stay cheap.
ALTER TABLE events SET (timescaledb.compress, timescaledb.compress_segmentby = 'user_id', timescaledb.compress_orderby = 'time, id');
SELECT add_compression_policy('events', compress_after => INTERVAL '7 days');
ALTER TABLE samples SET (timescaledb.compress, timescaledb.compress_segmentby = 'user_id, type', timescaledb.compress_orderby = 'time, event_id');
SELECT add_compression_policy('samples', compress_after => INTERVAL '7 days');
ALTER TABLE motion SET (timescaledb.compress, timescaledb.compress_segmentby = 'user_id, device', timescaledb.compress_orderby = 'time, event_id');
SELECT add_compression_policy('motion', compress_after => INTERVAL '3 days');

CREATE FUNCTION lifeos_store_flavour() RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'timescaledb' $$;
