using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LifeOS.Search;
using LifeOS.Testing.Servers;
using Microsoft.AspNetCore.Http;

namespace LifeOS.Knowledge.Tests;

/// <summary>
/// Hybrid search and ask with models behind a local endpoint that speaks the OpenAI wire format. The embedding side is a
/// small deterministic function (words, and a few words that share a concept, hashed into 64 dimensions): enough to tell
/// vector hits from full-text hits, which is what these tests check. The chat side answers from the passages it was sent.
/// </summary>
public sealed class HybridSearchTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Concepts = new(StringComparer.Ordinal)
    {
        ["loaf"] = "bread", ["sourdough"] = "bread", ["bread"] = "bread", ["baguette"] = "bread",
    };

    private readonly ConcurrentQueue<string> _chatRequests = new();
    private LocalWebServer _models = null!;
    private KnowledgeServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _models = await LocalWebServer.StartAsync(HandleAsync);
        var endpoint = new Uri(_models.BaseAddress, "/v1/").AbsoluteUri;
        _server = new KnowledgeServer(new Dictionary<string, string?>
        {
            ["ConnectionStrings:embeddings"] = $"Endpoint={endpoint};Model=test-embed;MaxRetries=0",
            ["ConnectionStrings:chat"] = $"Endpoint={endpoint};Model=test-chat;MaxRetries=0",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _models.DisposeAsync();
    }

    [Fact]
    public async Task Vector_hits_are_fused_with_full_text_hits_and_say_why_they_matched()
    {
        using var client = _server.Owner();
        await PostAsync(client, "/v1/knowledge", new { kind = "note", text = "Sourdough needs a long cold proof." });
        await PostAsync(client, "/v1/knowledge", new { kind = "note", text = "Tax return checklist." });
        await _server.WaitForPipelineAsync();

        // "loaf" is in no text: only the vector side can find the sourdough note.
        var loaf = await GetAsync(client, "/v1/search?q=loaf");
        Assert.Equal("ok: test-embed", loaf["semantic"]!.GetValue<string>());
        var hit = loaf["hits"]![0]!;
        Assert.Contains("Sourdough", hit["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["semantic"], hit["matchedBy"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Contains("model test-embed", hit["why"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("test-embed", hit["embedding"]!.GetValue<string>());

        var sourdough = await GetAsync(client, "/v1/search?q=sourdough");
        Assert.Equal(["lexical", "semantic"], sourdough["hits"]![0]!["matchedBy"]!.AsArray().Select(m => m!.GetValue<string>()));

        var items = await GetAsync(client, "/v1/knowledge");
        Assert.All(items["items"]!.AsArray(), i => Assert.Equal("test-embed", i!["embedding"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Deleting_an_item_removes_its_vectors_too()
    {
        using var client = _server.Owner();
        var note = await PostAsync(client, "/v1/knowledge", new { kind = "note", text = "A baguette recipe." });
        await _server.WaitForPipelineAsync();
        Assert.NotEmpty((await GetAsync(client, "/v1/search?q=loaf"))["hits"]!.AsArray());
        using (var deleted = await client.DeleteAsync($"/v1/knowledge/{note["id"]!.GetValue<string>()}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await GetAsync(client, "/v1/search?q=loaf"))["hits"]!.AsArray());
    }

    [Fact]
    public async Task Ask_answers_from_retrieved_passages_with_citations()
    {
        using var client = _server.Owner();
        var entry = await PostAsync(client, "/v1/journal", new { text = "Baked a sourdough loaf with Mia." });
        await _server.WaitForPipelineAsync();

        using var response = await client.PostAsJsonAsync("/v1/ask", new { question = "What bread did I bake?" });
        var answer = await KnowledgeServer.ReadJsonAsync(response);
        Assert.Equal("ok", answer["status"]!.GetValue<string>());
        Assert.Contains("Baked a sourdough loaf with Mia.", answer["answer"]!.GetValue<string>(), StringComparison.Ordinal);
        var citation = Assert.Single(answer["citations"]!.AsArray())!;
        Assert.Equal(1, citation["number"]!.GetValue<int>());
        Assert.Equal(entry["id"]!.GetValue<string>(), citation["passage"]!["sourceId"]!.GetValue<string>());
        // The model saw the passage and the question, numbered as cited.
        Assert.Contains(_chatRequests, r => r.Contains("[1] (journal", StringComparison.Ordinal) && r.Contains("What bread did I bake?", StringComparison.Ordinal));
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        var model = request.RootElement.GetProperty("model").GetString();
        object body;
        if (context.Request.Path.Value!.EndsWith("/embeddings", StringComparison.Ordinal))
        {
            var inputs = request.RootElement.GetProperty("input").EnumerateArray().Select(i => i.GetString()!).ToList();
            body = new { @object = "list", model, data = inputs.Select((text, i) => new { @object = "embedding", index = i, embedding = Embed(text) }) };
        }
        else
        {
            var messages = request.RootElement.GetProperty("messages").EnumerateArray().ToList();
            var prompt = messages[^1].GetProperty("content").GetString()!;
            _chatRequests.Enqueue(prompt);
            // Answers with the first passage's text, cited: what a grounded answer looks like on the wire.
            var first = prompt.Split('\n')[1];
            body = new { id = "chat-1", model, choices = new[] { new { index = 0, message = new { role = "assistant", content = $"{first} [1]" }, finish_reason = "stop" } } };
        }

        await context.Response.WriteAsJsonAsync(body);
    }

    internal static float[] Embed(string text)
    {
        var vector = new float[64];
        foreach (var word in QueryTerms.Of(text))
        {
            vector[Bucket(word)] += 1;
            if (Concepts.TryGetValue(word, out var concept))
                vector[Bucket("concept:" + concept)] += 3;
        }

        vector[63] += 0.01f; // never the zero vector
        return vector;
    }

    private static int Bucket(string word)
    {
        var hash = 17;
        foreach (var c in word)
            hash = unchecked((hash * 31) + c);
        return (int)((uint)hash % 63);
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await KnowledgeServer.ReadJsonAsync(response);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await KnowledgeServer.ReadJsonAsync(response);
    }
}
