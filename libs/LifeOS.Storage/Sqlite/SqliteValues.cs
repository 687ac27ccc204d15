using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>Conversions the embedded stores share: times as Unix microseconds, nulls as DBNull.</summary>
internal static class SqliteValues
{
    public static object Time(DateTimeOffset? value) => value is { } time ? Timestamps.ToUnixMicros(time) : DBNull.Value;

    public static object Text(string? value) => (object?)value ?? DBNull.Value;

    public static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Timestamps.FromUnixMicros(reader.GetInt64(ordinal));

    public static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        SqliteCommands.Command(connection, null, sql, parameters);

    /// <summary>Adds a column to a table created by an older build; SQLite has no ADD COLUMN IF NOT EXISTS.</summary>
    public static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string definition)
    {
        using (var info = Command(connection, $"SELECT 1 FROM pragma_table_info('{table}') WHERE name = $c", ("$c", column)))
        {
            if (info.ExecuteScalar() is not null)
                return;
        }

        SqliteFile.Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
    }
}
