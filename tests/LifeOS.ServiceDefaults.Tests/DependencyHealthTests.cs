using System.Net;
using System.Net.Sockets;
using LifeOS.Eventing.Kafka;
using LifeOS.Testing.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace LifeOS.ServiceDefaults.Tests;

/// <summary>The dependency probes against real servers, against closed ports, and against ports that speak another protocol.</summary>
public sealed class DependencyHealthTests
{
    [Fact]
    public async Task Only_the_dependencies_whose_connection_strings_are_configured_are_probed()
    {
        var report = await CheckAsync(new() { ["ConnectionStrings:redis"] = $"127.0.0.1:{ClosedPort()}" });

        Assert.Equal(["redis", "self"], report.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_running_PostgreSQL_is_healthy_and_a_closed_port_is_not()
    {
        await using var postgres = await PostgresServer.StartNewAsync();

        var up = await CheckAsync(new() { ["ConnectionStrings:timescale"] = postgres.ConnectionString });
        var down = await CheckAsync(new() { ["ConnectionStrings:timescale"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=x" });

        Assert.Equal(HealthStatus.Healthy, up.Entries["timescale"].Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Entries["timescale"].Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Status);
    }

    [Fact]
    public async Task A_running_Redis_is_healthy_and_a_stopped_one_is_not()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:redis"] = redis.ConnectionString };

        var up = await CheckAsync(settings);
        await redis.StopAsync();
        var down = await CheckAsync(settings);

        Assert.Equal(HealthStatus.Healthy, up.Entries["redis"].Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Entries["redis"].Status);
    }

    [Fact]
    public async Task A_Kafka_broker_answering_ApiVersions_is_healthy_and_a_closed_port_is_not()
    {
        using var kafka = new KafkaMockCluster(brokers: 1);

        var up = await CheckAsync(new() { ["ConnectionStrings:kafka"] = kafka.BootstrapServers });
        // A list whose first broker is down is still healthy: clients bootstrap from any of them.
        var oneDown = await CheckAsync(new() { ["ConnectionStrings:kafka"] = $"127.0.0.1:{ClosedPort()},{kafka.BootstrapServers}" });
        var down = await CheckAsync(new() { ["ConnectionStrings:kafka"] = $"127.0.0.1:{ClosedPort()}" });

        Assert.Equal(HealthStatus.Healthy, up.Entries["kafka"].Status);
        Assert.Equal(HealthStatus.Healthy, oneDown.Entries["kafka"].Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Entries["kafka"].Status);
    }

    [Fact]
    public async Task A_port_that_speaks_HTTP_is_neither_Kafka_nor_PostgreSQL_nor_Redis()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var http = TestApps.CreateBuilder().Build();
        http.MapGet("/", () => "not a database");
        await http.StartAsync(ct);
        var authority = new Uri(http.Urls.First()).Authority;

        var report = await CheckAsync(new()
        {
            ["ConnectionStrings:kafka"] = authority,
            ["ConnectionStrings:timescale"] = $"Host=127.0.0.1;Port={new Uri(http.Urls.First()).Port}",
            ["ConnectionStrings:redis"] = authority,
        });

        Assert.All(["kafka", "timescale", "redis"], name => Assert.Equal(HealthStatus.Unhealthy, report.Entries[name].Status));
    }

    [Fact]
    public async Task Qdrant_probe_sends_readyz_with_the_api_key_to_the_REST_endpoint_and_fails_on_a_non_200()
    {
        // A local listener that records what the probe sends: it checks the request this code emits, it does not
        // stand in for Qdrant (no Qdrant server can run here).
        var ct = TestContext.Current.CancellationToken;
        var seen = new List<string>();
        var ready = true;
        await using var listener = TestApps.CreateBuilder().Build();
        listener.Map("/{**path}", (HttpContext context) =>
        {
            lock (seen)
                seen.Add($"{context.Request.Method} {context.Request.Path} key={context.Request.Headers["api-key"]}");
            return ready ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await listener.StartAsync(ct);
        var settings = new Dictionary<string, string?>
        {
            // Aspire hands out both; the gRPC one must not be the one probed over HTTP/1.1.
            ["ConnectionStrings:qdrant"] = $"Endpoint=http://127.0.0.1:{ClosedPort()};Key=s3cret",
            ["ConnectionStrings:qdrant_http"] = $"Endpoint={listener.Urls.First()};Key=s3cret",
        };

        var up = await CheckAsync(settings);
        ready = false;
        var down = await CheckAsync(settings);

        Assert.Equal(HealthStatus.Healthy, up.Entries["qdrant"].Status);
        Assert.Equal(HealthStatus.Unhealthy, down.Entries["qdrant"].Status);
        Assert.All(seen, request => Assert.Equal("GET /readyz key=s3cret", request));
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task An_unreachable_dependency_makes_health_503_while_alive_stays_200()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApps.CreateBuilder(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = $"127.0.0.1:{ClosedPort()}" });
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(ct);
        using var client = TestApps.CreateClient(app);

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), ct);
        using var alive = await client.GetAsync(new Uri("/alive", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    internal static async Task<HealthReport> CheckAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        using var host = builder.Build();
        return await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
