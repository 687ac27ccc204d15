using static LifeOS.Storage.Postgres.PostgresValues;

namespace LifeOS.Storage.Postgres;

/// <summary>The audit log on PostgreSQL; triggers refuse UPDATE, DELETE and TRUNCATE, so it stays append-only.</summary>
public sealed class PostgresAuditLog(PostgresDatabase database) : IAuditLog
{
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("audit append", async ct =>
        {
            await using var command = Command(database.DataSource,
                "INSERT INTO audit_log (user_id, time, action, actor, detail, address) VALUES ($1, $2, $3, $4, $5, $6)",
                Text(entry.UserId), Time(entry.Time), Text(entry.Action), Text(entry.Actor), Text(entry.Detail), Text(entry.Address));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(string userId, long? beforeSeq, int limit, CancellationToken cancellationToken = default) =>
        database.Retry.RunAsync("audit list", async ct =>
        {
            await using var command = Command(database.DataSource, """
                SELECT seq, user_id, time, action, actor, detail, address FROM audit_log
                WHERE user_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3
                """, Text(userId), Long(beforeSeq ?? long.MaxValue), Long(limit));
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var entries = new List<AuditEntry>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                entries.Add(new AuditEntry(reader.GetInt64(0), reader.GetString(1), Time(reader, 2)!.Value, reader.GetString(3),
                    Text(reader, 4), Text(reader, 5), Text(reader, 6)));
            }

            return (IReadOnlyList<AuditEntry>)entries;
        }, cancellationToken);
}
