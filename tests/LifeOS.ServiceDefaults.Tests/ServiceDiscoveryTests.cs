using System.Net;
using LifeOS.ServiceDefaults.ServiceDiscovery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.ServiceDefaults.Tests;

public sealed class ServiceDiscoveryTests
{
    [Fact]
    public void A_service_name_resolves_to_its_configured_endpoint_keeping_path_and_query()
    {
        var resolver = Resolver(new() { ["services:api:http:0"] = "http://10.1.2.3:5082" });

        var resolved = resolver.Resolve(new Uri("http://api/v1/timeline?limit=5"));

        Assert.Equal(new Uri("http://10.1.2.3:5082/v1/timeline?limit=5"), resolved);
    }

    [Fact]
    public void Https_plus_http_prefers_https_and_falls_back_to_http()
    {
        var both = Resolver(new() { ["services:api:http:0"] = "http://h:1", ["services:api:https:0"] = "https://h:2" });
        var httpOnly = Resolver(new() { ["services:api:http:0"] = "http://h:1" });

        Assert.Equal(new Uri("https://h:2/x"), both.Resolve(new Uri("https+http://api/x")));
        Assert.Equal(new Uri("http://h:1/x"), httpOnly.Resolve(new Uri("https+http://api/x")));
    }

    [Fact]
    public void Hosts_that_name_no_service_pass_through_and_a_missing_endpoint_is_a_clear_error()
    {
        var resolver = Resolver(new() { ["services:api:http:0"] = "http://h:1" });

        Assert.Null(resolver.Resolve(new Uri("http://example.org/x")));
        var error = Assert.Throws<InvalidOperationException>(() => resolver.Resolve(new Uri("https://api/x")));
        Assert.Contains("services__api__https__0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HttpClient_from_the_factory_reaches_a_service_by_its_resource_name()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var target = await StartEchoAsync(ct);
        // The environment-variable spelling the AppHost uses, under a prefix of this test's own.
        var prefix = $"LIFEOS_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "services__echo__http__0", target.Urls.First());
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "" });
        builder.Configuration.AddEnvironmentVariables(prefix);
        Environment.SetEnvironmentVariable(prefix + "services__echo__http__0", null);
        builder.AddServiceDefaults();
        builder.Services.AddHttpClient("echo", http => http.BaseAddress = new Uri("http://echo"));
        using var host = builder.Build();

        var client = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("echo");
        var answer = await client.GetStringAsync(new Uri("/where?x=1", UriKind.Relative), ct);

        Assert.Equal($"{new Uri(target.Urls.First()).Authority} /where ?x=1", answer);
    }

    private static ServiceEndpointResolver Resolver(Dictionary<string, string?> settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static async Task<WebApplication> StartEchoAsync(CancellationToken ct)
    {
        var app = TestApps.CreateBuilder().Build();
        app.MapGet("/where", (HttpRequest request) => $"{request.Host} {request.Path} {request.QueryString}");
        await app.StartAsync(ct);
        return app;
    }
}
