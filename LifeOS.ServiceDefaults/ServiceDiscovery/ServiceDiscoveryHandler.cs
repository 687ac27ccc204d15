namespace LifeOS.ServiceDefaults.ServiceDiscovery;

/// <summary>Rewrites <c>http://{service}/...</c> requests to the address configured for that service.</summary>
/// <remarks>Sits outside the resilience handler, so every retry goes to the same resolved address.</remarks>
public sealed class ServiceDiscoveryHandler(ServiceEndpointResolver resolver) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && resolver.Resolve(uri) is { } resolved)
        {
            request.RequestUri = resolved;
            // The Host header must name the real authority, or virtual-hosted upstreams would see the logical name.
            request.Headers.Host = null;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
