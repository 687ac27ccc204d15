using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace LifeOS.Api.Tests;

/// <summary>One embedded server on its own fresh data folder, with the owner's bootstrap token; deletes the folder on dispose.</summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    public const string OwnerToken = "owner-token-for-the-api-tests";
    public const string OwnerUserId = "owner";

    private readonly IReadOnlyDictionary<string, string?> _settings;

    public ServerFactory(IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
    }

    public string DataDir { get; } = Directory.CreateTempSubdirectory("lifeos-api-").FullName;

    /// <summary>Errors the server logged (unhandled exceptions, dead letters), to explain a failure.</summary>
    public ConcurrentQueue<string> LoggedErrors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // What a deployed server runs as; Development would change how bad requests surface.
        builder.UseEnvironment("Production");
        builder.UseSetting("LifeOS:DataDir", DataDir);
        builder.UseSetting("LifeOS:Auth:BootstrapToken", OwnerToken);
        // An OTLP endpoint in the machine's environment must not switch telemetry on behind a test's back.
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new ErrorCollector(LoggedErrors));
        });
    }

    /// <summary>A client that sends <paramref name="token"/> as a bearer token (none when null).</summary>
    public HttpClient CreateTokenClient(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient CreateOwnerClient() => CreateTokenClient(OwnerToken);

    /// <summary>Waits until every consumer group has processed everything acknowledged so far, so the store is complete.</summary>
    public async Task WaitForPersistenceAsync(TimeSpan? timeout = null)
    {
        using var client = CreateOwnerClient();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync("/v1/pipeline");
            last = await response.Content.ReadAsStringAsync();
            response.EnsureSuccessStatusCode();
            var groups = JsonNode.Parse(last)!["groups"]!.AsArray();
            Assert.NotEmpty(groups);
            if (groups.All(g => g!["lag"]!.GetValue<long>() == 0))
                return;
            await Task.Delay(20);
        }

        Assert.Fail($"the pipeline did not catch up in time: {last}");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle released a moment late; the OS temp cleaner gets the folder.
        }
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                errors.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message));
        }

        public void Dispose()
        {
        }
    }
}
