using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LifeOS.Ingestion;

/// <summary>problem+json answers that name the field at fault and never echo the input.</summary>
public static class Problems
{
    public static ProblemHttpResult Field(int status, string field, string detail) =>
        TypedResults.Problem(
            detail: $"{field}: {detail}",
            statusCode: status,
            title: status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Request too large",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
                StatusCodes.Status503ServiceUnavailable => "Busy",
                _ => "Invalid request",
            },
            extensions: new Dictionary<string, object?> { ["field"] = field });

    /// <summary>The pipeline is too far behind to take more now; nothing of the request was appended.</summary>
    public static ProblemHttpResult Busy(HttpContext context, TimeoutException why)
    {
        context.Response.Headers.RetryAfter = "1";
        return Field(StatusCodes.Status503ServiceUnavailable, "body", why.Message);
    }

    /// <summary>A 400 from a validation message of the form <c>field: detail</c>, the form every validator here writes.</summary>
    public static ProblemHttpResult FromError(string error)
    {
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            ? Field(StatusCodes.Status400BadRequest, error[..colon], error[(colon + 1)..].TrimStart())
            : Field(StatusCodes.Status400BadRequest, "event", error);
    }
}
