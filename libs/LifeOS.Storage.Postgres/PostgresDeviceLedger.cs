using Npgsql;
using NpgsqlTypes;

namespace LifeOS.Storage.Postgres;

/// <summary>The capture ledger on PostgreSQL: accepted seqs as runs of consecutive numbers, client ids, a summary row per device.</summary>
/// <remarks>
/// Several ingestion replicas may record for the same device at once, so each recording locks the device's summary
/// row (devices in name order, so two recordings never wait on each other crosswise), reads the runs it touches, and
/// rewrites them merged. Nothing is cached in the process: another replica may have recorded since.
/// </remarks>
public sealed class PostgresDeviceLedger(PostgresDatabase database) : IDeviceLedger
{
    /// <summary>Gaps reported per device at most, as in the embedded ledger.</summary>
    public const int MaxGapsReported = 1000;

    public Task<bool[]> FindAcceptedAsync(string user, IReadOnlyList<EventIdentity> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return Task.FromResult(Array.Empty<bool>());

        return database.Retry.RunAsync("ledger lookup", async ct =>
        {
            // One round trip: for each event, the run that starts at or below its seq, and its client id.
            await using var command = database.DataSource.CreateCommand("""
                SELECT coalesce((SELECT r.last FROM seq_runs r
                                 WHERE r.user_id = $1 AND r.device = q.device AND r.first <= q.seq
                                 ORDER BY r.first DESC LIMIT 1) >= q.seq, false)
                    OR (q.client_id IS NOT NULL AND EXISTS (SELECT 1 FROM client_ids c WHERE c.user_id = $1 AND c.id = q.client_id))
                FROM unnest($2::text[], $3::bigint[], $4::text[]) WITH ORDINALITY AS q(device, seq, client_id, i)
                ORDER BY q.i
                """);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. events.Select(e => e.Device)] });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. events.Select(e => e.Seq)] });
            command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. events.Select(e => e.ClientId)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            var accepted = new bool[events.Count];
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            for (var i = 0; await reader.ReadAsync(ct).ConfigureAwait(false); i++)
                accepted[i] = reader.GetBoolean(0);
            return accepted;
        }, cancellationToken);
    }

    public Task RecordAsync(string user, IReadOnlyList<EventIdentity> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0)
            return Task.CompletedTask;

        var devices = events
            .GroupBy(e => e.Device, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Device: g.Key, Seqs: (IReadOnlyList<long>)[.. g.Select(e => e.Seq).Distinct().Order()]))
            .ToList();
        string[] clientIds = [.. events.Select(e => e.ClientId).OfType<string>().Distinct(StringComparer.Ordinal)];
        return database.Retry.RunAsync("ledger record", ct => RecordOnceAsync(user, devices, clientIds, ct), cancellationToken);
    }

    private async Task RecordOnceAsync(string user, List<(string Device, IReadOnlyList<long> Seqs)> devices, string[] clientIds, CancellationToken ct)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        // Round trip 1: make sure each device has a summary row, lock it, and read the runs the new seqs touch.
        // The runs are read after the lock is held, so they include what the previous holder committed.
        await using var read = new NpgsqlBatch(connection, transaction);
        foreach (var (device, seqs) in devices)
        {
            var (low, high) = SeqRuns.TouchRange(seqs);
            read.BatchCommands.Add(Command("""
                INSERT INTO devices (user_id, device, low_seq, high_seq, received) VALUES ($1, $2, $3, $4, 0)
                ON CONFLICT DO NOTHING
                """, user, device, seqs[0], seqs[^1]));
            read.BatchCommands.Add(Command("SELECT 1 FROM devices WHERE user_id = $1 AND device = $2 FOR UPDATE", user, device));
            read.BatchCommands.Add(Command("""
                SELECT first, last FROM seq_runs WHERE user_id = $1 AND device = $2 AND first <= $3 AND last >= $4 ORDER BY first
                """, user, device, high, low));
        }

        var existing = new List<List<SeqRun>>(devices.Count);
        await using (var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            // Only the row-returning statements have result sets: the reader starts on the first device's lock.
            for (var i = 0; i < devices.Count; i++)
            {
                if (i > 0)
                    await reader.NextResultAsync(ct).ConfigureAwait(false);
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                var runs = new List<SeqRun>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    runs.Add(new SeqRun(reader.GetInt64(0), reader.GetInt64(1)));
                existing.Add(runs);
            }
        }

        // Round trip 2: replace the touched runs by their merge, update the summaries, remember the client ids.
        await using var write = new NpgsqlBatch(connection, transaction);
        for (var i = 0; i < devices.Count; i++)
        {
            var (device, seqs) = devices[i];
            var (merged, added) = SeqRuns.Merge(existing[i], seqs);
            write.BatchCommands.Add(Command("DELETE FROM seq_runs WHERE user_id = $1 AND device = $2 AND first = ANY($3)",
                user, device, existing[i].Select(r => r.First).ToArray()));
            write.BatchCommands.Add(Command("""
                INSERT INTO seq_runs (user_id, device, first, last) SELECT $1, $2, f, l FROM unnest($3::bigint[], $4::bigint[]) AS m(f, l)
                """, user, device, merged.Select(r => r.First).ToArray(), merged.Select(r => r.Last).ToArray()));
            write.BatchCommands.Add(Command("""
                UPDATE devices SET low_seq = least(low_seq, $3), high_seq = greatest(high_seq, $4), received = received + $5
                WHERE user_id = $1 AND device = $2
                """, user, device, seqs[0], seqs[^1], added));
        }

        if (clientIds.Length > 0)
            write.BatchCommands.Add(Command("INSERT INTO client_ids (user_id, id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", user, clientIds));
        await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyDictionary<string, long>> GetHighSeqsAsync(string user, IEnumerable<string> devices, CancellationToken cancellationToken = default)
    {
        string[] names = [.. devices.Distinct(StringComparer.Ordinal)];
        return database.Retry.RunAsync("ledger high seqs", async ct =>
        {
            await using var command = database.DataSource.CreateCommand("SELECT device, high_seq FROM devices WHERE user_id = $1 AND device = ANY($2)");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
            var highs = new Dictionary<string, long>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                highs[reader.GetString(0)] = reader.GetInt64(1);
            return (IReadOnlyDictionary<string, long>)highs;
        }, cancellationToken);
    }

    public Task<DeviceLedgerView?> GetAsync(string user, string device, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("ledger view", async ct =>
        {
            await using var batch = database.DataSource.CreateBatch();
            batch.BatchCommands.Add(Command("SELECT low_seq, high_seq, received FROM devices WHERE user_id = $1 AND device = $2", user, device));
            // One run more than gaps reported (n runs, n - 1 gaps), and one more to know whether the list was cut.
            batch.BatchCommands.Add(Command("SELECT first, last FROM seq_runs WHERE user_id = $1 AND device = $2 ORDER BY first LIMIT $3",
                user, device, MaxGapsReported + 2));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                return null;

            var (low, high, received) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            var gaps = new List<SeqGap>();
            long? previousLast = null;
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var first = reader.GetInt64(0);
                if (previousLast is { } last)
                    gaps.Add(new SeqGap(last + 1, first - 1));
                previousLast = reader.GetInt64(1);
            }

            var truncated = gaps.Count > MaxGapsReported;
            if (truncated)
                gaps.RemoveAt(gaps.Count - 1);
            return (DeviceLedgerView?)new DeviceLedgerView(device, low, high, received, gaps, truncated);
        }, cancellationToken);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
