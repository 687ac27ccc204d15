using System.Text.Json;
using LifeOS.Contracts;

namespace LifeOS.Storage.Postgres;

/// <summary>One event as it is copied to the staging table: envelope columns plus its typed projection, already extracted.</summary>
/// <remarks>
/// Projections are read here, in .NET, with the same calls the embedded store makes, so a payload the SQLite store
/// cannot project (a sample without a numeric value) fails the same way, before anything reaches the database.
/// </remarks>
internal readonly record struct StagedEvent(
    LifeEvent Event,
    DateTime Time,
    StoreProjection Projection,
    double Value,
    double Lat,
    double Lon,
    double? Alt,
    double? Accuracy,
    double X,
    double Y,
    double Z,
    string? Sha256,
    string? ContentType,
    long Size)
{
    /// <summary>The events of a batch to stage: the first of several copies of one (user, device, seq) wins, as in the embedded store.</summary>
    public static List<StagedEvent> FromBatch(IReadOnlyList<LifeEvent> events)
    {
        var staged = new List<StagedEvent>(events.Count);
        var seen = new HashSet<(string User, string Device, long Seq)>(events.Count);
        foreach (var e in events)
        {
            if (seen.Add((e.User, e.Device, e.Seq)))
                staged.Add(From(e));
        }

        return staged;
    }

    private static StagedEvent From(LifeEvent e)
    {
        var row = new StagedEvent { Event = e, Time = PgTime.ToUtc(e.Time), Projection = StoreProjection.Event };
        if (!TopicCatalogue.TryGetByEventType(e.Type, out var topic))
            return row;

        var data = e.Data;
        return topic.Projection switch
        {
            StoreProjection.Sample => row with { Projection = StoreProjection.Sample, Value = data.GetProperty("value").GetDouble() },
            StoreProjection.Location => row with
            {
                Projection = StoreProjection.Location,
                Lat = data.GetProperty("lat").GetDouble(),
                Lon = data.GetProperty("lon").GetDouble(),
                Alt = OptionalDouble(data, "alt"),
                Accuracy = OptionalDouble(data, "accuracy"),
            },
            StoreProjection.Motion => row with
            {
                Projection = StoreProjection.Motion,
                X = data.GetProperty("x").GetDouble(),
                Y = data.GetProperty("y").GetDouble(),
                Z = data.GetProperty("z").GetDouble(),
            },
            StoreProjection.Media when data.TryGetProperty("blob", out var blob) => row with
            {
                Projection = StoreProjection.Media,
                Sha256 = blob.GetProperty("sha256").GetString()!,
                ContentType = blob.GetProperty("contentType").GetString()!,
                Size = blob.GetProperty("size").GetInt64(),
            },
            _ => row,
        };
    }

    private static double? OptionalDouble(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
