using LifeOS.Deployment.Tests.Manifest;

namespace LifeOS.Deployment.Tests.Kong;

/// <summary>One operation a service serves: its resource name, method and path template (from its OpenAPI document).</summary>
public sealed record ServiceOperation(string Service, string Method, string PathTemplate)
{
    /// <summary>A concrete path for the template: each <c>{parameter}</c> becomes a plain segment.</summary>
    public string SamplePath => System.Text.RegularExpressions.Regex.Replace(PathTemplate, @"\{[^}]+\}", "sample0");
}

/// <summary>The rules between kong.yaml, the manifest and the services' routes; each returns its problems.</summary>
public static class KongChecks
{
    /// <summary>Paths every host serves that must never be reachable from outside.</summary>
    public static readonly string[] InternalPaths = ["/health", "/alive", "/openapi/v1.json"];

    public static List<string> ServicesPointAtProjects(KongConfig kong, AspireManifest manifest)
    {
        var problems = new List<string>();
        foreach (var service in kong.Services)
        {
            var url = new Uri(service.Url);
            if (!manifest.Resources.TryGetValue(url.Host, out var resource) || resource.Type != "project.v0")
            {
                problems.Add($"Kong service {service.Name} points at {url.Host}, which is no project of the manifest");
                continue;
            }

            var port = resource.Bindings.TryGetValue("http", out var http) ? http.TargetPort : null;
            if (port != url.Port)
                problems.Add($"Kong service {service.Name} points at port {url.Port}; {url.Host} listens on {port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "a port the manifest does not fix"}");
        }

        return problems;
    }

    /// <summary>Every operation is routed, by exactly one route, to its own service; every route serves some operation; internal paths are not routed.</summary>
    public static List<string> RoutesMatchOperations(KongConfig kong, IReadOnlyList<ServiceOperation> operations)
    {
        var problems = new List<string>();
        foreach (var operation in operations)
        {
            var routes = kong.Matching(operation.Method, operation.SamplePath).ToList();
            if (routes.Count == 0)
                problems.Add($"{operation.Method} {operation.PathTemplate} ({operation.Service}) is not routed by Kong");
            else if (routes.Count > 1)
                problems.Add($"{operation.Method} {operation.PathTemplate} matches several routes: {string.Join(", ", routes.Select(r => r.Route.Name))}");
            else if (new Uri(routes[0].Service.Url).Host != operation.Service)
                problems.Add($"{operation.Method} {operation.PathTemplate} is served by {operation.Service}, Kong routes it to {routes[0].Service.Url}");
        }

        foreach (var (service, route) in kong.Routes)
        {
            var host = new Uri(service.Url).Host;
            if (!operations.Any(o => o.Service == host && route.Matches(o.Method, o.SamplePath)))
                problems.Add($"Kong route {route.Name} matches no public operation of {host}");
            if (route.StripPath)
                problems.Add($"Kong route {route.Name} strips its path; the services expect the full path");
        }

        foreach (var path in InternalPaths)
        {
            foreach (var method in new[] { "GET", "POST" })
                problems.AddRange(kong.Matching(method, path).Select(r => $"internal {method} {path} is routed by {r.Route.Name}"));
        }

        return problems;
    }
}
