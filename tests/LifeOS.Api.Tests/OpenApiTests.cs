using System.Text.Json.Nodes;

namespace LifeOS.Api.Tests;

/// <summary>The anonymous OpenAPI document describes every public route of the API.</summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task The_document_lists_the_ingestion_and_query_routes_with_their_methods()
    {
        await using var server = new ServerFactory();
        using var anonymous = server.CreateTokenClient(null);

        var document = await Api.GetJsonAsync(anonymous, "/openapi/v1.json");

        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        foreach (var (path, method) in new[]
                 {
                     ("/v1/ingest", "post"), ("/v1/timeline", "get"), ("/v1/metrics/{type}", "get"), ("/v1/devices/{device}/ledger", "get"),
                     ("/v1/media", "post"), ("/v1/media/{sha256}", "get"), ("/v1/stream", "get"), ("/v1/pipeline", "get"),
                 })
        {
            var operations = paths[path] as JsonObject;
            Assert.True(operations is not null, $"{path} is missing; the document has {string.Join(", ", paths.Select(p => p.Key))}");
            Assert.True(operations.ContainsKey(method), $"{path} has no {method}");
        }

        // Documented request bodies: the ingest formats and the media form.
        var ingestBody = paths["/v1/ingest"]!["post"]!["requestBody"]!["content"]!.AsObject();
        Assert.Contains("application/json", ingestBody.Select(c => c.Key));
        Assert.Contains("application/x-ndjson", ingestBody.Select(c => c.Key));
        Assert.Contains("multipart/form-data", paths["/v1/media"]!["post"]!["requestBody"]!["content"]!.AsObject().Select(c => c.Key));
    }
}
