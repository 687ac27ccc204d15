using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace LifeOS.Knowledge.Tests;

/// <summary>The embedded server on a fresh data folder, with the owner's bootstrap token and no model configured unless a test sets one.</summary>
public sealed class KnowledgeServer(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string OwnerToken = "owner-token-for-the-knowledge-tests";
    public const string OwnerUserId = "owner";

    /// <summary>Leaves the data folder in place on dispose, for a test that reopens it; that test deletes it.</summary>
    public bool KeepData { get; init; }

    public string DataDir { get; } = Directory.CreateTempSubdirectory("lifeos-knowledge-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("LifeOS:DataDir", DataDir);
        builder.UseSetting("LifeOS:Auth:BootstrapToken", OwnerToken);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        // A model configured in the machine's environment must not change what these tests see.
        builder.UseSetting("ConnectionStrings:chat", "");
        builder.UseSetting("ConnectionStrings:embeddings", "");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders());
    }

    public HttpClient Owner()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OwnerToken);
        return client;
    }

    /// <summary>Waits until every consumer group (persistence, journal, knowledge, url) has handled everything appended so far.</summary>
    public async Task WaitForPipelineAsync()
    {
        using var client = Owner();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = await client.GetStringAsync("/v1/pipeline");
            if (JsonNode.Parse(last)!["groups"]!.AsArray().All(g => g!["lag"]!.GetValue<long>() == 0))
                return;
            await Task.Delay(25);
        }

        Assert.Fail("the pipeline did not catch up: " + last);
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (KeepData)
            return;
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle released a moment late; the OS temp cleaner gets the folder.
        }
    }
}
