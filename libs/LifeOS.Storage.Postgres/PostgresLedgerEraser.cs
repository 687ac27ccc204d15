using LifeOS.Contracts;

using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>Deleting an account removes its capture ledger; narrower deletions keep it, since the ledger is what stops a
/// device's resend of deleted events from being stored again.</summary>
public sealed class PostgresLedgerEraser(PostgresDatabase database) : IUserDataEraser
{
    private static readonly string[] LedgerTables = ["seq_runs", "client_ids", "devices"];

    public string Name => "ledger";

    public int Order => ErasureOrder.Ledger;

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        return database.Retry.RunAsync("ledger delete", async ct =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            long removed = 0;
            foreach (var table in LedgerTables)
            {
                await using var command = Command(connection, transaction, $"DELETE FROM {table} WHERE user_id = $1", Text(selection.User));
                removed += await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new ErasureResult(Name, removed, []);
        }, cancellationToken);
    }
}
