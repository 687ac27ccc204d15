using LifeOS.Contracts;
using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>Deletes a user's events and every projection row made from them on PostgreSQL, in one transaction.</summary>
/// <remarks>On TimescaleDB the replay keys go too, and the hourly continuous aggregate is refreshed over the range, so
/// no rollup keeps a trace of what was deleted.</remarks>
public sealed class PostgresDataEraser(PostgresDatabase database) : IUserDataEraser
{
    private static readonly string[] ProjectionTables = ["samples", "locations", "motion", "media"];

    public string Name => "store";

    public int Order => ErasureOrder.Content;

    public async Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        var flavour = await database.GetFlavourAsync(cancellationToken).ConfigureAwait(false);
        var result = await database.Retry.RunAsync("data delete", async ct =>
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, """
                CREATE TEMP TABLE lifeos_doomed ON COMMIT DROP AS
                SELECT id, device, seq FROM events
                WHERE user_id = $1 AND ($2::timestamptz IS NULL OR time >= $2) AND ($3::timestamptz IS NULL OR time < $3)
                  AND ($4::text[] IS NULL OR type = ANY($4))
                """, ct, Text(selection.User), Time(selection.From), Time(selection.To), Types(selection.Types)).ConfigureAwait(false);

            var released = new List<string>();
            await using (var media = Command(connection, transaction,
                "SELECT DISTINCT sha256 FROM media WHERE user_id = $1 AND event_id IN (SELECT id FROM lifeos_doomed)", Text(selection.User)))
            await using (var reader = await media.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    released.Add(reader.GetString(0));
            }

            // Projections first, found through the events they came from, so no derived row outlives its event.
            foreach (var table in ProjectionTables)
            {
                await ExecuteAsync(connection, transaction,
                    $"DELETE FROM {table} WHERE user_id = $1 AND event_id IN (SELECT id FROM lifeos_doomed)", ct, Text(selection.User)).ConfigureAwait(false);
            }

            var removed = await ExecuteAsync(connection, transaction,
                "DELETE FROM events e USING lifeos_doomed d WHERE e.user_id = $1 AND e.device = d.device AND e.seq = d.seq", ct,
                Text(selection.User)).ConfigureAwait(false);
            if (flavour == StoreFlavour.TimescaleDb)
            {
                await ExecuteAsync(connection, transaction,
                    "DELETE FROM event_keys k USING lifeos_doomed d WHERE k.user_id = $1 AND k.device = d.device AND k.seq = d.seq", ct,
                    Text(selection.User)).ConfigureAwait(false);
            }

            // A blob is shared by everyone who uploaded the same bytes: it goes only when nobody's event references it.
            var unreferenced = new List<string>();
            await using (var check = Command(connection, transaction,
                "SELECT s FROM unnest($1::text[]) AS s WHERE NOT EXISTS (SELECT 1 FROM media WHERE sha256 = s)",
                new NpgsqlParameter { Value = released.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }))
            await using (var reader = await check.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    unreferenced.Add(reader.GetString(0));
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return new ErasureResult(Name, removed, unreferenced);
        }, cancellationToken).ConfigureAwait(false);

        if (flavour == StoreFlavour.TimescaleDb && result.Removed > 0)
            await RefreshRollupsAsync(selection, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task RefreshRollupsAsync(DataSelection selection, CancellationToken cancellationToken)
    {
        try
        {
            // Outside any transaction: a continuous aggregate refresh refuses to run inside one.
            await using var command = Command(database.DataSource, "CALL refresh_continuous_aggregate('samples_hourly', $1, $2)",
                Time(selection.From), Time(selection.To));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            // The refresh policy catches up within its schedule; the deletion itself is committed.
            database.LoggerFactory.CreateLogger<PostgresDataEraser>().LogWarning(
                "Refreshing samples_hourly after a deletion failed ({SqlState}); the refresh policy will catch up", ex.SqlState);
        }
    }

    private static NpgsqlParameter Types(IReadOnlyCollection<string>? types) =>
        new() { Value = types is null ? DBNull.Value : types.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
