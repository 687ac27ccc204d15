using System.Net.Http.Json;
using System.Text.Json;
using LifeOS.Eventing;
using LifeOS.Eventing.Embedded;
using LifeOS.Knowledge.Items;
using LifeOS.Search;
using LifeOS.Storage;
using LifeOS.Testing.Servers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Knowledge.Tests;

/// <summary>Items indexed while no embedding model was configured are re-embedded by a replay once one is; current ones are left alone.</summary>
public sealed class RederivationTests
{
    [Fact]
    public async Task A_replay_embeds_what_was_skipped_and_leaves_current_rows_alone()
    {
        string noteId;
        var server = new KnowledgeServer { KeepData = true };
        var dataDir = server.DataDir;
        try
        {
            using (var client = server.Owner())
            {
                using var note = await client.PostAsJsonAsync("/v1/knowledge", new { kind = "note", text = "Sourdough starter schedule." });
                noteId = (await KnowledgeServer.ReadJsonAsync(note))["id"]!.GetValue<string>();
                using var entry = await client.PostAsJsonAsync("/v1/journal", new { text = "Mood 7/10." });
                await server.WaitForPipelineAsync();
            }

            // The server stops first: the embedded vector index takes one writer.
            await server.DisposeAsync();
            await using var models = await LocalWebServer.StartAsync(EmbeddingsAsync);
            var endpoint = new Uri(models.BaseAddress, "/v1/").AbsoluteUri;

            var (report, lines) = await RunAsync(dataDir, endpoint, dryRun: true);
            Assert.Equal(new RederivationReport(2, 1, 1, 0), report);
            Assert.Contains(lines, l => l.EventId == noteId && l.Outcome.StartsWith("would re-derive: embedded by skipped: ", StringComparison.Ordinal));

            (report, _) = await RunAsync(dataDir, endpoint, dryRun: false);
            Assert.Equal(new RederivationReport(2, 1, 1, 0), report);
            using (var store = new KnowledgeStore(Path.Combine(dataDir, "knowledge.db")))
                Assert.Equal("test-embed", (await store.GetAsync(KnowledgeServer.OwnerUserId, noteId, CancellationToken.None))!.Embedding);

            // A second run finds everything current.
            (report, _) = await RunAsync(dataDir, endpoint, dryRun: false);
            Assert.Equal(new RederivationReport(2, 0, 2, 0), report);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<(RederivationReport, List<RederivationProgress>)> RunAsync(string dataDir, string endpoint, bool dryRun)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LifeOS:DataDir"] = dataDir,
            ["ConnectionStrings:embeddings"] = $"Endpoint={endpoint};Model=test-embed;MaxRetries=0",
        });
        builder.Services.AddSingleton<IEventLog>(_ => new SqliteEventLog(Path.Combine(dataDir, "log.db")));
        builder.Services.AddSingleton<IBlobStore>(_ => new FileBlobStore(Path.Combine(dataDir, "blobs")));
        builder.AddRederivation();
        using var host = builder.Build();
        var lines = new List<RederivationProgress>();
        var report = await host.Services.GetRequiredService<Rederivation>().RunAsync(dryRun, lines.Add, CancellationToken.None);
        await host.Services.GetRequiredService<IEventLog>().DisposeAsync();
        return (report, lines);
    }

    private static async Task EmbeddingsAsync(HttpContext context)
    {
        using var request = await JsonDocument.ParseAsync(context.Request.Body);
        var inputs = request.RootElement.GetProperty("input").EnumerateArray().Select(i => i.GetString()!).ToList();
        await context.Response.WriteAsJsonAsync(new
        {
            model = "test-embed",
            data = inputs.Select((text, i) => new { index = i, embedding = HybridSearchTests.Embed(text) }),
        });
    }
}
