-- Hourly rollups of every numeric sample type, for dashboards and long ranges. On plain PostgreSQL an ordinary view
-- computes them on read, with the same columns and answers as TimescaleDB's continuous aggregate of the same name.
CREATE VIEW samples_hourly AS
SELECT user_id,
       type,
       date_bin(INTERVAL '1 hour', time, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket,
       count(*) AS count,
       sum(value) AS sum,
       min(value) AS min,
       max(value) AS max
FROM samples
GROUP BY user_id, type, bucket;
