using System.Diagnostics;
using System.Net;
using LifeOS.ServiceDefaults.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Polly.CircuitBreaker;

namespace LifeOS.ServiceDefaults.Tests;

/// <summary>The default resilience of outgoing HttpClient calls, against a real Kestrel server that fails on purpose.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task A_GET_that_meets_503s_is_retried_until_it_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var flaky = await FlakyServer.StartAsync(failures: 2, ct);
        using var host = CreateClientHost();

        using var response = await Client(host, flaky).GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, flaky.Hits);
    }

    [Fact]
    public async Task A_POST_is_not_retried_because_repeating_it_could_act_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var flaky = await FlakyServer.StartAsync(failures: 1, ct);
        using var host = CreateClientHost();

        using var response = await Client(host, flaky).PostAsync(new Uri("/", UriKind.Relative), new StringContent("{}"), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, flaky.Hits);
    }

    [Fact]
    public async Task Retry_After_is_waited_out_instead_of_the_short_backoff()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var flaky = await FlakyServer.StartAsync(failures: 1, ct, retryAfterSeconds: 1);
        using var host = CreateClientHost();

        var clock = Stopwatch.StartNew();
        using var response = await Client(host, flaky).GetAsync(new Uri("/", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The configured backoff is 10 ms; only the server's Retry-After explains a wait of about a second.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_destination_that_keeps_failing_opens_its_circuit_and_other_destinations_are_unaffected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broken = await FlakyServer.StartAsync(failures: int.MaxValue, ct);
        await using var healthy = await FlakyServer.StartAsync(failures: 0, ct);
        using var host = CreateClientHost(new() { ["MaxRetryAttempts"] = "0", ["MinimumThroughput"] = "4", ["BreakDuration"] = "00:00:30" });

        for (var i = 0; i < 4; i++)
        {
            using var failed = await Client(host, broken).GetAsync(new Uri("/", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => Client(host, broken).GetAsync(new Uri("/", UriKind.Relative), ct));
        Assert.Equal(4, broken.Hits);
        using var ok = await Client(host, healthy).GetAsync(new Uri("/", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    private static IHost CreateClientHost(Dictionary<string, string?>? resilience = null)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            [$"{HttpResilienceOptions.Section}:RetryDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in resilience ?? [])
            settings[$"{HttpResilienceOptions.Section}:{key}"] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient();
        return builder.Build();
    }

    private static HttpClient Client(IHost host, FlakyServer server)
    {
        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();
        client.BaseAddress = server.Address;
        return client;
    }

    /// <summary>Answers 503 to its first <c>failures</c> requests, then 200.</summary>
    private sealed class FlakyServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _hits;

        private FlakyServer(WebApplication app) => _app = app;

        public int Hits => Volatile.Read(ref _hits);

        public Uri Address => new(_app.Urls.First());

        public static async Task<FlakyServer> StartAsync(int failures, CancellationToken ct, int? retryAfterSeconds = null)
        {
            var app = TestApps.CreateBuilder().Build();
            var server = new FlakyServer(app);
            app.Map("/", (HttpContext context) =>
            {
                if (Interlocked.Increment(ref server._hits) > failures)
                    return Results.Ok("fine");
                if (retryAfterSeconds is { } seconds)
                    context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            });
            await app.StartAsync(ct);
            return server;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
