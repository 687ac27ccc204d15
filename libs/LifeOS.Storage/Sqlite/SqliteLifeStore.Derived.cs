using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>Samples derived from a source event (journal facts), kept in the same samples table the metrics read.</summary>
public sealed partial class SqliteLifeStore
{
    public async Task ReplaceDerivedSamplesAsync(DerivedSamples derived, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(derived);
        derived.Validate();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _writer.BeginTransaction();
            // The type range walks the primary key (user, type, ...) instead of every sample the user has.
            Execute(transaction, "DELETE FROM samples WHERE user_id = $u AND type >= $from AND type < $to AND event_id = $id",
                [("$u", derived.User), ("$from", derived.TypePrefix), ("$to", derived.TypePrefixEnd), ("$id", derived.SourceEventId)]);

            using var insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO samples(user_id, type, time, event_id, device, value) VALUES ($u, $type, $time, $id, $device, $value)";
            insert.Parameters.AddWithValue("$u", derived.User);
            insert.Parameters.AddWithValue("$id", derived.SourceEventId);
            insert.Parameters.AddWithValue("$device", derived.Device);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var time = insert.Parameters.Add("$time", SqliteType.Integer);
            var value = insert.Parameters.Add("$value", SqliteType.Real);
            foreach (var sample in derived.Samples)
            {
                type.Value = sample.Type;
                time.Value = Timestamps.ToUnixMicros(sample.Time);
                value.Value = sample.Value;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
