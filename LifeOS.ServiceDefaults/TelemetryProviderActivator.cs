using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LifeOS.ServiceDefaults;

/// <summary>Builds the OpenTelemetry providers as the host starts.</summary>
/// <remarks>
/// Nothing else asks the container for the providers (OpenTelemetry.Extensions.Hosting would, but it is not
/// available), and a provider that is never built never attaches its ActivityListener or MeterListener, so
/// nothing would be recorded. The host constructs every hosted service before starting any, Kestrel included,
/// so depending on the providers here builds them before the first request arrives.
/// </remarks>
internal sealed class TelemetryProviderActivator : IHostedService
{
    public TelemetryProviderActivator(TracerProvider tracerProvider, MeterProvider meterProvider)
    {
        ArgumentNullException.ThrowIfNull(tracerProvider);
        ArgumentNullException.ThrowIfNull(meterProvider);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Flushing happens when the container disposes the providers, after every hosted service has stopped
    // and can no longer emit spans.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
