using Polly;

namespace LifeOS.ServiceDefaults.Resilience;

/// <summary>Runs each outgoing request through its destination's resilience pipeline (retry, timeouts, circuit breaker).</summary>
public sealed class ResilienceHandler(HttpResiliencePipelines pipelines) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var destination = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResiliencePipelines.RequestKey, request);
        try
        {
            return await pipelines.For(destination).ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.handler.SendInnerAsync(state.request, ctx.CancellationToken)),
                context,
                (handler: this, request))
                .ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
