using Microsoft.Data.Sqlite;

namespace LifeOS.Security.Tests;

/// <summary>Reads the embedded server's files directly, bypassing every API, to see what is really stored.</summary>
internal sealed class StoreReader(string dataDir)
{
    public long Count(string file, string table, string where, params (string Name, object Value)[] parameters)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, file), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE {where}";
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)command.ExecuteScalar()!;
    }

    public long UserRows(string file, string table, string user, string column = "user_id") => Count(file, table, $"{column} = $u", ("$u", user));

    public bool BlobExists(string sha256) => File.Exists(Path.Combine(dataDir, "blobs", sha256[..2], sha256[2..4], sha256));
}
