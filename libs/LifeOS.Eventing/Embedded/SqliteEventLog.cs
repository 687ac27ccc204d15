using System.Collections.Concurrent;
using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Eventing.Embedded;

/// <summary>The embedded event log: one SQLite file in WAL mode, group-committed appends, consumer groups in process.</summary>
/// <remarks>
/// Offsets are positions in one global sequence, so they grow within each partition but are not contiguous there;
/// Kafka consumers make no contiguity assumption either (compaction and transactions leave gaps too).
/// </remarks>
public sealed class SqliteEventLog : IEventLog
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly GroupCommitter<WriteOperation> _committer;
    private readonly ConcurrentDictionary<string, int> _partitions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _highWater = new();
    private readonly int _defaultPartitions;
    private long _lastOffset;
    private TaskCompletionSource _appended = NewSignal();

    internal ConsumerGroups Groups { get; }

    /// <param name="path">The database file; created with its folder when missing.</param>
    /// <param name="defaultPartitions">Partitions of a topic that is appended to before it was ensured.</param>
    public SqliteEventLog(string path, int defaultPartitions = 1)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        _defaultPartitions = defaultPartitions;
        _writer = Open();
        // FULL: the WAL is fsynced at every commit, so an acknowledged append survives power loss, not just kill -9.
        Execute(_writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(_writer, """
            CREATE TABLE IF NOT EXISTS topics(
                name TEXT PRIMARY KEY, partitions INTEGER NOT NULL, retention_ms INTEGER NOT NULL, cleanup_policy TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS batches(
                base_pos INTEGER PRIMARY KEY, last_pos INTEGER NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL,
                payload BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS batches_by_partition ON batches(topic, partition, last_pos);
            CREATE TABLE IF NOT EXISTS group_offsets(
                grp TEXT NOT NULL, topic TEXT NOT NULL, partition INTEGER NOT NULL, next_pos INTEGER NOT NULL,
                PRIMARY KEY(grp, topic, partition)) WITHOUT ROWID;
            """);
        LoadState();
        Groups = new ConsumerGroups(this);
        _committer = new GroupCommitter<WriteOperation>(CommitBatch);
    }

    public async Task EnsureTopicsAsync(IEnumerable<TopicSpec> topics, CancellationToken cancellationToken = default)
    {
        var missing = topics.Where(t => !_partitions.ContainsKey(t.Name)).ToList();
        if (missing.Count == 0)
            return;

        await _committer.SubmitAsync(new WriteOperation(Topics: missing), cancellationToken).ConfigureAwait(false);
        Groups.Rebalance();
    }

    public async Task AppendAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
            return;

        var unknown = messages.Select(m => m.Topic).Where(t => !_partitions.ContainsKey(t)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            // Like Kafka's auto.create.topics: dead-letter topics and ad-hoc topics appear on first use.
            await EnsureTopicsAsync(
                unknown.Select(t => new TopicSpec(t, _defaultPartitions, TimeSpan.FromDays(30))), cancellationToken).ConfigureAwait(false);
        }

        await _committer.SubmitAsync(new WriteOperation(Messages: messages), cancellationToken).ConfigureAwait(false);
    }

    public Task<IEventConsumer> SubscribeAsync(
        string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(group);
        var consumer = new SqliteEventConsumer(this, group, topics.ToHashSet(StringComparer.Ordinal));
        Groups.Join(consumer);
        return Task.FromResult<IEventConsumer>(consumer);
    }

    public Task<long> GetLagAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // Messages at or after the committed position: whole batches past it, and the tail of the batch it falls in.
        command.CommandText = """
            WITH committed(next) AS (
                SELECT COALESCE((SELECT next_pos FROM group_offsets WHERE grp = $g AND topic = $t AND partition = $p), 0))
            SELECT COALESCE(SUM(last_pos - MAX(base_pos, next) + 1), 0) FROM batches, committed
            WHERE topic = $t AND partition = $p AND last_pos >= next
            """;
        command.Parameters.AddWithValue("$g", group);
        var topic = command.Parameters.Add("$t", SqliteType.Text);
        var partition = command.Parameters.Add("$p", SqliteType.Integer);
        long lag = 0;
        foreach (var name in topics)
        {
            for (var p = 0; p < PartitionCount(name); p++)
            {
                topic.Value = name;
                partition.Value = p;
                lag += (long)command.ExecuteScalar()!;
            }
        }

        return Task.FromResult(lag);
    }

    internal Task CommitOffsetsAsync(string group, IReadOnlyList<(string Topic, int Partition, long NextOffset)> offsets, CancellationToken cancellationToken) =>
        _committer.SubmitAsync(new WriteOperation(Group: group, Offsets: offsets), cancellationToken);

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    internal int PartitionCount(string topic) => _partitions.TryGetValue(topic, out var count) ? count : 0;

    internal long HighWater(string topic, int partition) => _highWater.TryGetValue((topic, partition), out var pos) ? pos : 0;

    /// <summary>Completes at the next append; pollers wait on it instead of spinning.</summary>
    internal Task AppendedSignal => Volatile.Read(ref _appended).Task;

    internal long ReadCommitted(SqliteConnection connection, string group, string topic, int partition)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT next_pos FROM group_offsets WHERE grp = $g AND topic = $t AND partition = $p";
        command.Parameters.AddWithValue("$g", group);
        command.Parameters.AddWithValue("$t", topic);
        command.Parameters.AddWithValue("$p", partition);
        return command.ExecuteScalar() is long next ? next : 0;
    }

    private void LoadState()
    {
        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "SELECT name, partitions FROM topics";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                _partitions[reader.GetString(0)] = reader.GetInt32(1);
        }

        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "SELECT topic, partition, MAX(last_pos) FROM batches GROUP BY topic, partition";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                _highWater[(reader.GetString(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }

        using (var command = _writer.CreateCommand())
        {
            command.CommandText = "SELECT COALESCE(MAX(last_pos), 0) FROM batches";
            _lastOffset = (long)command.ExecuteScalar()!;
        }
    }

    // Runs on the committer's single writer thread only.
    private void CommitBatch(IReadOnlyList<WriteOperation> operations)
    {
        var offset = _lastOffset;
        var written = new Dictionary<(string, int), long>();
        using (var transaction = _writer.BeginTransaction())
        {
            foreach (var operation in operations)
            {
                if (operation.Topics is not null)
                    InsertTopics(transaction, operation.Topics);
                if (operation.Messages is not null)
                    offset = InsertMessages(transaction, operation.Messages, offset, written);
                if (operation.Offsets is not null)
                    UpsertOffsets(transaction, operation.Group!, operation.Offsets);
            }

            transaction.Commit();
        }

        // Only after the commit: readers must never be told about rows they cannot see yet.
        foreach (var operation in operations.Where(o => o.Topics is not null))
            foreach (var topic in operation.Topics!)
                _partitions.TryAdd(topic.Name, topic.Partitions);

        _lastOffset = offset;
        foreach (var (partition, pos) in written)
            _highWater[partition] = pos;

        if (written.Count > 0)
            Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
    }

    private void InsertTopics(SqliteTransaction transaction, IReadOnlyList<TopicSpec> topics)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO topics(name, partitions, retention_ms, cleanup_policy) VALUES ($n, $p, $r, $c)
            ON CONFLICT(name) DO NOTHING
            """;
        var name = command.Parameters.Add("$n", SqliteType.Text);
        var partitions = command.Parameters.Add("$p", SqliteType.Integer);
        var retention = command.Parameters.Add("$r", SqliteType.Integer);
        var cleanup = command.Parameters.Add("$c", SqliteType.Text);
        foreach (var topic in topics)
        {
            name.Value = topic.Name;
            partitions.Value = Math.Max(1, topic.Partitions);
            retention.Value = (long)topic.Retention.TotalMilliseconds;
            cleanup.Value = topic.CleanupPolicy;
            command.ExecuteNonQuery();
        }
    }

    private long InsertMessages(
        SqliteTransaction transaction, IReadOnlyList<OutgoingMessage> messages, long offset, Dictionary<(string, int), long> written)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO batches(base_pos, last_pos, topic, partition, payload) VALUES ($base, $last, $t, $p, $payload)
            """;
        var basePos = command.Parameters.Add("$base", SqliteType.Integer);
        var lastPos = command.Parameters.Add("$last", SqliteType.Integer);
        var topic = command.Parameters.Add("$t", SqliteType.Text);
        var partition = command.Parameters.Add("$p", SqliteType.Integer);
        var payload = command.Parameters.Add("$payload", SqliteType.Blob);
        // One record batch per partition, messages in append order, so order per key holds.
        var perPartition = messages
            .Select(m => (Message: m, Partition: Partitioner.PartitionFor(m.Key, _partitions.TryGetValue(m.Topic, out var n) ? n : _defaultPartitions)))
            .GroupBy(x => (x.Message.Topic, x.Partition));
        foreach (var group in perPartition)
        {
            var batch = group.Select(x => x.Message).ToList();
            basePos.Value = offset + 1;
            offset += batch.Count;
            lastPos.Value = offset;
            topic.Value = group.Key.Topic;
            partition.Value = group.Key.Partition;
            payload.Value = MessageBatchCodec.Encode(batch);
            command.ExecuteNonQuery();
            written[group.Key] = offset;
        }

        return offset;
    }

    private void UpsertOffsets(SqliteTransaction transaction, string group, IReadOnlyList<(string Topic, int Partition, long NextOffset)> offsets)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        // Never move a committed offset backwards: a late commit from a member that lost the partition must not rewind it.
        command.CommandText = """
            INSERT INTO group_offsets(grp, topic, partition, next_pos) VALUES ($g, $t, $p, $n)
            ON CONFLICT(grp, topic, partition) DO UPDATE SET next_pos = MAX(next_pos, excluded.next_pos)
            """;
        command.Parameters.AddWithValue("$g", group);
        var topic = command.Parameters.Add("$t", SqliteType.Text);
        var partition = command.Parameters.Add("$p", SqliteType.Integer);
        var next = command.Parameters.Add("$n", SqliteType.Integer);
        foreach (var offset in offsets)
        {
            topic.Value = offset.Topic;
            partition.Value = offset.Partition;
            next.Value = offset.NextOffset;
            command.ExecuteNonQuery();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Groups.CloseAll();
        await _committer.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record WriteOperation(
        IReadOnlyList<TopicSpec>? Topics = null,
        IReadOnlyList<OutgoingMessage>? Messages = null,
        string? Group = null,
        IReadOnlyList<(string Topic, int Partition, long NextOffset)>? Offsets = null);
}
