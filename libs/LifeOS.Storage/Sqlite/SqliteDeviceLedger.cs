using System.Collections.Concurrent;
using LifeOS.Eventing;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded capture ledger: accepted seqs and client ids in SQLite, written by group commit.</summary>
public sealed class SqliteDeviceLedger : IDeviceLedger, IAsyncDisposable
{
    public const int MaxGapsReported = 1000;

    private readonly SqliteFile _file;
    private readonly SqliteConnection _writer;
    private readonly GroupCommitter<(string User, IReadOnlyList<EventIdentity> Events)> _committer;
    // The highest recorded seq per (user, device): a seq above it is new without a lookup, which is the common case.
    private readonly ConcurrentDictionary<(string User, string Device), long> _highSeq = new();

    public SqliteDeviceLedger(string path)
    {
        _file = new SqliteFile(path);
        _writer = _file.Open();
        SqliteFile.Execute(_writer, """
            CREATE TABLE IF NOT EXISTS seqs(user_id TEXT NOT NULL, device TEXT NOT NULL, seq INTEGER NOT NULL,
                PRIMARY KEY(user_id, device, seq)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS client_ids(user_id TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(user_id, id)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS devices(user_id TEXT NOT NULL, device TEXT NOT NULL, low_seq INTEGER NOT NULL,
                high_seq INTEGER NOT NULL, received INTEGER NOT NULL, PRIMARY KEY(user_id, device)) WITHOUT ROWID;
            """);
        _committer = new GroupCommitter<(string, IReadOnlyList<EventIdentity>)>(CommitBatch);
    }

    public Task<bool[]> FindAcceptedAsync(string user, IReadOnlyList<EventIdentity> events, CancellationToken cancellationToken = default)
    {
        var accepted = new bool[events.Count];
        SqliteConnection? connection = null;
        SqliteCommand? seqLookup = null;
        try
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                // Most seqs are above the device's high-water mark and need no lookup at all.
                if (e.Seq <= HighSeq(user, e.Device))
                {
                    connection ??= _file.Open();
                    seqLookup ??= SeqLookup(connection);
                    seqLookup.Parameters[0].Value = user;
                    seqLookup.Parameters[1].Value = e.Device;
                    seqLookup.Parameters[2].Value = e.Seq;
                    accepted[i] = seqLookup.ExecuteScalar() is not null;
                }
            }

            if (events.Any(e => e.ClientId is not null))
            {
                connection ??= _file.Open();
                var known = KnownClientIds(connection, user, events);
                for (var i = 0; i < events.Count; i++)
                    accepted[i] |= events[i].ClientId is { } id && known.Contains(id);
            }
        }
        finally
        {
            seqLookup?.Dispose();
            connection?.Dispose();
        }

        return Task.FromResult(accepted);
    }

    // One query per chunk of ids instead of one per event: client ids are common and each lookup is a round trip.
    private static HashSet<string> KnownClientIds(SqliteConnection connection, string user, IReadOnlyList<EventIdentity> events)
    {
        const int chunk = 500;
        var known = new HashSet<string>(StringComparer.Ordinal);
        var ids = events.Where(e => e.ClientId is not null).Select(e => e.ClientId!).Distinct(StringComparer.Ordinal).ToList();
        for (var start = 0; start < ids.Count; start += chunk)
        {
            var slice = ids.GetRange(start, Math.Min(chunk, ids.Count - start));
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$u", user);
            var names = new string[slice.Count];
            for (var i = 0; i < slice.Count; i++)
            {
                names[i] = "$i" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                command.Parameters.AddWithValue(names[i], slice[i]);
            }

            command.CommandText = $"SELECT id FROM client_ids WHERE user_id = $u AND id IN ({string.Join(", ", names)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                known.Add(reader.GetString(0));
        }

        return known;
    }

    private static SqliteCommand SeqLookup(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM seqs WHERE user_id = $u AND device = $d AND seq = $s";
        command.Parameters.Add(new SqliteParameter { ParameterName = "$u" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$d" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$s" });
        return command;
    }

    public Task RecordAsync(string user, IReadOnlyList<EventIdentity> events, CancellationToken cancellationToken = default) =>
        events.Count == 0 ? Task.CompletedTask : _committer.SubmitAsync((user, events), cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> GetHighSeqsAsync(
        string user, IEnumerable<string> devices, CancellationToken cancellationToken = default)
    {
        var highs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (HighSeq(user, device) is var high and > long.MinValue)
                highs[device] = high;
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(highs);
    }

    public Task<DeviceLedgerView?> GetAsync(string user, string device, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        using var summary = connection.CreateCommand();
        summary.CommandText = "SELECT low_seq, high_seq, received FROM devices WHERE user_id = $u AND device = $d";
        summary.Parameters.AddWithValue("$u", user);
        summary.Parameters.AddWithValue("$d", device);
        using var reader = summary.ExecuteReader();
        if (!reader.Read())
            return Task.FromResult<DeviceLedgerView?>(null);

        var (low, high, received) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        var gaps = new List<SeqGap>();
        if (received < high - low + 1)
        {
            // Holes show up as neighbours more than one apart; the primary key index walks the device's seqs in order.
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT seq + 1, next - 1 FROM (
                    SELECT seq, LEAD(seq) OVER (ORDER BY seq) AS next FROM seqs WHERE user_id = $u AND device = $d)
                WHERE next > seq + 1 LIMIT $limit
                """;
            command.Parameters.AddWithValue("$u", user);
            command.Parameters.AddWithValue("$d", device);
            command.Parameters.AddWithValue("$limit", MaxGapsReported + 1);
            using var gapReader = command.ExecuteReader();
            while (gapReader.Read())
                gaps.Add(new SeqGap(gapReader.GetInt64(0), gapReader.GetInt64(1)));
        }

        var truncated = gaps.Count > MaxGapsReported;
        if (truncated)
            gaps.RemoveAt(gaps.Count - 1);
        return Task.FromResult<DeviceLedgerView?>(new DeviceLedgerView(device, low, high, received, gaps, truncated));
    }

    private long HighSeq(string user, string device)
    {
        if (_highSeq.TryGetValue((user, device), out var high))
            return high;

        using var connection = _file.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT high_seq FROM devices WHERE user_id = $u AND device = $d";
        command.Parameters.AddWithValue("$u", user);
        command.Parameters.AddWithValue("$d", device);
        high = command.ExecuteScalar() is long value ? value : long.MinValue;
        // Only cache what is on disk; a concurrent RecordAsync raises it through AddOrUpdate below.
        return _highSeq.GetOrAdd((user, device), high);
    }

    // Runs on the committer's single writer thread only.
    private void CommitBatch(IReadOnlyList<(string User, IReadOnlyList<EventIdentity> Events)> batch)
    {
        var raised = new Dictionary<(string, string), long>();
        using (var transaction = _writer.BeginTransaction())
        {
            using var seq = Command(transaction, "INSERT OR IGNORE INTO seqs(user_id, device, seq) VALUES ($u, $d, $s)", "$u", "$d", "$s");
            using var id = Command(transaction, "INSERT OR IGNORE INTO client_ids(user_id, id) VALUES ($u, $i)", "$u", "$i");
            using var device = Command(transaction, """
                INSERT INTO devices(user_id, device, low_seq, high_seq, received) VALUES ($u, $d, $low, $high, $n)
                ON CONFLICT(user_id, device) DO UPDATE SET
                    low_seq = MIN(low_seq, excluded.low_seq), high_seq = MAX(high_seq, excluded.high_seq), received = received + excluded.received
                """, "$u", "$d", "$low", "$high", "$n");
            foreach (var (user, events) in batch)
            {
                foreach (var perDevice in events.GroupBy(e => e.Device, StringComparer.Ordinal))
                {
                    long inserted = 0, low = long.MaxValue, high = long.MinValue;
                    foreach (var e in perDevice)
                    {
                        seq.Parameters[0].Value = user;
                        seq.Parameters[1].Value = e.Device;
                        seq.Parameters[2].Value = e.Seq;
                        inserted += seq.ExecuteNonQuery();
                        low = Math.Min(low, e.Seq);
                        high = Math.Max(high, e.Seq);
                        if (e.ClientId is not null)
                        {
                            id.Parameters[0].Value = user;
                            id.Parameters[1].Value = e.ClientId;
                            id.ExecuteNonQuery();
                        }
                    }

                    device.Parameters[0].Value = user;
                    device.Parameters[1].Value = perDevice.Key;
                    device.Parameters[2].Value = low;
                    device.Parameters[3].Value = high;
                    device.Parameters[4].Value = inserted;
                    device.ExecuteNonQuery();
                    raised[(user, perDevice.Key)] = Math.Max(high, raised.GetValueOrDefault((user, perDevice.Key), long.MinValue));
                }
            }

            transaction.Commit();
        }

        foreach (var (key, high) in raised)
            _highSeq.AddOrUpdate(key, high, (_, old) => Math.Max(old, high));
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _committer.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
