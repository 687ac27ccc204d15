using LifeOS.Contracts;

namespace LifeOS.Storage.Sqlite;

/// <summary>Deleting an account removes its capture ledger; narrower deletions keep it, since the ledger is what stops a
/// device's resend of deleted events from being stored again.</summary>
public sealed partial class SqliteDeviceLedger : IUserDataEraser
{
    public string Name => "ledger";

    public int Order => ErasureOrder.Ledger;

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        // Its own connection: the kept writer belongs to the group committer's thread.
        using var connection = _file.OpenWriter();
        using var transaction = connection.BeginTransaction();
        var removed = 0;
        foreach (var table in new[] { "seq_runs", "client_ids", "devices" })
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {table} WHERE user_id = $u";
            command.Parameters.AddWithValue("$u", selection.User);
            removed += command.ExecuteNonQuery();
        }

        transaction.Commit();
        foreach (var key in _highSeq.Keys.Where(k => string.Equals(k.User, selection.User, StringComparison.Ordinal)).ToList())
            _highSeq.TryRemove(key, out _);
        return Task.FromResult(new ErasureResult(Name, removed, []));
    }
}
