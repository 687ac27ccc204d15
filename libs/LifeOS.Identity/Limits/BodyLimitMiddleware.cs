using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity.Limits;

/// <summary>Applies each route's body limit: a declared length over it is answered 413 before anything is read, and
/// the server's own limit is lowered to it so a chunked body cannot stream past it either.</summary>
public sealed class BodyLimitMiddleware(RequestDelegate next, IOptions<LimitsOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
            return next(context);

        var limit = endpoint.Metadata.GetMetadata<BodyLimit>()?.MaxBytes ?? options.Value.DefaultMaxBodyBytes;
        if (context.Request.ContentLength > limit)
            return RejectAsync(context, limit);

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        return next(context);
    }

    private static Task RejectAsync(HttpContext context, long limit)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        // The connection may still carry the unread body; closing it spares reading what will be thrown away.
        context.Response.Headers.Connection = "close";
        return context.Response.WriteAsJsonAsync(new
        {
            type = "about:blank",
            title = "Request too large",
            status = StatusCodes.Status413PayloadTooLarge,
            detail = $"body: must be at most {limit} bytes for this endpoint",
            field = "body",
        }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
