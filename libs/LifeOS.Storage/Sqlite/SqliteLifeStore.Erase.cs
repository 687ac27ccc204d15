using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>Deleting a user's data: events and every projection row made from them, in one transaction.</summary>
public sealed partial class SqliteLifeStore : IUserDataEraser
{
    public string Name => "store";

    public int Order => ErasureOrder.Content;

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _writer.BeginTransaction();
            var (filter, parameters) = Filter(selection);
            // Projections first, found through the events they came from, so no derived row outlives its event.
            var doomed = $"SELECT id FROM events WHERE {filter}";
            var released = new HashSet<string>(StringComparer.Ordinal);
            using (var media = Command(transaction, $"SELECT DISTINCT sha256 FROM media WHERE user_id = $u AND event_id IN ({doomed})", parameters))
            using (var reader = media.ExecuteReader())
            {
                while (reader.Read())
                    released.Add(reader.GetString(0));
            }

            foreach (var table in new[] { "samples", "locations", "motion", "media" })
                Execute(transaction, $"DELETE FROM {table} WHERE user_id = $u AND event_id IN ({doomed})", parameters);
            var removed = Execute(transaction, $"DELETE FROM events WHERE {filter}", parameters);

            // A blob is shared by everyone who uploaded the same bytes: it goes only when nobody's event references it.
            using (var stillUsed = Command(transaction, "SELECT EXISTS(SELECT 1 FROM media WHERE sha256 = $sha)", [("$sha", "")]))
            {
                foreach (var sha in released.ToList())
                {
                    stillUsed.Parameters["$sha"].Value = sha;
                    if ((long)stillUsed.ExecuteScalar()! == 1)
                        released.Remove(sha);
                }
            }

            transaction.Commit();
            return new ErasureResult(Name, removed, released);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static (string Filter, List<(string, object)> Parameters) Filter(DataSelection selection)
    {
        var filters = new List<string> { "user_id = $u" };
        var parameters = new List<(string, object)> { ("$u", selection.User) };
        if (selection.From is { } from)
        {
            filters.Add("time >= $from");
            parameters.Add(("$from", Timestamps.ToUnixMicros(from)));
        }

        if (selection.To is { } to)
        {
            filters.Add("time < $to");
            parameters.Add(("$to", Timestamps.ToUnixMicros(to)));
        }

        if (selection.Types is { } types)
        {
            var names = types.Select((type, i) =>
            {
                parameters.Add(($"$type{i}", type));
                return $"$type{i}";
            }).ToList();
            filters.Add(names.Count == 0 ? "0" : $"type IN ({string.Join(", ", names)})");
        }

        return (string.Join(" AND ", filters), parameters);
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }

    private int Execute(SqliteTransaction transaction, string sql, IEnumerable<(string, object)> parameters)
    {
        using var command = Command(transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }
}
