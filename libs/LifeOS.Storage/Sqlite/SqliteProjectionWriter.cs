using System.Runtime.InteropServices;
using System.Text.Json;
using LifeOS.Contracts;
using Microsoft.Data.Sqlite;

namespace LifeOS.Storage.Sqlite;

/// <summary>Writes events and their typed projections inside one transaction, with statements prepared once per batch.</summary>
internal sealed class SqliteProjectionWriter : IDisposable
{
    private readonly RawStatement _event;
    private readonly RawStatement _sample;
    private readonly RawStatement _location;
    private readonly RawStatement _motion;
    private readonly RawStatement _media;

    public SqliteProjectionWriter(SqliteConnection connection)
    {
        // OR IGNORE makes replays harmless: a second copy of an event (same user, device and seq) changes nothing.
        _event = new RawStatement(connection,
            "INSERT OR IGNORE INTO events(user_id, id, type, device, seq, time, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        _sample = new RawStatement(connection,
            "INSERT OR IGNORE INTO samples(user_id, event_id, type, device, time, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _location = new RawStatement(connection,
            "INSERT OR IGNORE INTO locations(user_id, event_id, device, time, lat, lon, alt, accuracy) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        _motion = new RawStatement(connection,
            "INSERT OR IGNORE INTO motion(user_id, event_id, device, time, x, y, z) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        _media = new RawStatement(connection,
            "INSERT OR IGNORE INTO media(user_id, sha256, event_id, type, device, time, content_type, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    }

    /// <summary>Writes one event; returns false when it was already stored (and then writes no projection either).</summary>
    public bool Write(LifeEvent e)
    {
        var time = Timestamps.ToUnixMicros(e.Time);
        var inserted = _event.Bind(1, e.User).Bind(2, e.Id).Bind(3, e.Type).Bind(4, e.Device).Bind(5, e.Seq).Bind(6, time)
            .BindUtf8(7, JsonMarshal.GetRawUtf8Value(e.Data)).Execute();
        if (inserted == 0 || !TopicCatalogue.TryGetByEventType(e.Type, out var topic))
            return inserted > 0;

        var data = e.Data;
        switch (topic.Projection)
        {
            case StoreProjection.Sample:
                _sample.Bind(1, e.User).Bind(2, e.Id).Bind(3, e.Type).Bind(4, e.Device).Bind(5, time)
                    .Bind(6, data.GetProperty("value").GetDouble()).Execute();
                break;
            case StoreProjection.Location:
                _location.Bind(1, e.User).Bind(2, e.Id).Bind(3, e.Device).Bind(4, time)
                    .Bind(5, data.GetProperty("lat").GetDouble()).Bind(6, data.GetProperty("lon").GetDouble())
                    .Bind(7, OptionalDouble(data, "alt")).Bind(8, OptionalDouble(data, "accuracy")).Execute();
                break;
            case StoreProjection.Motion:
                _motion.Bind(1, e.User).Bind(2, e.Id).Bind(3, e.Device).Bind(4, time)
                    .Bind(5, data.GetProperty("x").GetDouble()).Bind(6, data.GetProperty("y").GetDouble())
                    .Bind(7, data.GetProperty("z").GetDouble()).Execute();
                break;
            case StoreProjection.Media when data.TryGetProperty("blob", out var blob):
                _media.Bind(1, e.User).Bind(2, blob.GetProperty("sha256").GetString()!).Bind(3, e.Id).Bind(4, e.Type).Bind(5, e.Device)
                    .Bind(6, time).Bind(7, blob.GetProperty("contentType").GetString()!).Bind(8, blob.GetProperty("size").GetInt64()).Execute();
                break;
        }

        return true;
    }

    private static double? OptionalDouble(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    public void Dispose()
    {
        _event.Dispose();
        _sample.Dispose();
        _location.Dispose();
        _motion.Dispose();
        _media.Dispose();
    }
}
