using System.Text.Json;
using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded store: one SQLite file with the timeline and a table per projection.</summary>
public sealed partial class SqliteLifeStore : ILifeStore, IDisposable
{
    private readonly SqliteFile _file;
    private readonly SqliteConnection _writer;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    // Tables are clustered on the key each query walks (WITHOUT ROWID), so a write touches one b-tree per table,
    // not a table plus an index. Replays are recognised by (user, device, seq): the same event always has the same seq,
    // and ingestion already refuses a client id seen before.
    public SqliteLifeStore(string path)
    {
        _file = new SqliteFile(path);
        _writer = _file.OpenWriter();
        SqliteFile.Execute(_writer, """
            CREATE TABLE IF NOT EXISTS events(
                user_id TEXT NOT NULL, device TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL,
                time INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY(user_id, device, seq)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS events_by_time ON events(user_id, time, id);
            CREATE TABLE IF NOT EXISTS samples(
                user_id TEXT NOT NULL, type TEXT NOT NULL, time INTEGER NOT NULL, event_id TEXT NOT NULL, device TEXT NOT NULL,
                value REAL NOT NULL, PRIMARY KEY(user_id, type, time, event_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS locations(
                user_id TEXT NOT NULL, time INTEGER NOT NULL, event_id TEXT NOT NULL, device TEXT NOT NULL,
                lat REAL NOT NULL, lon REAL NOT NULL, alt REAL, accuracy REAL, PRIMARY KEY(user_id, time, event_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS motion(
                user_id TEXT NOT NULL, device TEXT NOT NULL, time INTEGER NOT NULL, event_id TEXT NOT NULL,
                x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL, PRIMARY KEY(user_id, device, time, event_id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS media(
                user_id TEXT NOT NULL, sha256 TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL, device TEXT NOT NULL,
                time INTEGER NOT NULL, content_type TEXT NOT NULL, size INTEGER NOT NULL, PRIMARY KEY(user_id, sha256, event_id)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS media_by_sha ON media(sha256);
            """);
    }

    public async Task<int> WriteAsync(IReadOnlyList<LifeEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return 0;

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _writer.BeginTransaction();
            using var writer = new SqliteProjectionWriter(_writer);
            var stored = 0;
            foreach (var lifeEvent in events)
            {
                if (writer.Write(lifeEvent))
                    stored++;
            }

            transaction.Commit();
            return stored;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<TimelinePage> GetTimelineAsync(TimelineQuery query, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        var filters = new List<string> { "user_id = $user", "time >= $from", "time < $to" };
        command.Parameters.AddWithValue("$user", query.User);
        command.Parameters.AddWithValue("$from", Timestamps.ToUnixMicros(query.From));
        command.Parameters.AddWithValue("$to", Timestamps.ToUnixMicros(query.To));
        if (query.Types is { Count: > 0 })
        {
            var names = query.Types.Select((type, i) =>
            {
                command.Parameters.AddWithValue($"$type{i}", type);
                return $"$type{i}";
            });
            filters.Add($"type IN ({string.Join(", ", names)})");
        }

        if (query.Device is not null)
        {
            filters.Add("device = $device");
            command.Parameters.AddWithValue("$device", query.Device);
        }

        if (query.After is not null)
        {
            filters.Add("(time, id) > ($afterTime, $afterId)");
            command.Parameters.AddWithValue("$afterTime", Timestamps.ToUnixMicros(query.After.Time));
            command.Parameters.AddWithValue("$afterId", query.After.Id);
        }

        // One extra row tells whether another page exists without a COUNT.
        command.CommandText = $"""
            SELECT id, type, device, seq, time, data FROM events
            WHERE {string.Join(" AND ", filters)} ORDER BY time, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$limit", query.Limit + 1);

        var items = new List<TimelineItem>(Math.Min(query.Limit + 1, 1024));
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                using var data = JsonDocument.Parse(reader.GetString(5));
                items.Add(new TimelineItem(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                    Timestamps.FromUnixMicros(reader.GetInt64(4)), data.RootElement.Clone()));
            }
        }

        TimelinePosition? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(items.Count - 1);
            next = new TimelinePosition(items[^1].Time, items[^1].Id);
        }

        return Task.FromResult(new TimelinePage(items, next));
    }

    public Task<IReadOnlyList<MetricBucket>> GetMetricBucketsAsync(MetricsQuery query, CancellationToken cancellationToken = default)
    {
        var aggregate = query.Aggregate switch
        {
            MetricAggregate.Avg => "AVG(value)",
            MetricAggregate.Min => "MIN(value)",
            MetricAggregate.Max => "MAX(value)",
            MetricAggregate.Sum => "SUM(value)",
            _ => "COUNT(*)",
        };
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        // Integer division floors toward zero; times before 1970 are not life data we expect, and ranges start at the epoch.
        command.CommandText = $"""
            SELECT (time / $bucket) * $bucket AS start, {aggregate}, COUNT(*) FROM samples
            WHERE user_id = $user AND type = $type AND time >= $from AND time < $to
            GROUP BY start ORDER BY start
            """;
        command.Parameters.AddWithValue("$bucket", query.Bucket.Ticks / 10);
        command.Parameters.AddWithValue("$user", query.User);
        command.Parameters.AddWithValue("$type", query.Type);
        command.Parameters.AddWithValue("$from", Timestamps.ToUnixMicros(query.From));
        command.Parameters.AddWithValue("$to", Timestamps.ToUnixMicros(query.To));
        var buckets = new List<MetricBucket>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            buckets.Add(new MetricBucket(Timestamps.FromUnixMicros(reader.GetInt64(0)), reader.GetDouble(1), reader.GetInt64(2)));
        return Task.FromResult<IReadOnlyList<MetricBucket>>(buckets);
    }

    public Task<MediaRecord?> FindMediaAsync(string user, string sha256, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sha256, content_type, size, event_id, type, device, time FROM media
            WHERE user_id = $user AND sha256 = $sha ORDER BY time LIMIT 1
            """;
        command.Parameters.AddWithValue("$user", user);
        command.Parameters.AddWithValue("$sha", sha256);
        using var reader = command.ExecuteReader();
        MediaRecord? record = reader.Read()
            ? new MediaRecord(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), Timestamps.FromUnixMicros(reader.GetInt64(6)))
            : null;
        return Task.FromResult(record);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _writeLock.Dispose();
    }
}
