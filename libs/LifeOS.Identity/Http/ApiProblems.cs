using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LifeOS.Identity.Http;

/// <summary>The one way every module answers a refused request: problem+json whose <c>field</c> names what was wrong
/// and whose detail never echoes input or secrets.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Field(string field, string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status401Unauthorized => "Authentication failed",
                StatusCodes.Status403Forbidden => "Forbidden",
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status409Conflict => "Conflict",
                StatusCodes.Status413PayloadTooLarge => "Request too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
                StatusCodes.Status429TooManyRequests => "Too many requests",
                StatusCodes.Status503ServiceUnavailable => "Unavailable",
                _ => "Invalid request",
            },
            detail: $"{field}: {detail}",
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>A 400 from a validation message of the form <c>field: detail</c>, the form every validator here writes;
    /// a message without a field is put on <paramref name="fallbackField"/>.</summary>
    public static ProblemHttpResult FromError(string error, string fallbackField = "request")
    {
        ArgumentNullException.ThrowIfNull(error);
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? Field(error[..colon], error[(colon + 1)..].TrimStart()) : Field(fallbackField, error);
    }

    /// <summary>The pipeline is too far behind to take more now (503, retry after a second); nothing of the request was appended.</summary>
    public static ProblemHttpResult Busy(HttpContext context, TimeoutException why)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(why);
        context.Response.Headers.RetryAfter = "1";
        return Field("body", why.Message, StatusCodes.Status503ServiceUnavailable);
    }
}
