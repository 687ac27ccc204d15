using Microsoft.Extensions.Configuration;

namespace LifeOS.ServiceDefaults.ServiceDiscovery;

/// <summary>Finds a service's address from Aspire's <c>services__{name}__{endpoint}__{index}</c> configuration.</summary>
/// <remarks>
/// The AppHost (and the Kubernetes manifests it publishes) hand every referencing resource one variable per endpoint,
/// e.g. <c>services__api__http__0=http://localhost:5082</c>. Microsoft.Extensions.ServiceDiscovery reads the same keys
/// but does not restore here, so this is the configuration provider of that library, and nothing more: no DNS SRV,
/// no load balancing beyond the first address.
/// </remarks>
public sealed class ServiceEndpointResolver(IConfiguration configuration)
{
    private const string ServicesSection = "services";

    /// <summary>
    /// Resolves a request URI whose host is a service name. A plain scheme (<c>http://api</c>) asks for that endpoint;
    /// <c>https+http://api</c> prefers https and falls back to http, as Aspire's service discovery does.
    /// Returns null when the host names no configured service, so ordinary URLs pass through untouched.
    /// </summary>
    public Uri? Resolve(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!requestUri.IsAbsoluteUri)
            return null;

        var service = configuration.GetSection(ServicesSection).GetSection(requestUri.Host);
        if (!service.Exists())
            return null;

        foreach (var endpointName in requestUri.Scheme.Split('+', StringSplitOptions.RemoveEmptyEntries))
        {
            var address = service.GetSection(endpointName).GetChildren()
                .OrderBy(child => child.Key, StringComparer.Ordinal)
                .Select(child => child.Value)
                .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
            if (address is null)
                continue;

            if (!Uri.TryCreate(address, UriKind.Absolute, out var baseAddress))
                throw new InvalidOperationException(
                    $"services:{requestUri.Host}:{endpointName} holds '{address}', which is not an absolute URI.");

            // Keep the caller's path and query; only scheme, host and port come from configuration.
            return new UriBuilder(requestUri)
            {
                Scheme = baseAddress.Scheme,
                Host = baseAddress.Host,
                Port = baseAddress.Port,
            }.Uri;
        }

        throw new InvalidOperationException(
            $"The service '{requestUri.Host}' is configured, but none of its endpoints matches '{requestUri.Scheme}': " +
            $"set services__{requestUri.Host}__{requestUri.Scheme.Split('+')[0]}__0.");
    }
}
