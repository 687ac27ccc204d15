using System.Buffers;
using System.Text.Json;

namespace LifeOS.Vectors.Qdrant;

/// <summary>The JSON bodies of the Qdrant REST calls this client makes.</summary>
internal static class QdrantRequests
{
    /// <summary>PUT /collections/{name}: one unnamed dense vector per point, compared by cosine.</summary>
    public static byte[] CreateCollection(int dimension) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("vectors");
        json.WriteNumber("size", dimension);
        json.WriteString("distance", "Cosine");
        json.WriteEndObject();
        json.WriteEndObject();
    });

    /// <summary>PUT /collections/{name}/index: a payload index so filters on the field do not scan.</summary>
    public static byte[] CreatePayloadIndex(string field, string schema) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("field_name", field);
        json.WriteString("field_schema", schema);
        json.WriteEndObject();
    });

    /// <summary>PUT /collections/{name}/points: points with UUID ids, vectors and payloads.</summary>
    public static byte[] Upsert(IReadOnlyList<VectorPoint> points, IReadOnlyList<float[]> units) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("points");
        for (var i = 0; i < points.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("id", QdrantPointIds.ToUuid(points[i].Id));
            json.WriteStartArray("vector");
            foreach (var value in units[i])
                json.WriteNumberValue(value);
            json.WriteEndArray();
            json.WritePropertyName("payload");
            QdrantPayload.Write(json, points[i].Id, points[i].Payload);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>POST /collections/{name}/points/delete by point ids.</summary>
    public static byte[] DeleteIds(IEnumerable<string> ids) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("points");
        foreach (var id in ids)
            json.WriteStringValue(QdrantPointIds.ToUuid(id));
        json.WriteEndArray();
        json.WriteEndObject();
    });

    /// <summary>POST /collections/{name}/points/delete by filter.</summary>
    public static byte[] DeleteFilter(VectorFilter filter) => Json(json =>
    {
        json.WriteStartObject();
        json.WritePropertyName("filter");
        QdrantFilters.Write(json, filter);
        json.WriteEndObject();
    });

    /// <summary>POST /collections/{name}/points/query: nearest neighbours of a vector within a filter, payloads included.</summary>
    public static byte[] Query(float[] unit, VectorFilter filter, int limit) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("query");
        foreach (var value in unit)
            json.WriteNumberValue(value);
        json.WriteEndArray();
        json.WritePropertyName("filter");
        QdrantFilters.Write(json, filter);
        json.WriteNumber("limit", limit);
        json.WriteBoolean("with_payload", true);
        json.WriteBoolean("with_vector", false);
        json.WriteEndObject();
    });

    /// <summary>POST /collections/{name}/points/count, exact rather than estimated.</summary>
    public static byte[] Count(VectorFilter filter) => Json(json =>
    {
        json.WriteStartObject();
        json.WritePropertyName("filter");
        QdrantFilters.Write(json, filter);
        json.WriteBoolean("exact", true);
        json.WriteEndObject();
    });

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
            write(json);
        return buffer.WrittenSpan.ToArray();
    }
}
