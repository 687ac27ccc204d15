using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace LifeOS.Security.Tests;

/// <summary>Every route the running app maps, read from its endpoint data source, so a route added later is walked too.</summary>
internal static class RouteCatalog
{
    public static List<Route> Enumerate(SecureServer server)
    {
        var data = server.Services.GetRequiredService<EndpointDataSource>();
        var routes = new List<Route>();
        foreach (var endpoint in data.Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var contentType = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } types ? types[0] : null;
            foreach (var method in methods)
                routes.Add(new Route(method, endpoint.RoutePattern.RawText!, endpoint.RoutePattern, anonymous, contentType));
        }

        Assert.NotEmpty(routes);
        return routes;
    }

    /// <summary>Every path for a route, with each parameter filled from <paramref name="values"/> (one path per combination).</summary>
    public static IEnumerable<string> Paths(RoutePattern pattern, IReadOnlyDictionary<string, string[]> values)
    {
        IEnumerable<string> paths = [""];
        foreach (var segment in pattern.PathSegments)
        {
            IEnumerable<string> options = [""];
            foreach (var part in segment.Parts)
            {
                string[] choices = part switch
                {
                    RoutePatternLiteralPart literal => [literal.Content],
                    RoutePatternSeparatorPart separator => [separator.Content],
                    RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var given)
                        ? [.. given.Select(Uri.EscapeDataString)]
                        : ["x-" + parameter.Name],
                    _ => throw new InvalidOperationException("unknown route part"),
                };
                options = [.. options.SelectMany(o => choices.Select(c => o + c))];
            }

            paths = [.. paths.SelectMany(p => options.Select(o => p + "/" + o))];
        }

        return paths.Select(p => p.Length == 0 ? "/" : p).Distinct();
    }
}

/// <summary>One route of the running app.</summary>
internal sealed record Route(string Method, string Pattern, RoutePattern Parsed, bool Anonymous, string? ContentType)
{
    public string Name => $"{Method} {Pattern}";

    public HttpRequestMessage Request(string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), path);
        if (body is not null && Method is "POST" or "PUT" or "PATCH")
            request.Content = new StringContent(body, Encoding.UTF8, ContentType ?? "application/json");
        return request;
    }
}
