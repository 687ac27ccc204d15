using System.Net;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LifeOS.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Probes_answer_without_credentials_when_the_fallback_policy_requires_an_authenticated_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        builder.Services.AddAuthentication(AlwaysFailsHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, AlwaysFailsHandler>(AlwaysFailsHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        await using var app = builder.Build();
        app.MapGet("/secret", () => "secret");
        app.MapDefaultEndpoints();
        await app.StartAsync(ct);
        using var client = TestApps.CreateClient(app);

        // The policy really is enforced, so the probes below pass because of AllowAnonymous.
        using var secret = await client.GetAsync("/secret", ct);
        Assert.Equal(HttpStatusCode.Unauthorized, secret.StatusCode);

        foreach (var path in new[] { "/health", "/alive" })
        {
            using var response = await client.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(ct));
        }
    }

    [Fact]
    public async Task A_failing_check_makes_health_503_without_leaking_its_details_while_alive_stays_200()
    {
        var ct = TestContext.Current.CancellationToken;
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks()
            .AddCheck("timescale-secret-name", () => HealthCheckResult.Unhealthy(
                "secret description", new InvalidOperationException("Password=secret-password")))
            .AddCheck<ThrowingCheck>("throwing-secret-name");
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync(ct);
        using var client = TestApps.CreateClient(app);

        using var health = await client.GetAsync("/health", ct);
        var body = await health.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Unhealthy", body);
        Assert.DoesNotContain("secret", health.Headers.ToString(), StringComparison.OrdinalIgnoreCase);

        using var alive = await client.GetAsync("/alive", ct);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("Healthy", await alive.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task Probe_endpoints_are_left_out_of_the_api_description()
    {
        var builder = TestApps.CreateBuilder();
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapDefaultEndpoints();

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();
        foreach (var path in new[] { "/health", "/alive" })
        {
            var endpoint = Assert.Single(endpoints, e => e.RoutePattern.RawText == path);
            Assert.True(endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription);
        }
    }

    private sealed class ThrowingCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Host=db.internal;Password=secret-password");
    }

    private sealed class AlwaysFailsHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "AlwaysFails";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(AuthenticateResult.Fail("no credentials are ever valid here"));
    }
}
