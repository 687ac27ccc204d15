using System.Text.Json;

namespace LifeOS.Vectors.Qdrant;

/// <summary>Writes a <see cref="VectorFilter"/> as a Qdrant filter: every condition in <c>must</c>, so all of them apply.</summary>
internal static class QdrantFilters
{
    public static void Write(Utf8JsonWriter json, VectorFilter filter)
    {
        json.WriteStartObject();
        json.WriteStartArray("must");

        Match(json, QdrantPayload.User, filter.User);
        if (filter.Types is not null)
        {
            json.WriteStartObject();
            json.WriteString("key", QdrantPayload.Type);
            json.WriteStartObject("match");
            json.WriteStartArray("any");
            foreach (var type in filter.Types)
                json.WriteStringValue(type);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (filter.From is not null || filter.To is not null)
        {
            json.WriteStartObject();
            json.WriteString("key", QdrantPayload.Time);
            json.WriteStartObject("range");
            if (filter.From is { } from)
                json.WriteNumber("gte", VectorTime.ToMicros(from));
            if (filter.To is { } to)
                json.WriteNumber("lt", VectorTime.ToMicros(to));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        if (filter.SourceId is not null)
            Match(json, QdrantPayload.Source, filter.SourceId);

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Match(Utf8JsonWriter json, string key, string value)
    {
        json.WriteStartObject();
        json.WriteString("key", key);
        json.WriteStartObject("match");
        json.WriteString("value", value);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
