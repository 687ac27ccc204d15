using System.Text.Json;

namespace LifeOS.Vectors.Qdrant;

/// <summary>Reads the parts of Qdrant's REST answers this client needs: <c>{"result": ..., "status": "ok", "time": ...}</c>.</summary>
internal static class QdrantResponses
{
    /// <summary>Hits of a query: <c>result.points[]</c> with id, score and payload.</summary>
    public static IReadOnlyList<VectorHit> Hits(JsonElement root)
    {
        var points = Result(root).TryGetProperty("points", out var p) && p.ValueKind == JsonValueKind.Array
            ? p
            : throw new QdrantException("Qdrant's query answer has no result.points array");
        var hits = new List<VectorHit>(points.GetArrayLength());
        foreach (var point in points.EnumerateArray())
        {
            var payload = point.TryGetProperty("payload", out var value) && value.ValueKind == JsonValueKind.Object
                ? value
                : throw new QdrantException("a Qdrant hit came back without its payload");
            var (id, read) = QdrantPayload.Read(payload);
            hits.Add(new VectorHit(id, point.GetProperty("score").GetSingle(), read));
        }

        return hits;
    }

    /// <summary>The count of a count request: <c>result.count</c>.</summary>
    public static long Count(JsonElement root) =>
        Result(root).TryGetProperty("count", out var count) ? count.GetInt64() : throw new QdrantException("Qdrant's count answer has no result.count");

    /// <summary>Size and distance of the collection's unnamed vector: <c>result.config.params.vectors</c>.</summary>
    public static (int Size, string Distance) VectorParameters(JsonElement root)
    {
        if (Result(root).TryGetProperty("config", out var config) &&
            config.TryGetProperty("params", out var parameters) &&
            parameters.TryGetProperty("vectors", out var vectors) &&
            vectors.TryGetProperty("size", out var size) &&
            vectors.TryGetProperty("distance", out var distance))
        {
            return (size.GetInt32(), distance.GetString() ?? "unknown");
        }

        throw new QdrantException("the Qdrant collection has no single unnamed vector (result.config.params.vectors.size); it was not created by LifeOS");
    }

    /// <summary>The message of an error answer (<c>{"status": {"error": "..."}}</c>), or the raw body when it is not one.</summary>
    public static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("status", out var status) &&
                status.ValueKind == JsonValueKind.Object &&
                status.TryGetProperty("error", out var error))
            {
                return error.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): the raw text is the best message there is.
        }

        return body.Length > 500 ? body[..500] : body;
    }

    private static JsonElement Result(JsonElement root) =>
        root.TryGetProperty("result", out var result) ? result : throw new QdrantException("Qdrant's answer has no 'result'");
}
