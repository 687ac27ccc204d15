using LifeOS.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LifeOS.Hosting;

/// <summary>
/// Answers 503 with Retry-After when a request failed because a backing service (database, broker, state store) is
/// briefly unreachable, as during a PostgreSQL restart: the client should retry, and nothing it sent was acknowledged.
/// </summary>
public sealed class DependencyUnavailableHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientFailures.IsTransient(exception) || httpContext.Response.HasStarted)
            return false;

        logger.LogWarning("{Method} {Path}: a backing service is unavailable ({Error}); answered 503",
            httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                // Names the kind of trouble, never the exception's message: that may hold hosts or credentials.
                Detail = "A backing service is briefly unavailable; nothing in this request was acknowledged. Retry after the Retry-After delay.",
            },
        }).ConfigureAwait(false);
    }
}
