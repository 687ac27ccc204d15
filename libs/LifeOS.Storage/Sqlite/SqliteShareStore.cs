using LifeOS.Contracts;
using Microsoft.Data.Sqlite;
using static LifeOS.Storage.Sqlite.SqliteCommands;
using static LifeOS.Storage.Sqlite.SqliteValues;

namespace LifeOS.Storage.Sqlite;

/// <summary>The embedded share store in SQLite.</summary>
public sealed class SqliteShareStore : IShareStore, IUserDataEraser
{
    private const string Columns = "id, owner_id, grantee_id, role, types, from_time, to_time, created, revoked";
    private readonly SqliteFile _file;

    public SqliteShareStore(string path)
    {
        _file = new SqliteFile(path);
        using var connection = _file.OpenWriter();
        SqliteFile.Execute(connection, """
            CREATE TABLE IF NOT EXISTS shares(
                id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, grantee_id TEXT NOT NULL, role TEXT NOT NULL, types TEXT,
                from_time INTEGER, to_time INTEGER, created INTEGER NOT NULL, revoked INTEGER);
            CREATE UNIQUE INDEX IF NOT EXISTS shares_active ON shares(owner_id, grantee_id) WHERE revoked IS NULL;
            CREATE INDEX IF NOT EXISTS shares_by_grantee ON shares(grantee_id);
            """);
    }

    public string Name => "shares";

    public int Order => ErasureOrder.AccountData;

    public Task CreateAsync(DataShare share, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, "UPDATE shares SET revoked = $at WHERE owner_id = $o AND grantee_id = $g AND revoked IS NULL",
            ("$at", Time(share.Created)), ("$o", share.OwnerId), ("$g", share.GranteeId));
        Run(connection, transaction, $"INSERT INTO shares({Columns}) VALUES ($id, $o, $g, $role, $types, $from, $to, $c, $r)",
            ("$id", share.Id), ("$o", share.OwnerId), ("$g", share.GranteeId), ("$role", share.Role.ToString()), ("$types", Text(share.Types)),
            ("$from", Time(share.From)), ("$to", Time(share.To)), ("$c", Time(share.Created)), ("$r", Time(share.Revoked)));
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<DataShare?> FindActiveAsync(string ownerId, string granteeId, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        return Task.FromResult(Read(connection, "owner_id = $a AND grantee_id = $b AND revoked IS NULL", ownerId, granteeId).FirstOrDefault());
    }

    public Task<IReadOnlyList<DataShare>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var connection = _file.Open();
        return Task.FromResult<IReadOnlyList<DataShare>>(Read(connection, "(owner_id = $a OR grantee_id = $b) AND revoked IS NULL", userId, userId));
    }

    public Task<DataShare?> RevokeAsync(string userId, string shareId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var connection = _file.OpenWriter();
        using var command = Command(connection, $"""
            UPDATE shares SET revoked = $at WHERE id = $id AND (owner_id = $u OR grantee_id = $u) AND revoked IS NULL RETURNING {Columns}
            """, ("$at", Time(at)), ("$id", shareId), ("$u", userId));
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadShare(reader) : null);
    }

    public Task<ErasureResult> EraseAsync(DataSelection selection, CancellationToken cancellationToken = default)
    {
        if (!selection.Everything)
            return Task.FromResult(ErasureResult.Nothing(Name));

        using var connection = _file.OpenWriter();
        var removed = Run(connection, null, "DELETE FROM shares WHERE owner_id = $u OR grantee_id = $u", ("$u", selection.User));
        return Task.FromResult(new ErasureResult(Name, removed, []));
    }

    private static List<DataShare> Read(SqliteConnection connection, string filter, string a, string b)
    {
        using var command = Command(connection, $"SELECT {Columns} FROM shares WHERE {filter} ORDER BY created, id", ("$a", a), ("$b", b));
        using var reader = command.ExecuteReader();
        var shares = new List<DataShare>();
        while (reader.Read())
            shares.Add(ReadShare(reader));
        return shares;
    }

    private static DataShare ReadShare(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<ShareRole>(reader.GetString(3)), Text(reader, 4),
        Time(reader, 5), Time(reader, 6), Time(reader, 7)!.Value, Time(reader, 8));
}
