using System.Net;
using System.Text.Json;
using LifeOS.Vectors.Qdrant;

namespace LifeOS.Vectors.Tests.Qdrant;

/// <summary>
/// What the Qdrant client puts on the wire, read from a local recording listener, and how it reads answers shaped as
/// Qdrant's REST reference documents them. These check the request format only; Qdrant's behaviour is checked by
/// <see cref="QdrantVectorIndexTests"/> against a real server.
/// </summary>
public sealed class QdrantWireFormatTests
{
    private const string Ok = """{"result":true,"status":"ok","time":0.001}""";
    private static readonly DateTimeOffset When = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ensuring_a_missing_collection_creates_it_for_cosine_and_indexes_the_filtered_payload_fields()
    {
        await using var server = await RecordingHttpListener.StartAsync(r => r.Method == "GET" ? (404, """{"status":{"error":"Not found: Collection `c` doesn't exist!"},"time":0}""") : (200, Ok));
        var index = Index(server, apiKey: "secret-key");

        await index.EnsureCollectionAsync(TestContext.Current.CancellationToken);

        var requests = server.Requests;
        Assert.Equal(["GET /collections/notes", "PUT /collections/notes", .. Enumerable.Repeat("PUT /collections/notes/index?wait=true", 4)],
            requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(requests, r => Assert.Equal("secret-key", r.ApiKey));
        Assert.Equal("""{"vectors":{"size":4,"distance":"Cosine"}}""", requests[1].Body);
        Assert.StartsWith("application/json", requests[1].ContentType);
        Assert.Equal(
            [("user", "keyword"), ("type", "keyword"), ("time", "integer"), ("source", "keyword")],
            requests.Skip(2).Select(r => (r.Json.GetProperty("field_name").GetString(), r.Json.GetProperty("field_schema").GetString())));
    }

    [Fact]
    public async Task An_existing_collection_with_another_dimension_is_refused_naming_both()
    {
        await using var server = await RecordingHttpListener.StartAsync(_ => (200,
            """{"result":{"status":"green","config":{"params":{"vectors":{"size":768,"distance":"Cosine"}}}},"status":"ok","time":0}"""));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Index(server).EnsureCollectionAsync(TestContext.Current.CancellationToken));

        Assert.Contains("768", error.Message);
        Assert.Contains("4 dimensions", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_refused_create_of_a_collection_that_still_does_not_exist_reports_qdrants_reason()
    {
        await using var server = await RecordingHttpListener.StartAsync(r => r.Method == "GET"
            ? (404, """{"status":{"error":"Not found"},"time":0}""")
            : (400, """{"status":{"error":"Wrong input: bad collection config"},"time":0}"""));

        var error = await Assert.ThrowsAsync<QdrantException>(() => Index(server).EnsureCollectionAsync(TestContext.Current.CancellationToken));

        Assert.Contains("bad collection config", error.Message);
        Assert.Equal(["GET", "PUT", "GET"], server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Upsert_sends_uuid_ids_unit_vectors_and_a_flat_payload_keeping_the_original_id()
    {
        await using var server = await RecordingHttpListener.StartAsync(_ => (200, """{"result":{"operation_id":1,"status":"completed"},"status":"ok","time":0}"""));
        var point = new VectorPoint("journal:7#2", new float[] { 3, 0, 4, 0 }, new VectorPayload("alice", "journal", When.AddTicks(1230), "journal:7", 2, "minilm@1", "a snippet"));

        await Index(server, apiKey: null).UpsertAsync([point], TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("PUT /collections/notes/points?wait=true", $"{request.Method} {request.PathAndQuery}");
        Assert.Null(request.ApiKey);
        var sent = Assert.Single(request.Json.GetProperty("points").EnumerateArray().ToList());
        Assert.Equal(QdrantPointIds.ToUuid("journal:7#2"), sent.GetProperty("id").GetString());
        Assert.Equal([0.6f, 0f, 0.8f, 0f], sent.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()));
        var payload = sent.GetProperty("payload");
        Assert.Equal("journal:7#2", payload.GetProperty("point_id").GetString());
        Assert.Equal("alice", payload.GetProperty("user").GetString());
        Assert.Equal("journal", payload.GetProperty("type").GetString());
        Assert.Equal(VectorTime.ToMicros(When) + 123, payload.GetProperty("time").GetInt64());
        Assert.Equal("journal:7", payload.GetProperty("source").GetString());
        Assert.Equal(2, payload.GetProperty("chunk").GetInt32());
        Assert.Equal("minilm@1", payload.GetProperty("model").GetString());
        Assert.Equal("a snippet", payload.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Large_upserts_are_split_into_batches()
    {
        await using var server = await RecordingHttpListener.StartAsync(_ => (200, Ok));
        var points = Enumerable.Range(0, 600).Select(i => new VectorPoint($"p{i}", new float[] { 1, i, 0, 0 }, new VectorPayload("alice", "knowledge", When))).ToList();

        await Index(server).UpsertAsync(points, TestContext.Current.CancellationToken);

        Assert.Equal([256, 256, 88], server.Requests.Select(r => r.Json.GetProperty("points").GetArrayLength()));
    }

    [Fact]
    public async Task Search_sends_the_vector_with_must_conditions_for_user_types_and_time_and_reads_the_hits()
    {
        var hitPayload = $$"""{"point_id":"k1","user":"alice","type":"knowledge","time":{{VectorTime.ToMicros(When)}},"source":"item-1","chunk":3,"model":"m","text":"t"}""";
        await using var server = await RecordingHttpListener.StartAsync(_ => (200,
            $$"""{"result":{"points":[{"id":"{{QdrantPointIds.ToUuid("k1")}}","version":4,"score":0.87,"payload":{{hitPayload}}}]},"status":"ok","time":0.002}"""));
        var filter = new VectorFilter("alice", ["knowledge", "journal"], When, When.AddDays(7));

        var hits = await Index(server).SearchAsync(new VectorQuery(new float[] { 0, 2, 0, 0 }, filter, 5), TestContext.Current.CancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /collections/notes/points/query", $"{request.Method} {request.PathAndQuery}");
        var expected = $$$"""
            {"query":[0,1,0,0],"filter":{"must":[
              {"key":"user","match":{"value":"alice"}},
              {"key":"type","match":{"any":["knowledge","journal"]}},
              {"key":"time","range":{"gte":{{{VectorTime.ToMicros(When)}}},"lt":{{{VectorTime.ToMicros(When.AddDays(7))}}}}}]},
             "limit":5,"with_payload":true,"with_vector":false}
            """;
        AssertJsonEqual(expected, request.Body);

        var hit = Assert.Single(hits);
        Assert.Equal("k1", hit.Id);
        Assert.Equal(0.87f, hit.Score);
        Assert.Equal(new VectorPayload("alice", "knowledge", When, "item-1", 3, "m", "t"), hit.Payload);
    }

    [Fact]
    public async Task Deletes_by_id_and_by_filter_use_the_points_delete_endpoint_and_wait()
    {
        await using var server = await RecordingHttpListener.StartAsync(_ => (200, Ok));
        var index = Index(server);

        await index.DeleteAsync(["a", "b", "a"], TestContext.Current.CancellationToken);
        await index.DeleteBySourceAsync("alice", "journal:7", TestContext.Current.CancellationToken);
        await index.DeleteByUserAsync("alice", from: When, cancellationToken: TestContext.Current.CancellationToken);

        var requests = server.Requests;
        Assert.All(requests, r => Assert.Equal("POST /collections/notes/points/delete?wait=true", $"{r.Method} {r.PathAndQuery}"));
        AssertJsonEqual($$"""{"points":["{{QdrantPointIds.ToUuid("a")}}","{{QdrantPointIds.ToUuid("b")}}"]}""", requests[0].Body);
        AssertJsonEqual("""{"filter":{"must":[{"key":"user","match":{"value":"alice"}},{"key":"source","match":{"value":"journal:7"}}]}}""", requests[1].Body);
        AssertJsonEqual($$$"""{"filter":{"must":[{"key":"user","match":{"value":"alice"}},{"key":"time","range":{"gte":{{{VectorTime.ToMicros(When)}}}}}]}}""", requests[2].Body);
    }

    [Fact]
    public async Task Count_asks_for_an_exact_count_and_reads_it()
    {
        await using var server = await RecordingHttpListener.StartAsync(_ => (200, """{"result":{"count":42},"status":"ok","time":0}"""));

        var count = await Index(server).CountAsync(new VectorFilter("alice", ["journal"]), TestContext.Current.CancellationToken);

        Assert.Equal(42, count);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /collections/notes/points/count", $"{request.Method} {request.PathAndQuery}");
        AssertJsonEqual("""{"filter":{"must":[{"key":"user","match":{"value":"alice"}},{"key":"type","match":{"any":["journal"]}}]},"exact":true}""", request.Body);
    }

    [Fact]
    public async Task An_error_answer_becomes_an_exception_carrying_qdrants_message_and_status()
    {
        await using var server = await RecordingHttpListener.StartAsync(_ => (400, """{"status":{"error":"Wrong input: Vector dimension error: expected dim: 4, got 3"},"time":0}"""));

        var error = await Assert.ThrowsAsync<QdrantException>(() => Index(server).CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("Vector dimension error", error.Message);
    }

    [Fact]
    public async Task An_unreachable_grpc_port_is_named_in_the_error()
    {
        using var http = new HttpClient();
        var index = new QdrantVectorIndex(http, new QdrantVectorIndexOptions { Endpoint = new Uri("http://127.0.0.1:6334"), Collection = "notes", Dimension = 4 });

        var error = await Assert.ThrowsAsync<QdrantException>(() => index.CountAsync(VectorFilter.ForUser("alice"), TestContext.Current.CancellationToken));

        Assert.Contains("gRPC", error.Message);
    }

    private static QdrantVectorIndex Index(RecordingHttpListener server, string? apiKey = "k") =>
        new(new HttpClient(), new QdrantVectorIndexOptions { Endpoint = server.Address, ApiKey = apiKey, Collection = "notes", Dimension = 4 });

    private static void AssertJsonEqual(string expected, string actual) =>
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(actual).RootElement), $"expected {expected}\nactual   {actual}");
}
