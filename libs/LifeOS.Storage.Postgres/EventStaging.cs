using System.Runtime.InteropServices;
using LifeOS.Contracts;
using LifeOS.Storage.Postgres.Schema;
using Npgsql;

namespace LifeOS.Storage.Postgres;

/// <summary>The bulk write path: binary COPY of a batch into a session's staging table, then one statement that keeps only new events.</summary>
internal static class EventStaging
{
    /// <summary>Run once per bulk-writer session. ON COMMIT DELETE ROWS empties it after every batch without catalogue churn.</summary>
    public const string CreateTableSql = """
        CREATE TEMP TABLE IF NOT EXISTS lifeos_staging (
            ord int NOT NULL,
            user_id text COLLATE "C" NOT NULL,
            device text COLLATE "C" NOT NULL,
            seq bigint NOT NULL,
            id text COLLATE "C" NOT NULL,
            type text COLLATE "C" NOT NULL,
            time timestamptz NOT NULL,
            data json NOT NULL,
            projection smallint NOT NULL,
            value double precision,
            lat double precision,
            lon double precision,
            alt double precision,
            accuracy double precision,
            x double precision,
            y double precision,
            z double precision,
            sha256 text COLLATE "C",
            content_type text,
            size bigint
        ) ON COMMIT DELETE ROWS
        """;

    private const string CopySql = """
        COPY lifeos_staging (ord, user_id, device, seq, id, type, time, data, projection,
            value, lat, lon, alt, accuracy, x, y, z, sha256, content_type, size) FROM STDIN (FORMAT BINARY)
        """;

    // Projections are written only for the events this statement inserted, so a replay adds nothing anywhere. Events are
    // inserted in key order so concurrent writers of overlapping batches wait for each other instead of deadlocking;
    // projections in batch order, so of two events with the same projection key the first one wins, as in SQLite.
    private const string ProjectionsSql = """
        fresh AS (
            SELECT s.* FROM lifeos_staging s JOIN new USING (user_id, device, seq)),
        samples_written AS (
            INSERT INTO samples (user_id, type, time, event_id, device, value)
            SELECT user_id, type, time, id, device, value FROM fresh WHERE projection = 1 ORDER BY ord
            ON CONFLICT DO NOTHING),
        locations_written AS (
            INSERT INTO locations (user_id, time, event_id, device, lat, lon, alt, accuracy)
            SELECT user_id, time, id, device, lat, lon, alt, accuracy FROM fresh WHERE projection = 2 ORDER BY ord
            ON CONFLICT DO NOTHING),
        motion_written AS (
            INSERT INTO motion (user_id, device, time, event_id, x, y, z)
            SELECT user_id, device, time, id, x, y, z FROM fresh WHERE projection = 3 ORDER BY ord
            ON CONFLICT DO NOTHING),
        media_written AS (
            INSERT INTO media (user_id, sha256, event_id, type, device, time, content_type, size)
            SELECT user_id, sha256, id, type, device, time, content_type, size FROM fresh WHERE projection = 4 ORDER BY ord
            ON CONFLICT DO NOTHING)
        SELECT count(*) FROM new
        """;

    private const string PostgresInsertSql = $"""
        WITH new AS (
            INSERT INTO events (user_id, device, seq, id, type, time, data)
            SELECT user_id, device, seq, id, type, time, data FROM lifeos_staging ORDER BY user_id, device, seq
            ON CONFLICT DO NOTHING
            RETURNING user_id, device, seq),
        {ProjectionsSql}
        """;

    // On TimescaleDB the replay key lives in event_keys (a hypertable's unique keys must contain its time column).
    private const string TimescaleInsertSql = $"""
        WITH new AS (
            INSERT INTO event_keys (user_id, device, seq)
            SELECT user_id, device, seq FROM lifeos_staging ORDER BY user_id, device, seq
            ON CONFLICT DO NOTHING
            RETURNING user_id, device, seq),
        events_written AS (
            INSERT INTO events (user_id, device, seq, id, type, time, data)
            SELECT s.user_id, s.device, s.seq, s.id, s.type, s.time, s.data FROM lifeos_staging s JOIN new USING (user_id, device, seq)),
        {ProjectionsSql}
        """;

    public static string InsertSql(StoreFlavour flavour) => flavour == StoreFlavour.TimescaleDb ? TimescaleInsertSql : PostgresInsertSql;

    // The numbers the insert statement's projection filters use.
    private static short Code(StoreProjection projection) => projection switch
    {
        StoreProjection.Sample => 1,
        StoreProjection.Location => 2,
        StoreProjection.Motion => 3,
        StoreProjection.Media => 4,
        _ => 0,
    };

    /// <summary>Copies the batch into the session's staging table, inside the caller's transaction.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<StagedEvent> rows, CancellationToken cancellationToken)
    {
        using var buffer = new BinaryCopyBuffer();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var e = row.Event;
            var p = row.Projection;
            buffer.StartRow(20);
            buffer.Int32(i);
            buffer.Text(e.User);
            buffer.Text(e.Device);
            buffer.Int64(e.Seq);
            buffer.Text(e.Id);
            buffer.Text(e.Type);
            buffer.TimestampTz(row.Time);
            // The payload exactly as it arrived (raw UTF-8), so both stores hand back the same text.
            buffer.Utf8(JsonMarshal.GetRawUtf8Value(e.Data));
            buffer.Int16(Code(p));
            buffer.Double(p == StoreProjection.Sample ? row.Value : null);
            buffer.Double(p == StoreProjection.Location ? row.Lat : null);
            buffer.Double(p == StoreProjection.Location ? row.Lon : null);
            buffer.Double(p == StoreProjection.Location ? row.Alt : null);
            buffer.Double(p == StoreProjection.Location ? row.Accuracy : null);
            buffer.Double(p == StoreProjection.Motion ? row.X : null);
            buffer.Double(p == StoreProjection.Motion ? row.Y : null);
            buffer.Double(p == StoreProjection.Motion ? row.Z : null);
            if (p == StoreProjection.Media)
            {
                buffer.Text(row.Sha256!);
                buffer.Text(row.ContentType!);
                buffer.Int64(row.Size);
            }
            else
            {
                buffer.Null();
                buffer.Null();
                buffer.Null();
            }
        }

        buffer.Finish();
        await DirectCopy.SendAsync(connection, CopySql, buffer, cancellationToken).ConfigureAwait(false);
    }
}
