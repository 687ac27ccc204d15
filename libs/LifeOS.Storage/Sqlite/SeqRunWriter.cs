using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>Merges newly accepted seqs into a device's runs of consecutive seqs, inside the caller's transaction.</summary>
internal sealed class SeqRunWriter : IDisposable
{
    private readonly SqliteCommand _touching;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _insert;

    public SeqRunWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        // Runs are disjoint and sorted, so walking down from the last run that starts at or before last+1 finds every
        // run that overlaps or touches [first, last]; the walk stops at the first run that ends before first-1.
        _touching = Command(connection, transaction,
            "SELECT first, last FROM seq_runs WHERE user_id = $u AND device = $d AND first <= $to ORDER BY first DESC", "$u", "$d", "$to");
        _delete = Command(connection, transaction, "DELETE FROM seq_runs WHERE user_id = $u AND device = $d AND first = $f", "$u", "$d", "$f");
        _insert = Command(connection, transaction, "INSERT INTO seq_runs(user_id, device, first, last) VALUES ($u, $d, $f, $l)", "$u", "$d", "$f", "$l");
    }

    /// <summary>Adds sorted, distinct seqs; returns how many of them were not recorded before.</summary>
    public long Add(string user, string device, IReadOnlyList<long> sortedSeqs)
    {
        long added = 0;
        var start = 0;
        for (var i = 1; i <= sortedSeqs.Count; i++)
        {
            if (i < sortedSeqs.Count && sortedSeqs[i] == sortedSeqs[i - 1] + 1)
                continue;
            added += AddRun(user, device, sortedSeqs[start], sortedSeqs[i - 1]);
            start = i;
        }

        return added;
    }

    private long AddRun(string user, string device, long first, long last)
    {
        var merged = (First: first, Last: last);
        long alreadyThere = 0;
        var absorbed = new List<long>();
        _touching.Parameters[0].Value = user;
        _touching.Parameters[1].Value = device;
        _touching.Parameters[2].Value = last + 1;
        using (var reader = _touching.ExecuteReader())
        {
            while (reader.Read())
            {
                var (runFirst, runLast) = (reader.GetInt64(0), reader.GetInt64(1));
                if (runLast < first - 1)
                    break;
                alreadyThere += Math.Max(0, Math.Min(last, runLast) - Math.Max(first, runFirst) + 1);
                merged = (Math.Min(merged.First, runFirst), Math.Max(merged.Last, runLast));
                absorbed.Add(runFirst);
            }
        }

        foreach (var runFirst in absorbed)
            Run(_delete, user, device, runFirst);
        Run(_insert, user, device, merged.First, merged.Last);
        return last - first + 1 - alreadyThere;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        _touching.Dispose();
        _delete.Dispose();
        _insert.Dispose();
    }
}
