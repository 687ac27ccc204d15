using System.Text.Json;
using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>Writes events and their typed projections inside one transaction, with statements prepared once per batch.</summary>
internal sealed class SqliteProjectionWriter : IDisposable
{
    private readonly SqliteCommand _event;
    private readonly SqliteCommand _sample;
    private readonly SqliteCommand _location;
    private readonly SqliteCommand _motion;
    private readonly SqliteCommand _media;

    public SqliteProjectionWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        // OR IGNORE makes replays harmless: a second copy of an event (same user, device and seq) changes nothing.
        _event = Prepare(connection, transaction, """
            INSERT OR IGNORE INTO events(user_id, id, type, device, seq, time, data) VALUES ($u, $id, $type, $device, $seq, $time, $data)
            """, "$u", "$id", "$type", "$device", "$seq", "$time", "$data");
        _sample = Prepare(connection, transaction, """
            INSERT OR IGNORE INTO samples(user_id, event_id, type, device, time, value) VALUES ($u, $id, $type, $device, $time, $value)
            """, "$u", "$id", "$type", "$device", "$time", "$value");
        _location = Prepare(connection, transaction, """
            INSERT OR IGNORE INTO locations(user_id, event_id, device, time, lat, lon, alt, accuracy) VALUES ($u, $id, $device, $time, $lat, $lon, $alt, $accuracy)
            """, "$u", "$id", "$device", "$time", "$lat", "$lon", "$alt", "$accuracy");
        _motion = Prepare(connection, transaction, """
            INSERT OR IGNORE INTO motion(user_id, event_id, device, time, x, y, z) VALUES ($u, $id, $device, $time, $x, $y, $z)
            """, "$u", "$id", "$device", "$time", "$x", "$y", "$z");
        _media = Prepare(connection, transaction, """
            INSERT OR IGNORE INTO media(user_id, sha256, event_id, type, device, time, content_type, size) VALUES ($u, $sha, $id, $type, $device, $time, $ct, $size)
            """, "$u", "$sha", "$id", "$type", "$device", "$time", "$ct", "$size");
    }

    /// <summary>Writes one event; returns false when it was already stored (and then writes no projection either).</summary>
    public bool Write(LifeEvent e)
    {
        var time = Timestamps.ToUnixMicros(e.Time);
        Bind(_event, e.User, e.Id, e.Type, e.Device, e.Seq, time, e.Data.GetRawText());
        if (_event.ExecuteNonQuery() == 0)
            return false;

        if (!TopicCatalogue.TryGetByEventType(e.Type, out var topic))
            return true;

        var data = e.Data;
        switch (topic.Projection)
        {
            case StoreProjection.Sample:
                Run(_sample, e.User, e.Id, e.Type, e.Device, time, data.GetProperty("value").GetDouble());
                break;
            case StoreProjection.Location:
                Run(_location, e.User, e.Id, e.Device, time, data.GetProperty("lat").GetDouble(), data.GetProperty("lon").GetDouble(),
                    OptionalDouble(data, "alt"), OptionalDouble(data, "accuracy"));
                break;
            case StoreProjection.Motion:
                Run(_motion, e.User, e.Id, e.Device, time,
                    data.GetProperty("x").GetDouble(), data.GetProperty("y").GetDouble(), data.GetProperty("z").GetDouble());
                break;
            case StoreProjection.Media when data.TryGetProperty("blob", out var blob):
                Run(_media, e.User, blob.GetProperty("sha256").GetString(), e.Id, e.Type, e.Device, time,
                    blob.GetProperty("contentType").GetString(), blob.GetProperty("size").GetInt64());
                break;
        }

        return true;
    }

    private static object? OptionalDouble(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static void Run(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
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
        _event.Dispose();
        _sample.Dispose();
        _location.Dispose();
        _motion.Dispose();
        _media.Dispose();
    }
}
