using System.Runtime.InteropServices;
using LifeOS.Contracts;
using LifeOS.Storage.Postgres.Schema;
using Npgsql;
using NpgsqlTypes;

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
        await using var importer = await connection.BeginBinaryImportAsync(CopySql, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var e = row.Event;
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.User, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Device, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Seq, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Id, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Type, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Time, NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            // The payload exactly as it arrived (raw UTF-8), so both stores hand back the same text.
            await importer.WriteAsync(JsonMarshal.GetRawUtf8Value(e.Data).ToArray(), NpgsqlDbType.Json, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(Code(row.Projection), NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
            await WriteProjectionAsync(importer, row, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteProjectionAsync(NpgsqlBinaryImporter importer, StagedEvent row, CancellationToken cancellationToken)
    {
        var p = row.Projection;
        await WriteOrNullAsync(importer, p == StoreProjection.Sample ? row.Value : null, cancellationToken).ConfigureAwait(false);
        await WriteOrNullAsync(importer, p == StoreProjection.Location ? row.Lat : null, cancellationToken).ConfigureAwait(false);
        await WriteOrNullAsync(importer, p == StoreProjection.Location ? row.Lon : null, cancellationToken).ConfigureAwait(false);
        await WriteOrNullAsync(importer, p == StoreProjection.Location ? row.Alt : null, cancellationToken).ConfigureAwait(false);
        await WriteOrNullAsync(importer, p == StoreProjection.Location ? row.Accuracy : null, cancellationToken).ConfigureAwait(false);
        await WriteOrNullAsync(importer, p == StoreProjection.Motion ? row.X : null, cancellationToken).ConfigureAwait(false);
        await WriteOrNullAsync(importer, p == StoreProjection.Motion ? row.Y : null, cancellationToken).ConfigureAwait(false);
        await WriteOrNullAsync(importer, p == StoreProjection.Motion ? row.Z : null, cancellationToken).ConfigureAwait(false);
        if (p == StoreProjection.Media)
        {
            await importer.WriteAsync(row.Sha256!, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.ContentType!, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(row.Size, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter importer, double? value, CancellationToken cancellationToken) =>
        value is { } number
            ? importer.WriteAsync(number, NpgsqlDbType.Double, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);
}
