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
}
