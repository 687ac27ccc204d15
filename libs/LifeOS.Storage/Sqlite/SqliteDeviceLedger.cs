using System.Collections.Concurrent;
using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded capture ledger: accepted seqs as runs of consecutive numbers, plus client ids, written by group commit.</summary>
/// <remarks>
/// Devices send seqs in order, so a device's history is a handful of runs (one per gap), not one row per event:
/// recording a batch touches a row or two, and the gaps are simply the spaces between runs.
/// </remarks>
public sealed partial class SqliteDeviceLedger : IDeviceLedger, IAsyncDisposable
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
        _writer = _file.OpenWriter();
        SqliteFile.Execute(_writer, """
            CREATE TABLE IF NOT EXISTS seq_runs(user_id TEXT NOT NULL, device TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,
                PRIMARY KEY(user_id, device, first)) WITHOUT ROWID;
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
        SqliteCommand? runLookup = null;
        try
        {
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                // Most seqs are above the device's high-water mark and need no lookup at all.
                if (e.Seq <= HighSeq(user, e.Device))
                {
                    connection ??= _file.Open();
                    runLookup ??= RunLookup(connection);
                    runLookup.Parameters[0].Value = user;
                    runLookup.Parameters[1].Value = e.Device;
                    runLookup.Parameters[2].Value = e.Seq;
                    accepted[i] = runLookup.ExecuteScalar() is long last && last >= e.Seq;
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
            runLookup?.Dispose();
            connection?.Dispose();
        }

        return Task.FromResult(accepted);
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
        using var runs = connection.CreateCommand();
        runs.CommandText = "SELECT first, last FROM seq_runs WHERE user_id = $u AND device = $d ORDER BY first";
        runs.Parameters.AddWithValue("$u", user);
        runs.Parameters.AddWithValue("$d", device);
        using var runReader = runs.ExecuteReader();
        long? previousLast = null;
        while (runReader.Read() && gaps.Count <= MaxGapsReported)
        {
            var first = runReader.GetInt64(0);
            if (previousLast is { } last)
                gaps.Add(new SeqGap(last + 1, first - 1));
            previousLast = runReader.GetInt64(1);
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
        // A concurrent commit may have raised it meanwhile; GetOrAdd keeps the value already there.
        return _highSeq.GetOrAdd((user, device), high);
    }

    // Runs on the committer's single writer thread only.
    private void CommitBatch(IReadOnlyList<(string User, IReadOnlyList<EventIdentity> Events)> batch)
    {
        var raised = new Dictionary<(string, string), long>();
        using (var transaction = _writer.BeginTransaction())
        {
            using var runs = new SeqRunWriter(_writer, transaction);
            using var id = new RawStatement(_writer, "INSERT OR IGNORE INTO client_ids(user_id, id) VALUES (?1, ?2)");
            using var device = Command(transaction, """
                INSERT INTO devices(user_id, device, low_seq, high_seq, received) VALUES ($u, $d, $low, $high, $n)
                ON CONFLICT(user_id, device) DO UPDATE SET
                    low_seq = MIN(low_seq, excluded.low_seq), high_seq = MAX(high_seq, excluded.high_seq), received = received + excluded.received
                """, "$u", "$d", "$low", "$high", "$n");
            foreach (var (user, events) in batch)
            {
                foreach (var perDevice in events.GroupBy(e => e.Device, StringComparer.Ordinal))
                {
                    var seqs = perDevice.Select(e => e.Seq).Distinct().Order().ToList();
                    var added = runs.Add(user, perDevice.Key, seqs);
                    foreach (var clientId in perDevice.Select(e => e.ClientId).OfType<string>())
                        id.Bind(1, user).Bind(2, clientId).Execute();

                    device.Parameters[0].Value = user;
                    device.Parameters[1].Value = perDevice.Key;
                    device.Parameters[2].Value = seqs[0];
                    device.Parameters[3].Value = seqs[^1];
                    device.Parameters[4].Value = added;
                    device.ExecuteNonQuery();
                    raised[(user, perDevice.Key)] = Math.Max(seqs[^1], raised.GetValueOrDefault((user, perDevice.Key), long.MinValue));
                }
            }

            transaction.Commit();
        }

        foreach (var (key, high) in raised)
            _highSeq.AddOrUpdate(key, high, (_, old) => Math.Max(old, high));
    }

    // One statement prepared per call and driven through the C API: client ids are common, and each lookup is a point query.
    private static HashSet<string> KnownClientIds(SqliteConnection connection, string user, IReadOnlyList<EventIdentity> events)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        using var lookup = new RawStatement(connection, "SELECT 1 FROM client_ids WHERE user_id = ?1 AND id = ?2");
        foreach (var e in events)
        {
            if (e.ClientId is { } id && lookup.Bind(1, user).Bind(2, id).Exists())
                known.Add(id);
        }

        return known;
    }

    // The run that starts at or before the seq; the seq was accepted when that run reaches it.
    private static SqliteCommand RunLookup(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT last FROM seq_runs WHERE user_id = $u AND device = $d AND first <= $s ORDER BY first DESC LIMIT 1";
        command.Parameters.Add(new SqliteParameter { ParameterName = "$u" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$d" });
        command.Parameters.Add(new SqliteParameter { ParameterName = "$s" });
        return command;
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
