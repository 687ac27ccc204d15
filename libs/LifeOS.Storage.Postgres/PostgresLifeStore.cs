using System.Text.Json;
using LifeOS.Contracts;
using LifeOS.Storage.Postgres.Schema;
using Npgsql;
using NpgsqlTypes;

namespace LifeOS.Storage.Postgres;

/// <summary>The store on PostgreSQL (TimescaleDB when present): the same answers as the embedded SQLite store for the same input.</summary>
/// <remarks>
/// A batch is written by binary COPY straight into the tables under a savepoint; when any of it is stored already (the
/// persistence worker replays after a restart), that is rolled back and the batch is copied into a session staging table
/// and inserted with ON CONFLICT DO NOTHING, so a batch delivered twice is stored once. Failures while PostgreSQL
/// restarts are retried within the database's retry budget; every retry is a fresh, idempotent transaction.
/// </remarks>
public sealed class PostgresLifeStore(PostgresDatabase database) : ILifeStore
{
    private const string BucketOrigin = "TIMESTAMPTZ '1970-01-01 00:00:00+00'";
    private const string DirectSavepoint = "direct_copy";

    // Set after a batch that held replays: they come in runs (a consumer re-reading after a restart), so the next batch
    // goes the staging way at once instead of failing a COPY first. Cleared by the first batch that is all new.
    private volatile bool _replaying;

    public async Task<int> WriteAsync(IReadOnlyList<LifeEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return 0;

        // Extracted before any I/O: a payload that cannot be projected fails the batch without touching the database.
        var rows = StagedEvent.FromBatch(events);
        var flavour = await database.GetFlavourAsync(cancellationToken).ConfigureAwait(false);
        return await database.Retry.RunAsync("write", async ct =>
        {
            await using var connection = await database.BulkWriter.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (!_replaying)
            {
                await transaction.SaveAsync(DirectSavepoint, ct).ConfigureAwait(false);
                try
                {
                    await DirectCopy.CopyAsync(connection, rows, flavour, ct).ConfigureAwait(false);
                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                    return rows.Count;
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
                {
                    // Something in the batch is stored already (or a concurrent writer holds it): keep only what is new.
                    await transaction.RollbackAsync(DirectSavepoint, ct).ConfigureAwait(false);
                }
            }

            await EventStaging.CopyAsync(connection, rows, ct).ConfigureAwait(false);
            await using var insert = new NpgsqlCommand(EventStaging.InsertSql(flavour), connection, transaction);
            var stored = (int)(long)(await insert.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            _replaying = stored < rows.Count;
            return stored;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<TimelinePage> GetTimelineAsync(TimelineQuery query, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("timeline query", async ct =>
        {
            await using var command = database.DataSource.CreateCommand();
            var filters = new List<string> { "user_id = $1", "time >= $2", "time < $3" };
            Add(command, query.User);
            Add(command, PgTime.ToUtc(query.From), NpgsqlDbType.TimestampTz);
            Add(command, PgTime.ToUtc(query.To), NpgsqlDbType.TimestampTz);
            if (query.Types is { Count: > 0 })
                filters.Add($"type = ANY(${Add(command, query.Types.ToArray())})");
            if (query.Device is not null)
                filters.Add($"device = ${Add(command, query.Device)}");
            if (query.After is not null)
            {
                var time = Add(command, PgTime.ToUtc(query.After.Time), NpgsqlDbType.TimestampTz);
                filters.Add($"(time, id) > (${time}, ${Add(command, query.After.Id)})");
            }

            // One extra row tells whether another page exists without a COUNT.
            var limit = Add(command, query.Limit + 1L);
            command.CommandText = $"""
                SELECT id, type, device, seq, time, data::text FROM events
                WHERE {string.Join(" AND ", filters)} ORDER BY time, id LIMIT ${limit}
                """;

            var items = new List<TimelineItem>(Math.Min(query.Limit + 1, 1024));
            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    using var data = JsonDocument.Parse(reader.GetString(5));
                    items.Add(new TimelineItem(
                        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                        reader.GetFieldValue<DateTimeOffset>(4), data.RootElement.Clone()));
                }
            }

            TimelinePosition? next = null;
            if (items.Count > query.Limit)
            {
                items.RemoveAt(items.Count - 1);
                next = new TimelinePosition(items[^1].Time, items[^1].Id);
            }

            return new TimelinePage(items, next);
        }, cancellationToken);

    public async Task<IReadOnlyList<MetricBucket>> GetMetricBucketsAsync(MetricsQuery query, CancellationToken cancellationToken = default)
    {
        // Whole microseconds, as the embedded store divides; a zero-width bucket has no meaning.
        var bucket = TimeSpan.FromTicks(query.Bucket.Ticks / 10 * 10);
        if (bucket <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(query), query.Bucket, "the metrics bucket must be at least one microsecond");

        var aggregate = query.Aggregate switch
        {
            MetricAggregate.Avg => "avg(value)",
            MetricAggregate.Min => "min(value)",
            MetricAggregate.Max => "max(value)",
            MetricAggregate.Sum => "sum(value)",
            _ => "count(*)::double precision",
        };
        // Both bucket the same way: fixed widths counted from the Unix epoch (time_bucket's own default origin is 2000-01-03).
        var bucketOf = await database.GetFlavourAsync(cancellationToken).ConfigureAwait(false) == StoreFlavour.TimescaleDb
            ? $"time_bucket($1, time, {BucketOrigin})"
            : $"date_bin($1, time, {BucketOrigin})";

        return await database.Retry.RunAsync("metrics query", async ct =>
        {
            await using var command = database.DataSource.CreateCommand($"""
                SELECT {bucketOf} AS start, {aggregate}, count(*) FROM samples
                WHERE user_id = $2 AND type = $3 AND time >= $4 AND time < $5
                GROUP BY start ORDER BY start
                """);
            Add(command, bucket, NpgsqlDbType.Interval);
            Add(command, query.User);
            Add(command, query.Type);
            Add(command, PgTime.ToUtc(query.From), NpgsqlDbType.TimestampTz);
            Add(command, PgTime.ToUtc(query.To), NpgsqlDbType.TimestampTz);
            var buckets = new List<MetricBucket>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                buckets.Add(new MetricBucket(reader.GetFieldValue<DateTimeOffset>(0), reader.GetDouble(1), reader.GetInt64(2)));
            return (IReadOnlyList<MetricBucket>)buckets;
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<MediaRecord?> FindMediaAsync(string user, string sha256, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("media lookup", async ct =>
        {
            await using var command = database.DataSource.CreateCommand("""
                SELECT sha256, content_type, size, event_id, type, device, time FROM media
                WHERE user_id = $1 AND sha256 = $2 ORDER BY time, event_id LIMIT 1
                """);
            Add(command, user);
            Add(command, sha256);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new MediaRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6))
                : null;
        }, cancellationToken);

    public Task ReplaceDerivedSamplesAsync(DerivedSamples derived, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(derived);
        derived.Validate();
        var types = derived.Samples.Select(s => s.Type).ToArray();
        var times = derived.Samples.Select(s => PgTime.ToUtc(s.Time)).ToArray();
        var values = derived.Samples.Select(s => s.Value).ToArray();
        return database.Retry.RunAsync("derived samples", async ct =>
        {
            // One transaction per try: a retry repeats the delete and the insert together, so it stays idempotent.
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            // The type range walks the primary key (user, type, ...) instead of every sample the user has.
            await using (var delete = new NpgsqlCommand(
                "DELETE FROM samples WHERE user_id = $1 AND type >= $2 AND type < $3 AND event_id = $4", connection, transaction))
            {
                Add(delete, derived.User);
                Add(delete, derived.TypePrefix);
                Add(delete, derived.TypePrefixEnd);
                Add(delete, derived.SourceEventId);
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using (var insert = new NpgsqlCommand("""
                INSERT INTO samples (user_id, type, time, event_id, device, value)
                SELECT $1, t.type, t.time, $2, $3, t.value FROM unnest($4::text[], $5::timestamptz[], $6::double precision[]) AS t(type, time, value)
                """, connection, transaction))
            {
                Add(insert, derived.User);
                Add(insert, derived.SourceEventId);
                Add(insert, derived.Device);
                Add(insert, types);
                Add(insert, times, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
                Add(insert, values);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    // Positional parameters ($1, $2, ...): returns the number of the one just added.
    private static int Add<T>(NpgsqlCommand command, T value, NpgsqlDbType? type = null)
    {
        var parameter = new NpgsqlParameter<T> { TypedValue = value };
        if (type is { } dbType)
            parameter.NpgsqlDbType = dbType;
        command.Parameters.Add(parameter);
        return command.Parameters.Count;
    }
}
