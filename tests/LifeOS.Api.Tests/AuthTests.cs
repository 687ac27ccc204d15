using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LifeOS.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Api.Tests;

/// <summary>Every route the app maps demands a token unless it is a probe or the OpenAPI document; device tokens may only ingest, for their own device.</summary>
public sealed class AuthTests
{
    private static readonly string[] ExpectedAnonymous =
        ["/alive", "/health", "/openapi/{documentName}.json", "/v1/auth/login", "/v1/auth/refresh", "/v1/auth/register"];

    [Fact]
    public async Task Only_the_probes_and_the_openapi_document_are_anonymous_and_they_answer_without_a_token()
    {
        await using var server = new ServerFactory();
        using var anonymous = server.CreateTokenClient(null);

        var routes = Routes(server);

        Assert.Equal(ExpectedAnonymous, routes.Where(r => r.Anonymous).Select(r => r.Pattern).Distinct().Order(StringComparer.Ordinal));
        foreach (var path in new[] { "/health", "/alive", "/openapi/v1.json" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_other_route_answers_401_problem_json_without_a_token_with_a_wrong_token_and_with_a_query_token()
    {
        await using var server = new ServerFactory();
        var routes = Routes(server).Where(r => !r.Anonymous).ToList();
        // The enumeration must really see the API, or the loop below proves nothing.
        foreach (var known in new[] { "POST /v1/ingest", "POST /v1/media", "GET /v1/stream", "GET /v1/timeline", "GET /v1/metrics/{type}",
                     "GET /v1/devices/{device}/ledger", "GET /v1/media/{sha256}", "GET /v1/pipeline", "POST /v1/devices/" })
            Assert.Contains(known, routes.Select(r => $"{r.Method} {r.Pattern}"));

        using var none = server.CreateTokenClient(null);
        using var wrong = server.CreateTokenClient("not-a-token-anyone-was-given");
        foreach (var route in routes)
        {
            foreach (var (name, client, suffix) in new[] { ("no token", none, ""), ("wrong token", wrong, ""),
                         ("token in the query of a plain request", none, "?access_token=" + ServerFactory.OwnerToken) })
            {
                using var response = await client.SendAsync(route.Request(suffix));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
                    $"{route.Method} {route.Path} with {name}: expected 401, got {(int)response.StatusCode}");
                Assert.Equal(Api.ProblemJson, response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            }
        }
    }

    [Fact]
    public async Task The_owner_token_passes_authorization_on_every_route()
    {
        await using var server = new ServerFactory();
        using var owner = server.CreateOwnerClient();

        foreach (var route in Routes(server).Where(r => !r.Anonymous))
        {
            using var response = await owner.SendAsync(route.Request(""));
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)response.StatusCode < 500,
                $"{route.Method} {route.Path}: got {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_device_token_ingests_for_its_own_device_only_and_gets_403_on_every_query_route()
    {
        await using var server = new ServerFactory();
        using var owner = server.CreateOwnerClient();
        using var registration = await owner.PostAsJsonAsync("/v1/devices", new { device = "watch", name = "My watch" });
        Assert.Equal(HttpStatusCode.Created, registration.StatusCode);
        var registered = await Api.ReadJsonAsync(registration);
        Assert.Equal("watch", registered["device"]!.GetValue<string>());
        var token = registered["token"]!.GetValue<string>();
        Assert.StartsWith("los_", token, StringComparison.Ordinal);
        using var device = server.CreateTokenClient(token);

        var answer = await Api.IngestAsync(device, new JsonArray(
            Api.HeartRate("watch", 1, "2026-03-02T08:00:00Z", 60, id: "own"),
            Api.HeartRate("phone", 1, "2026-03-02T08:01:00Z", 61, id: "other"),
            Api.HeartRate("watch", 2, "2026-03-02T08:02:00Z", 62, id: "own-2")));
        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        var rejection = Assert.Single(answer["rejected"]!.AsArray())!;
        Assert.Equal(1, rejection["index"]!.GetValue<int>());
        Assert.StartsWith("device:", rejection["error"]!.GetValue<string>(), StringComparison.Ordinal);

        foreach (var route in Routes(server).Where(r => !r.Anonymous))
        {
            using var response = await device.SendAsync(route.Request(""));
            if (route.IngestPolicy)
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                    $"{route.Method} {route.Path} is an ingest route but the device token got {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route.Method} {route.Path}: expected 403, got {(int)response.StatusCode}");
                Assert.Equal(Api.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            }
        }

        // What the device sent belongs to the owner.
        await server.WaitForPersistenceAsync();
        Assert.Equal(["own", "own-2"], Api.Ids(await Api.ReadTimelineAsync(owner)));
    }

    /// <summary>One route of the running app and how to call it with placeholder route values.</summary>
    private sealed record Route(string Method, string Pattern, string Path, bool Anonymous, bool IngestPolicy, string? ContentType)
    {
        public HttpRequestMessage Request(string suffix)
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Path + suffix);
            if (Method == "POST")
                request.Content = new StringContent("{}", Encoding.UTF8, ContentType ?? "application/json");
            return request;
        }
    }

    private static List<Route> Routes(ServerFactory server)
    {
        var data = server.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<Route>();
        foreach (var endpoint in data.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var ingest = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.Ingest);
            var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types ? types[0] : null;
            foreach (var method in methods)
                routes.Add(new Route(method, endpoint.RoutePattern.RawText!, PathOf(endpoint.RoutePattern), anonymous, ingest, contentType));
        }

        Assert.NotEmpty(routes);
        return routes;
    }

    private static string PathOf(RoutePattern pattern)
    {
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { Name: "type" } => "device.health.heartrate",
                    RoutePatternParameterPart { Name: "device" } => "watch",
                    RoutePatternParameterPart { Name: "sha256" } => new string('a', 64),
                    RoutePatternParameterPart { Name: "documentName" } => "v1",
                    RoutePatternParameterPart parameter => "x-" + parameter.Name,
                    _ => throw new InvalidOperationException("unknown route part"),
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }
}
