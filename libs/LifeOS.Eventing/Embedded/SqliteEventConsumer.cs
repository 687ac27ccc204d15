using Microsoft.Data.Sqlite;

namespace LifeOS.Eventing.Embedded;

/// <summary>One member of a consumer group on the embedded log.</summary>
internal sealed class SqliteEventConsumer : IEventConsumer
{
    private readonly SqliteEventLog _log;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;
    private readonly Lock _lock = new();
    // Next offset to read per assigned partition; starts at the group's committed offset.
    private Dictionary<(string Topic, int Partition), long> _positions = [];
    private int _rotation;
    private bool _closed;

    public SqliteEventConsumer(SqliteEventLog log, string group, HashSet<string> topics)
    {
        _log = log;
        Group = group;
        Topics = topics;
        _connection = log.Open();
        _read = _connection.CreateCommand();
        _read.CommandText = """
            SELECT base_pos, payload FROM batches
            WHERE topic = $t AND partition = $p AND last_pos >= $from ORDER BY last_pos LIMIT $n
            """;
        _read.Parameters.Add("$t", SqliteType.Text);
        _read.Parameters.Add("$p", SqliteType.Integer);
        _read.Parameters.Add("$from", SqliteType.Integer);
        _read.Parameters.Add("$n", SqliteType.Integer);
    }

    public string Group { get; }

    public HashSet<string> Topics { get; }

    public void Assign(IReadOnlyList<(string Topic, int Partition)> partitions)
    {
        lock (_lock)
        {
            var next = new Dictionary<(string, int), long>();
            foreach (var partition in partitions)
            {
                next[partition] = _positions.TryGetValue(partition, out var kept)
                    ? kept
                    : _log.ReadCommitted(_connection, Group, partition.Topic, partition.Partition);
            }

            _positions = next;
        }
    }

    public async Task<IReadOnlyList<LogMessage>> PollAsync(int maxMessages, TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + maxWait;
        while (true)
        {
            // Take the signal before reading so an append between the read and the wait is not missed.
            var appended = _log.AppendedSignal;
            var batch = ReadAvailable(maxMessages);
            if (batch.Count > 0)
                return batch;

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || _closed)
                return [];

            await Task.WhenAny(appended, Task.Delay(remaining, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public Task CommitAsync(IReadOnlyCollection<LogMessage> processed, CancellationToken cancellationToken = default)
    {
        var offsets = processed
            .GroupBy(m => (m.Topic, m.Partition))
            .Select(g => (g.Key.Topic, g.Key.Partition, g.Max(m => m.Offset) + 1))
            .ToList();
        return offsets.Count == 0 ? Task.CompletedTask : _log.CommitOffsetsAsync(Group, offsets, cancellationToken);
    }

    private List<LogMessage> ReadAvailable(int maxMessages)
    {
        lock (_lock)
        {
            var batch = new List<LogMessage>();
            var partitions = _positions.Keys.ToArray();
            // Start at a different partition each poll so a busy partition cannot starve the others.
            for (var i = 0; i < partitions.Length && batch.Count < maxMessages; i++)
            {
                var partition = partitions[(_rotation + i) % partitions.Length];
                var from = _positions[partition];
                if (_log.HighWater(partition.Topic, partition.Partition) < from)
                    continue;

                var before = batch.Count;
                ReadPartition(partition, from, maxMessages - batch.Count, batch);
                if (batch.Count > before)
                    _positions[partition] = batch[^1].Offset + 1;
            }

            _rotation++;
            return batch;
        }
    }

    private void ReadPartition((string Topic, int Partition) partition, long from, int limit, List<LogMessage> into)
    {
        _read.Parameters["$t"].Value = partition.Topic;
        _read.Parameters["$p"].Value = partition.Partition;
        _read.Parameters["$from"].Value = from;
        _read.Parameters["$n"].Value = limit;
        using var reader = _read.ExecuteReader();
        while (reader.Read() && limit > 0)
        {
            var before = into.Count;
            MessageBatchCodec.Decode(partition.Topic, partition.Partition, reader.GetInt64(0), (byte[])reader.GetValue(1), from, limit, into);
            limit -= into.Count - before;
        }
    }

    public ValueTask DisposeAsync()
    {
        _closed = true;
        _log.Groups.Leave(this);
        lock (_lock)
        {
            _read.Dispose();
            _connection.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
