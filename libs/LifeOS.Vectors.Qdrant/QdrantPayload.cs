using System.Text.Json;

namespace LifeOS.Vectors.Qdrant;

/// <summary>How a <see cref="VectorPayload"/> is laid out as a Qdrant payload: flat keys, time as integer microseconds.</summary>
internal static class QdrantPayload
{
    public const string PointId = "point_id";
    public const string User = "user";
    public const string Type = "type";
    public const string Time = "time";
    public const string Source = "source";
    public const string Chunk = "chunk";
    public const string Model = "model";
    public const string Text = "text";

    /// <summary>The payload fields searches and deletes filter on, and the Qdrant index type of each.</summary>
    public static readonly (string Field, string Schema)[] Indexed =
    [
        (User, "keyword"),
        (Type, "keyword"),
        (Time, "integer"),
        (Source, "keyword"),
    ];

    public static void Write(Utf8JsonWriter json, string id, VectorPayload payload)
    {
        json.WriteStartObject();
        json.WriteString(PointId, id);
        json.WriteString(User, payload.User);
        json.WriteString(Type, payload.Type);
        json.WriteNumber(Time, VectorTime.ToMicros(payload.Time));
        if (payload.SourceId is not null)
            json.WriteString(Source, payload.SourceId);
        json.WriteNumber(Chunk, payload.ChunkPosition);
        if (payload.Model is not null)
            json.WriteString(Model, payload.Model);
        if (payload.Text is not null)
            json.WriteString(Text, payload.Text);
        json.WriteEndObject();
    }

    public static (string Id, VectorPayload Payload) Read(JsonElement payload)
    {
        return (
            Required(payload, PointId).GetString()!,
            new VectorPayload(
                Required(payload, User).GetString()!,
                Required(payload, Type).GetString()!,
                VectorTime.FromMicros(Required(payload, Time).GetInt64()),
                Optional(payload, Source)?.GetString(),
                Optional(payload, Chunk)?.GetInt32() ?? 0,
                Optional(payload, Model)?.GetString(),
                Optional(payload, Text)?.GetString()));
    }

    private static JsonElement Required(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new QdrantException($"a point in Qdrant has no '{name}' in its payload; it was not written by LifeOS");

    private static JsonElement? Optional(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
