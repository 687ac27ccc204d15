-- lifeos: no-transaction
-- Hourly rollups of every numeric sample type as a continuous aggregate, kept fresh by a refresh policy.
-- Real-time (materialized_only = false): the newest, not yet materialised hours are computed from the samples on read,
-- so the view answers exactly like the plain-PostgreSQL view of the same name.
-- Creating a continuous aggregate may not run inside a transaction block, so each statement here runs on its own
-- and every statement is written to be repeatable. No origin argument: whole hours fall on the same boundaries from
-- time_bucket's default origin (2000-01-03) as from the epoch, and older releases refuse an origin in an aggregate.
CREATE MATERIALIZED VIEW IF NOT EXISTS samples_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT user_id,
       type,
       time_bucket(INTERVAL '1 hour', time) AS bucket,
       count(*) AS count,
       sum(value) AS sum,
       min(value) AS min,
       max(value) AS max
FROM samples
GROUP BY user_id, type, bucket
WITH NO DATA;

SELECT add_continuous_aggregate_policy('samples_hourly',
    start_offset => INTERVAL '3 days',
    end_offset => INTERVAL '1 hour',
    schedule_interval => INTERVAL '30 minutes',
    if_not_exists => TRUE);
